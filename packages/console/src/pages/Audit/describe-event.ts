import { type AuditAction, isAuditAction } from '@twofold/shared';
import type { AuditEventsQuery } from '@twofold/shared/graphql';
import { userTypeLabels } from '../../lib/labels';

export type AuditEventNode = AuditEventsQuery['auditEvents']['nodes'][number];

/**
 * What a sentence is made of: any selection of an event with these fields (the log, the overview,
 * a user's activity).
 */
export type DescribedEvent = Pick<
  AuditEventNode,
  'action' | 'actorUserId' | 'actorName' | 'targetType' | 'targetName' | 'details'
>;

type Words = (actor: string, target: string, details: Record<string, unknown>) => string;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** How a method reads inside a sentence ("set up an authenticator app"). */
const methodWords: Record<string, string> = {
  AUTHENTICATOR_APP: 'an authenticator app',
  SMS: 'text message codes',
  PIN: 'a PIN code',
  PASSKEY: 'a passkey',
};
const method = (details: Record<string, unknown>, otherwise: string): string =>
  methodWords[text(details.method) ?? ''] ?? otherwise;

/** Whether an export narrowed what it downloaded. */
const hasFilter = (details: Record<string, unknown>): boolean =>
  typeof details.filter === 'object' &&
  details.filter !== null &&
  Object.keys(details.filter).length > 0;

/** A factor an administrator removed, inside a sentence ("removed the text message number"). */
const factorWords: Record<string, string> = {
  AUTHENTICATOR_APP: 'the authenticator app',
  SMS: 'the text message number',
  PIN: 'the PIN code',
  BACKUP_CODE: 'the backup codes',
  PASSKEY: 'a passkey',
};

/** "a", "a and b", "a, b and c". */
const listed = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/**
 * Each action the server records, in words (the filter offers them in this order). Exhaustive:
 * an action added to `auditActions` without words fails the type check.
 */
