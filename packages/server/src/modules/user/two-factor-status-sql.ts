import { Enforcement, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';

/**
 * `computeTwoFactorStatus` (auth/stage.ts) as one SQL CASE expression, so `users(filter:
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
  // No factor tables exist yet. The two-factor engine replaces these with
  // `EXISTS (SELECT 1 FROM <factors> f WHERE f.userId = user.id AND f.status = 'ACTIVE')` and the
  // lockout equivalent, and the table-driven test then gains the factor/locked dimensions.
  const hasActiveFactor = '1 = 0';
  const locked = '1 = 0';
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
