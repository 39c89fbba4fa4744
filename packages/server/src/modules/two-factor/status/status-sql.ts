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
 * summarize()'s `hasPossessionFactor` in SQL: a confirmed authenticator or phone of a method the
 * policy allows — what reports count as true two-factor coverage (a PIN alone is not).
 */
export function possessionFactorSql(user = 'user', policy = 'policy'): string {
  return (
    `((${allowsSql(TwoFactorMethod.AUTHENTICATOR_APP, user, policy)} AND EXISTS (SELECT 1 FROM authenticator_factors af WHERE af.userId = ${user}.id AND af.status = '${FactorStatus.ACTIVE}'))` +
    ` OR (${allowsSql(TwoFactorMethod.SMS, user, policy)} AND EXISTS (SELECT 1 FROM sms_factors sf WHERE sf.userId = ${user}.id AND sf.status = '${FactorStatus.ACTIVE}')))`
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
  const hasActiveFactor =
    `(${possessionFactorSql(user, policy)}` +
    ` OR (${allowsSql(TwoFactorMethod.PIN, user, policy)} AND EXISTS (SELECT 1 FROM pin_factors pf WHERE pf.userId = ${user}.id)))`;
  const locked =
    `EXISTS (SELECT 1 FROM second_factor_guards sg WHERE sg.userId = ${user}.id` +
    ` AND (sg.disabledAt IS NOT NULL OR (sg.lockedUntil IS NOT NULL AND sg.lockedUntil > :now)))`;
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
