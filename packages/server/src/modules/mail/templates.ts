import { TwoFactorMethod } from '@twofold/shared';

/** A rendered email: plain text carrying the link; never a password, code or secret. */
export interface MailContent {
  subject: string;
  text: string;
}

/** Names typed by administrators end up in a header: one line, no control characters. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export interface InvitationMailInput {
  displayName: string;
  accountName: string;
  inviterName: string;
  link: string;
  expiresInHours: number;
  /** The email already signs in to Twofold: accept with that password instead of choosing one. */
  hasLogin: boolean;
  /** An earlier invitation was mailed: its link no longer works. */
  replacesEarlier?: boolean;
}

export function invitationMail(input: InvitationMailInput): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `You have been invited to ${accountName} on Twofold`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `${oneLine(input.inviterName)} invited you to the account ${accountName} on Twofold.`,
      input.hasLogin
        ? 'You already have a Twofold login with this email: open the link and confirm with your current password.'
        : 'Open the link to choose your password:',
      '',
      input.link,
      '',
      `The link works once and expires in ${input.expiresInHours} hours.`,
      ...(input.replacesEarlier ? ['Any link in an earlier invitation no longer works.'] : []),
      'If you did not expect this invitation, you can ignore this email.',
    ].join('\n'),
  };
}

export interface PasswordResetMailInput {
  link: string;
  expiresInMinutes: number;
}

export function passwordResetMail(input: PasswordResetMailInput): MailContent {
  return {
    subject: 'Reset your Twofold password',
    text: [
      'Someone asked to reset the password of your Twofold login.',
      'Open the link to choose a new password; every session of the login is then signed out:',
      '',
      input.link,
      '',
      `The link works once and expires in ${input.expiresInMinutes} minutes.`,
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

export interface TwoFactorResetMailInput {
  displayName: string;
  accountName: string;
  /** The administrator who reset it; null for the server's break-glass command. */
  adminName: string | null;
}

/** Tells a user their 2FA was reset; carries no link: the next sign-in starts the new enrollment. */
export function twoFactorResetMail(input: TwoFactorResetMailInput): MailContent {
  const accountName = oneLine(input.accountName);
  const by = input.adminName === null ? 'an operator of Twofold' : oneLine(input.adminName);
  return {
    subject: `Your two-factor authentication for ${accountName} was reset`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `Your two-factor authentication for the account ${accountName} on Twofold was reset by ${by}.`,
      'Your authenticator link and backup codes no longer work, and you were signed out.',
      'At your next sign-in you will link your authenticator again.',
      '',
      'If you did not ask for this, contact the administrators of your account.',
    ].join('\n'),
  };
}

export interface FactorsRemovedMailInput {
  displayName: string;
  accountName: string;
  adminName: string;
  /** What was removed, in words ("your authenticator app", "your backup codes"). */
  removed: readonly string[];
}

/**
 * Tells a user an administrator removed some of their second factors (docs/design.md,
 * Second-factor rules): which ones, that they were signed out, and that the others still work.
 */
export function factorsRemovedMail(input: FactorsRemovedMailInput): MailContent {
  const accountName = oneLine(input.accountName);
  const removed =
    input.removed.length > 1
      ? `${input.removed.slice(0, -1).join(', ')} and ${input.removed.at(-1)}`
      : (input.removed[0] ?? 'a second factor');
  return {
    subject: `A second factor of yours for ${accountName} was removed`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `${oneLine(input.adminName)} removed ${removed} from your two-factor authentication for the account ${accountName} on Twofold.`,
      'You were signed out; sign in again with a second factor you still have.',
      '',
      'If you did not ask for this, contact the administrators of your account.',
    ].join('\n'),
  };
}

export interface EnrollmentLinkMailInput {
  displayName: string;
  accountName: string;
  link: string;
  expiresInHours: number;
}

/**
 * Re-sends enrollment as a single-use link; never a secret or a QR image (docs/design.md, Second-factor rules): the QR code
 * is shown only after the user signs in with their password.
 */
export function enrollmentLinkMail(input: EnrollmentLinkMailInput): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `Set up two-factor authentication for ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `An administrator of ${accountName} on Twofold asked you to link your authenticator app.`,
      'Open the link; after signing in with your password you scan a new QR code:',
      '',
      input.link,
      '',
      `The link works once and expires in ${input.expiresInHours} hours; a newer link replaces it.`,
      'If you did not expect this email, you can ignore it.',
    ].join('\n'),
  };
}

export interface TwoFactorMailInput {
  displayName: string;
  accountName: string;
}

const methodPhrases: Record<TwoFactorMethod, { linked: string; needs: string }> = {
  [TwoFactorMethod.AUTHENTICATOR_APP]: {
    linked: 'A new authenticator app was linked',
    needs: 'a code from your authenticator app',
  },
  [TwoFactorMethod.SMS]: {
    linked: 'A new phone number was linked',
    needs: 'a code sent by text message to your phone',
  },
  [TwoFactorMethod.PIN]: { linked: 'A new PIN code was set', needs: 'your PIN code' },
  [TwoFactorMethod.PASSKEY]: { linked: 'A new passkey was added', needs: 'one of your passkeys' },
};

export function twoFactorEnabledMail(
  input: TwoFactorMailInput & { replaced: boolean; method?: TwoFactorMethod },
): MailContent {
  const accountName = oneLine(input.accountName);
  const phrases = methodPhrases[input.method ?? TwoFactorMethod.AUTHENTICATOR_APP];
  return {
    subject: `Two-factor authentication enabled for ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      input.replaced
        ? `${phrases.linked} to your profile in ${accountName} on Twofold; the previous one no longer works.`
        : `Two-factor authentication was enabled for your profile in ${accountName} on Twofold.`,
      `From now on, signing in needs ${phrases.needs} (or one of your backup codes).`,
      '',
      'If this was not you, contact an administrator of the account at once.',
    ].join('\n'),
  };
}

