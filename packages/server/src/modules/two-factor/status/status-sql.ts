import {
  Enforcement,
  TwoFactorMethod,
  TwoFactorRequirement,
  TwoFactorStatus,
} from '@twofold/shared';
import { FactorStatus } from '../two-factor.entities';

/** factsOf() in SQL: the policy allows `method` (allowedMethodsOf(): no policy row allows all; a
 * required profile under a type allowing none gets the app). */
function allowsSql(method: TwoFactorMethod, user: string, policy: string): string {
  return (
    `(${policy}.id IS NULL OR ${policy}.allowedMethods LIKE '%"${method}"%'` +
    (method === TwoFactorMethod.AUTHENTICATOR_APP
      ? ` OR (${policy}.allowedMethods = '[]' AND ${user}.twoFactorRequirement = '${TwoFactorRequirement.REQUIRED}')`
      : '') +
    ')'
  );
}

/**
 * What a profile holds (TwoFactorState) as SQL expressions over the `users` alias `user`, one
 * value per row: a confirmed factor of each method, the lock, the unused backup codes. `locked`
 * needs `:now` bound as a Date (see twoFactorStatusSql).
 */
export function twoFactorStateSql(
  user = 'user',
): Record<'app' | 'sms' | 'pin' | 'locked' | 'backupCodes', string> {
  return {
    app: `EXISTS (SELECT 1 FROM authenticator_factors af WHERE af.userId = ${user}.id AND af.status = '${FactorStatus.ACTIVE}')`,
    sms: `EXISTS (SELECT 1 FROM sms_factors sf WHERE sf.userId = ${user}.id AND sf.status = '${FactorStatus.ACTIVE}')`,
    pin: `EXISTS (SELECT 1 FROM pin_factors pf WHERE pf.userId = ${user}.id)`,
    // isLocked()
    locked:
      `EXISTS (SELECT 1 FROM second_factor_guards sg WHERE sg.userId = ${user}.id` +
      ` AND (sg.disabledAt IS NOT NULL OR (sg.lockedUntil IS NOT NULL AND sg.lockedUntil > :now)))`,
    backupCodes: `(SELECT COUNT(*) FROM backup_codes bc WHERE bc.userId = ${user}.id AND bc.usedAt IS NULL)`,
  };
}

/**
 * summarize()'s `hasPossessionFactor` in SQL: a confirmed authenticator or phone of a method the
 * policy allows — what reports count as true two-factor coverage (a PIN alone is not).
 */
export function possessionFactorSql(user = 'user', policy = 'policy'): string {
  const holds = twoFactorStateSql(user);
  return (
    `((${allowsSql(TwoFactorMethod.AUTHENTICATOR_APP, user, policy)} AND ${holds.app})` +
    ` OR (${allowsSql(TwoFactorMethod.SMS, user, policy)} AND ${holds.sms}))`
  );
}

/**
 * `computeTwoFactorStatus` (facts.ts) as one SQL CASE expression, so `users(filter:
 * {twoFactorStatus})` filters in the database and pages and totalCount stay right.
 *
 * `user` and `policy` are query-builder aliases of `users` and a LEFT JOIN of `security_policies`
 * on (accountId, userType); TypeORM rewrites `alias.property` to quoted columns for each dialect.
 * `:now` must be bound as a Date parameter: both dialects then compare it with the stored
 * timestamp (SQLite as the same UTC text format, MariaDB as DATETIME(3)).
 *
 * Kept in step with the TypeScript by a table-driven test on a real database
 * (test/users.test.ts), which compares this expression with `summarize()`.
 */
export function twoFactorStatusSql(user = 'user', policy = 'policy'): string {
  // factsOf(): a confirmed factor of a method the policy allows
  const holds = twoFactorStateSql(user);
  const hasActiveFactor =
    `(${possessionFactorSql(user, policy)}` +
    ` OR (${allowsSql(TwoFactorMethod.PIN, user, policy)} AND ${holds.pin}))`;
  const { locked } = holds;
  // factsOf(): a type without a policy counts as OPTIONAL; a per-user REQUIRED wins (effectiveEnforcement)
  const enforcement =
    `(CASE WHEN ${user}.twoFactorRequirement = '${TwoFactorRequirement.REQUIRED}' ` +
    `THEN '${Enforcement.REQUIRED}' ` +
    `ELSE COALESCE(${policy}.enforcement, '${Enforcement.OPTIONAL}') END)`;
  return (
    `(CASE` +
    ` WHEN ${locked} THEN '${TwoFactorStatus.LOCKED}'` +
    ` WHEN ${enforcement} = '${Enforcement.OFF}' THEN '${TwoFactorStatus.NOT_REQUIRED}'` +
    ` WHEN ${hasActiveFactor} THEN '${TwoFactorStatus.ENROLLED}'` +
    ` WHEN ${enforcement} = '${Enforcement.OPTIONAL}' THEN '${TwoFactorStatus.OPTIONAL_OFF}'` +
    // inGracePeriod(): a deadline strictly after now
    ` WHEN ${user}.twoFactorDeadline IS NOT NULL AND ${user}.twoFactorDeadline > :now` +
    ` THEN '${TwoFactorStatus.GRACE}'` +
    ` ELSE '${TwoFactorStatus.OVERDUE}' END)`
  );
}