export const actionWords: Record<AuditAction, { label: string; words: Words }> = {
  'auth.signed_in': {
    label: 'Signed in',
    words: (a, _t, d) =>
      text(d.provider) ? `${a} signed in with ${text(d.provider)}` : `${a} signed in`,
  },
  'auth.sign_in_failed': { label: 'Failed sign-in', words: () => 'A sign-in failed' },
  'auth.password_changed': {
    label: 'Password changed',
    words: (a) => `${a} changed the password`,
  },
  'auth.password_reset_requested': {
    label: 'Password reset requested',
    words: () => 'A password reset link was requested',
  },
  'auth.password_reset': { label: 'Password reset', words: () => 'The password was reset' },
  'auth.openid_linked': {
    label: 'Identity provider linked',
    words: (a, _t, d) =>
      `${a} linked their sign-in with ${text(d.provider) ?? 'an identity provider'}`,
  },
  'auth.openid_failed': {
    label: 'Identity provider sign-in refused',
    words: (_a, t, d) =>
      `A sign-in through ${text(d.provider) ?? t} was refused` +
      (text(d.reason) ? ` (${text(d.reason)})` : ''),
  },
  'identity_provider.created': {
    label: 'Identity provider added',
    words: (a, t) => `${a} added the identity provider ${t}`,
  },
  'identity_provider.updated': {
    label: 'Identity provider changed',
    words: (a, t) => `${a} changed the identity provider ${t}`,
  },
  'identity_provider.tested': {
    label: 'Identity provider tested',
    words: (a, t, d) =>
      `${a} tested the identity provider ${t}` +
      (text(d.reason) ? ` — it failed (${text(d.reason)})` : ''),
  },
  'identity_provider.removed': {
    label: 'Identity provider removed',
    words: (a, t, d) => `${a} removed the identity provider ${text(d.displayName) ?? t}`,
  },
  'auth.second_factor_verified': {
    label: 'Second factor passed',
    words: (a) => `${a} passed the second factor`,
  },
  'auth.second_factor_failed': {
    label: 'Wrong second-factor code',
    words: (a) => `${a} entered a wrong second-factor code`,
  },
  'auth.remembered_browser_used': {
    label: 'Remembered browser used',
    words: (a, _t, d) =>
      `${a} skipped the second factor on a remembered browser` +
      (text(d.browser) ? ` (${text(d.browser)})` : ''),
  },
  'user.created': {
    label: 'User invited',
    words: (a, t, d) =>
      d.sendInvitation === false ? `${a} added ${t} without an invitation` : `${a} invited ${t}`,
  },
  'user.invitation_sent': {
    label: 'Invitation sent',
    words: (a, t, d) =>
      d.resent === true ? `${a} sent ${t} a new invitation` : `${a} sent ${t} an invitation`,
  },
  'user.invitation_revoked': {
    label: 'Invitation revoked',
    words: (a, t) => `${a} revoked the invitation of ${t}`,
  },
  'user.invitation_accepted': {
    label: 'Invitation accepted',
    words: (_a, t) => `${t} accepted the invitation`,
  },
  'user.updated': { label: 'User changed', words: (a, t) => `${a} changed ${t}` },
  'user.suspended': { label: 'User suspended', words: (a, t) => `${a} suspended ${t}` },
  'user.reactivated': { label: 'User reactivated', words: (a, t) => `${a} reactivated ${t}` },
  'user.apps_set': { label: 'Apps assigned', words: (a, t) => `${a} changed the apps of ${t}` },
  'user.sessions_ended': {
    label: 'Sessions ended',
    words: (a, t, d) =>
      typeof d.sessions === 'number'
        ? `${a} ended ${d.sessions === 1 ? '1 session' : `${d.sessions} sessions`} of ${t}`
        : `${a} ended the sessions of ${t}`,
  },
  'user.removed': {
    label: 'User removed',
    words: (a, t, d) => `${a} removed ${text(d.displayName) ?? t}`,
  },
  'two_factor.enabled': {
    label: '2FA set up',
    words: (a, _t, d) => `${a} set up ${method(d, 'two-factor authentication')}`,
  },
  'two_factor.disabled': {
    label: '2FA turned off',
    words: (a) => `${a} turned off two-factor authentication`,
  },
  'two_factor.reset': {
    label: '2FA reset',
    words: (a, t, d) => {
      const factors = Array.isArray(d.factors)
        ? d.factors.map((kind) => factorWords[text(kind) ?? ''] ?? 'a second factor')
        : [];
      const what =
        factors.length > 0
          ? `removed ${listed(factors)} of ${t}`
          : `reset the two-factor authentication of ${t}`;
      return `${a} ${what}` + (text(d.reason) ? ` — reason: “${text(d.reason)}”` : '');
    },
  },
  'two_factor.unlocked': {
    label: '2FA unlocked',
    words: (a, t, d) =>
      d.disabled === true
        ? `${a} unlocked the second factor of ${t}, disabled after too many wrong codes`
        : `${a} unlocked the second factor of ${t}`,
  },
  'two_factor.enrollment_link_sent': {
    label: 'Enrollment link sent',
    words: (a, t) => `${a} sent an enrollment link to ${t}`,
  },
  'two_factor.enrollment_started': {
    label: '2FA setup started',
    words: (a, _t, d) => `${a} started setting up ${method(d, 'a second factor')}`,
  },
  'two_factor.backup_codes_regenerated': {
    label: 'Backup codes renewed',
    words: (a) => `${a} generated new backup codes`,
  },
  'two_factor.pin_changed': { label: 'PIN changed', words: (a) => `${a} changed their PIN code` },
  'two_factor.sms_code_sent': {
    label: 'SMS code sent',
    words: (_a, t) => `A text message code was sent to ${t}`,
  },
  'two_factor.passkey_renamed': {
    label: 'Passkey renamed',
    words: (a, _t, d) => `${a} renamed a passkey to ${text(d.name) ?? 'a new name'}`,
  },
  'two_factor.passkey_removed': {
    label: 'Passkey removed',
    words: (a, _t, d) => `${a} removed the passkey ${text(d.name) ?? ''}`.trimEnd(),
  },
  'two_factor.passkey_counter_regression': {
    label: 'Passkey counter went back',
    words: (_a, t) => `A passkey of ${t} answered with an older counter: it may have been copied`,
  },
  'two_factor.browser_remembered': {
    label: 'Browser remembered',
    words: (a, _t, d) =>
      `${a} let ${text(d.browser) ?? 'a browser'} skip the second factor` +
      (typeof d.days === 'number' ? ` for ${d.days === 1 ? '1 day' : `${d.days} days`}` : ''),
  },
  'two_factor.remembered_browsers_forgotten': {
    label: 'Remembered browsers forgotten',
    words: (a, t, d) => {
      const what =
        typeof d.count === 'number'
          ? d.count === 1
            ? `1 remembered browser${text(d.browser) ? ` (${text(d.browser)})` : ''}`
            : `${d.count} remembered browsers`
          : 'the remembered browsers';
      // the profile's own choice names no target; an administrator's names whose they were
      return a === t ? `${a} forgot ${what}` : `${a} forgot ${what} of ${t}`;
    },
  },
  'policy.updated': {
    label: '2FA rule changed',
    words: (a, _t, d) => {
      const type = text(d.userType);
      const label =
        type && type in userTypeLabels
          ? userTypeLabels[type as keyof typeof userTypeLabels]
          : 'a user type';
      return `${a} changed the two-factor rule for ${label}s`;
    },
  },
  'app.created': { label: 'App created', words: (a, t) => `${a} created the app ${t}` },
  'app.updated': { label: 'App changed', words: (a, t) => `${a} changed the settings of ${t}` },
  'app.removed': {
    label: 'App removed',
    words: (a, t, d) => `${a} removed the app ${text(d.name) ?? t}`,
  },
  'profile.updated': { label: 'Profile changed', words: (a) => `${a} changed their profile` },
  'account.created': { label: 'Account created', words: (a) => `${a} created the account` },
  'account.sms_countries_updated': {
    label: 'SMS countries changed',
    words: (a) => `${a} changed the SMS countries`,
  },
  'account_domain.added': {
    label: 'Domain added',
    words: (a, _t, d) => `${a} added the domain ${text(d.domain) ?? ''}`.trimEnd(),
  },
  'account_domain.verified': {
    label: 'Domain verified',
    words: (a, _t, d) =>
      `${a} verified the domain ${text(d.domain) ?? ''}`.trimEnd() +
      (d.method === 'OPERATOR' ? ' (by the operator)' : d.method === 'DNS' ? ' by DNS' : ''),
  },
  'users.exported': {
    label: 'Users downloaded',
    words: (a, _t, d) =>
      `${a} downloaded the users list as CSV` + (hasFilter(d) ? ' (filtered)' : ''),
  },
  'audit_log.exported': {
    label: 'Audit log downloaded',
    words: (a, _t, d) =>
      `${a} downloaded the audit log as CSV` + (hasFilter(d) ? ' (filtered)' : ''),
  },
  'account_domain.removed': {
    label: 'Domain removed',
    words: (a, _t, d) => `${a} removed the domain ${text(d.domain) ?? ''}`.trimEnd(),
  },
};

function actorOf(event: DescribedEvent): string {
  if (event.actorName) return event.actorName;
  return event.actorUserId ? 'A removed user' : 'Twofold';
}

function targetOf(event: DescribedEvent): string {
  if (event.targetName) return event.targetName;
  if (event.targetType === 'App') return 'a removed app';
  if (event.targetType === 'User') return 'a removed user';
  return 'the account';
}

/** "Ada Lovelace reset the two-factor authentication of Rita — reason: “lost phone”". */
export function describeEvent(event: DescribedEvent): string {
  const details = event.details ?? {};
  // a server newer than this console may record an action it has no words for yet
  if (!isAuditAction(event.action)) return `${actorOf(event)}: ${event.action}`;
  return actionWords[event.action].words(actorOf(event), targetOf(event), details);
}
