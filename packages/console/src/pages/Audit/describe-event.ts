import type { AuditEventsQuery } from '@twofold/shared/graphql';
import { userTypeLabels } from '../../lib/labels';

export type AuditEventNode = AuditEventsQuery['auditEvents']['nodes'][number];

type Words = (actor: string, target: string, details: Record<string, unknown>) => string;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Each action the server records, in words (the filter offers them in this order). */
export const actionWords: Record<string, { label: string; words: Words }> = {
  'auth.signed_in': { label: 'Signed in', words: (a) => `${a} signed in` },
  'auth.second_factor_verified': {
    label: 'Second factor passed',
    words: (a) => `${a} passed the second factor`,
  },
  'auth.second_factor_failed': {
    label: 'Wrong second-factor code',
    words: (a) => `${a} entered a wrong second-factor code`,
  },
  'user.created': { label: 'User invited', words: (a, t) => `${a} invited ${t}` },
  'user.invitation_accepted': {
    label: 'Invitation accepted',
    words: (_a, t) => `${t} accepted the invitation`,
  },
  'user.updated': { label: 'User changed', words: (a, t) => `${a} changed ${t}` },
  'user.suspended': { label: 'User suspended', words: (a, t) => `${a} suspended ${t}` },
  'user.reactivated': { label: 'User reactivated', words: (a, t) => `${a} reactivated ${t}` },
  'user.apps_set': { label: 'Apps assigned', words: (a, t) => `${a} changed the apps of ${t}` },
  'user.removed': {
    label: 'User removed',
    words: (a, t, d) => `${a} removed ${text(d.displayName) ?? t}`,
  },
  'two_factor.enabled': {
    label: '2FA set up',
    words: (a) => `${a} set up two-factor authentication`,
  },
  'two_factor.disabled': {
    label: '2FA turned off',
    words: (a) => `${a} turned off two-factor authentication`,
  },
  'two_factor.reset': {
    label: '2FA reset',
    words: (a, t, d) =>
      `${a} reset the two-factor authentication of ${t}` +
      (text(d.reason) ? ` — reason: “${text(d.reason)}”` : ''),
  },
  'two_factor.enrollment_link_sent': {
    label: 'Enrollment link sent',
    words: (a, t) => `${a} sent an enrollment link to ${t}`,
  },
  'two_factor.enrollment_started': {
    label: 'Authenticator setup started',
    words: (a) => `${a} started setting up an authenticator app`,
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
  'account_domain.removed': {
    label: 'Domain removed',
    words: (a, _t, d) => `${a} removed the domain ${text(d.domain) ?? ''}`.trimEnd(),
  },
};

function actorOf(event: AuditEventNode): string {
  if (event.actorName) return event.actorName;
  return event.actorUserId ? 'A removed user' : 'Twofold';
}

function targetOf(event: AuditEventNode): string {
  if (event.targetName) return event.targetName;
  if (event.targetType === 'App') return 'a removed app';
  if (event.targetType === 'User') return 'a removed user';
  return 'the account';
}

/** "Ada Lovelace reset the two-factor authentication of Rita — reason: “lost phone”". */
export function describeEvent(event: AuditEventNode): string {
  const words = actionWords[event.action]?.words;
  const details = event.details ?? {};
  if (!words) return `${actorOf(event)}: ${event.action}`;
  return words(actorOf(event), targetOf(event), details);
}