export function twoFactorDisabledMail(input: TwoFactorMailInput): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `Two-factor authentication disabled for ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `Two-factor authentication was turned off for your profile in ${accountName} on Twofold.`,
      'Your authenticator app and your backup codes no longer work for this profile.',
      '',
      'If this was not you, contact an administrator of the account at once.',
    ].join('\n'),
  };
}

/** The profile added a passkey (docs/design.md, Passkeys); `first`: 2FA is on from now. */
export function passkeyAddedMail(
  input: TwoFactorMailInput & { name: string; first: boolean },
): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `A passkey was added to your profile in ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `A passkey was added to your profile in ${accountName} on Twofold: “${oneLine(input.name)}”.`,
      input.first
        ? 'Two-factor authentication is on: from now on, signing in needs one of your passkeys (or one of your backup codes).'
        : 'It signs you in like your other second factors.',
      '',
      'If this was not you, contact an administrator of the account at once.',
    ].join('\n'),
  };
}

/** The profile removed one of its passkeys (docs/design.md, Passkeys). */
export function passkeyRemovedMail(input: TwoFactorMailInput & { name: string }): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `A passkey was removed from your profile in ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `The passkey “${oneLine(input.name)}” was removed from your profile in ${accountName} on Twofold. It no longer signs you in.`,
      '',
      'If this was not you, contact an administrator of the account at once.',
    ].join('\n'),
  };
}

export function backupCodeUsedMail(input: TwoFactorMailInput & { remaining: number }): MailContent {
  const accountName = oneLine(input.accountName);
  return {
    subject: `A backup code was used to sign in to ${accountName}`,
    text: [
      `Hello ${oneLine(input.displayName)},`,
      '',
      `One of your backup codes was just used to sign in to your profile in ${accountName} on Twofold.`,
      input.remaining === 1
        ? '1 unused backup code remains.'
        : `${input.remaining} unused backup codes remain.`,
      input.remaining <= 3
        ? 'Generate new backup codes in your profile soon.'
        : 'Each code works only once.',
      '',
      'If this was not you, contact an administrator of the account at once.',
    ].join('\n'),
  };
}
