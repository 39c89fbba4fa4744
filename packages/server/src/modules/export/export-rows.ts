import { TwoFactorMethod, TwoFactorStatus, UserStatus, UserType } from '@twofold/shared';
import type { AuditEvent } from '../audit/audit-event.entity';
import type { User } from '../user/user.entity';

/** The values of a users export, in words (the console's words for them). */
export const userTypeWords: Record<UserType, string> = {
  [UserType.ADMINISTRATOR]: 'Administrator',
  [UserType.APP_ADMINISTRATOR]: 'App administrator',
  [UserType.APP_REVIEWER]: 'App reviewer',
  [UserType.APP_REPORT_VIEWER]: 'App report viewer',
};

export const userStatusWords: Record<UserStatus, string> = {
  [UserStatus.INVITED]: 'Invited',
  [UserStatus.ACTIVE]: 'Active',
  [UserStatus.SUSPENDED]: 'Suspended',
};

export const twoFactorStatusWords: Record<TwoFactorStatus, string> = {
  [TwoFactorStatus.NOT_REQUIRED]: 'Not required',
  [TwoFactorStatus.OPTIONAL_OFF]: 'Optional, off',
  [TwoFactorStatus.AWAITING_FIRST_SIGN_IN]: 'Sets up at first sign-in',
  [TwoFactorStatus.GRACE]: 'Grace period',
  [TwoFactorStatus.ENROLLED]: 'Enrolled',
  [TwoFactorStatus.OVERDUE]: 'Overdue',
  [TwoFactorStatus.LOCKED]: 'Locked',
};

export const twoFactorMethodWords: Record<TwoFactorMethod, string> = {
  [TwoFactorMethod.AUTHENTICATOR_APP]: 'Authenticator app',
  [TwoFactorMethod.SMS]: 'Text message (SMS)',
  [TwoFactorMethod.PIN]: 'PIN code',
  [TwoFactorMethod.PASSKEY]: 'Passkey',
};

/** Dates are ISO 8601 in UTC; nothing is an empty cell. */
const instant = (date: Date | null): string => (date ? date.toISOString() : '');

/** Several values in one cell. */
const list = (values: readonly string[]): string => values.join('; ');

export const userColumns = [
  'Name',
  'Email',
  'User type',
  'Owner',
  'Status',
  'Two-factor status',
  'Two-factor methods',
  'Two-factor deadline (UTC)',
  'Apps',
  'Last sign-in (UTC)',
  'Created (UTC)',
  'User ID',
] as const;

/** What a users export says of one user besides the profile itself. */
export interface UserFacts {
  /** The login's email. */
  email: string;
  twoFactorStatus: TwoFactorStatus;
  twoFactorMethods: readonly TwoFactorMethod[];
  enrollmentDeadline: Date | null;
  /** The names of the assigned apps; `all` for a profile that sees every app. */
  apps: readonly string[] | 'all';
}

/** One line of a users export, in the order of `userColumns`. */
export function userRow(
  user: Pick<
    User,
    'id' | 'displayName' | 'userType' | 'isOwner' | 'status' | 'lastSignInAt' | 'createdAt'
  >,
  facts: UserFacts,
): string[] {
  return [
    user.displayName,
    facts.email,
    userTypeWords[user.userType],
    user.isOwner ? 'Yes' : 'No',
    userStatusWords[user.status],
    twoFactorStatusWords[facts.twoFactorStatus],
    list(facts.twoFactorMethods.map((method) => twoFactorMethodWords[method])),
    instant(facts.enrollmentDeadline),
    facts.apps === 'all' ? 'All apps' : list(facts.apps),
    instant(user.lastSignInAt),
    instant(user.createdAt),
    user.id,
  ];
}

export const auditColumns = [
  'Time (UTC)',
  'Action',
  'Actor',
  'Actor ID',
  'Target type',
  'Target',
  'Target ID',
  'IP address',
  'Details',
] as const;

/** One line of an audit log export, in the order of `auditColumns`; names as they are now. */
export function auditRow(
  event: Pick<
    AuditEvent,
    'createdAt' | 'action' | 'actorUserId' | 'targetType' | 'targetId' | 'ip' | 'details'
  >,
  names: { actor: string | null; target: string | null },
): string[] {
  return [
    instant(event.createdAt),
    event.action,
    names.actor ?? '',
    event.actorUserId ?? '',
    event.targetType ?? '',
    names.target ?? '',
    event.targetId ?? '',
    event.ip ?? '',
    event.details ? JSON.stringify(event.details) : '',
  ];
}

/** `twofold-users-2026-12-07.csv`: what the file holds and the day (UTC) it was made. */
export function exportFilename(what: 'users' | 'audit-log', now: Date): string {
  return `twofold-${what}-${now.toISOString().slice(0, 10)}.csv`;
}
