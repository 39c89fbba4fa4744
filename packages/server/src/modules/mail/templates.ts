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
