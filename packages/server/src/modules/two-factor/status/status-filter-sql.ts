import { TwoFactorStatus } from '@twofold/shared';
import { StoredTwoFactorBase } from './stored-base';

/**
 * statusOfStored() (stored-base.ts) as a condition over the `users` alias `user`, for one status:
 * index range conditions with `:now` bound as a Date (docs/design.md, Stored 2FA status).
 * Query-builder aliases: TypeORM quotes `user.column` for each dialect.
 */
export function storedStatusCondition(status: TwoFactorStatus, user = 'user'): string {
  const lockedUntil = `${user}.twoFactorLockedUntil`;
  if (status === TwoFactorStatus.LOCKED) return `${lockedUntil} > :now`;
  const notLocked = `(${lockedUntil} IS NULL OR ${lockedUntil} <= :now)`;
  const base = `${user}.twoFactorBase`;
  const deadline = `${user}.twoFactorDeadline`;
  switch (status) {
    case TwoFactorStatus.GRACE:
      return `${base} = '${StoredTwoFactorBase.PENDING}' AND ${deadline} > :now AND ${notLocked}`;
    case TwoFactorStatus.OVERDUE:
      return (
        `${base} = '${StoredTwoFactorBase.PENDING}'` +
        ` AND (${deadline} IS NULL OR ${deadline} <= :now) AND ${notLocked}`
      );
    default:
      return `${base} = '${StoredTwoFactorBase[status]}' AND ${notLocked}`;
  }
}
