import {
  Enforcement,
  TwoFactorMethod,
  TwoFactorRequirement,
  TwoFactorStatus,
} from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { columnName, tableName } from '../../../db/raw-columns';
import { SecurityPolicy } from '../../policy/security-policy.entity';
import { User } from '../../user/user.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../two-factor.entities';
import { PasskeyFactor } from '../passkey/passkey.entities';

/** factsOf() in SQL: the policy allows `method` (allowedMethodsOf(): no policy row allows all; a
 * required profile under a type allowing none gets the app). */
function allowsSql(
  dataSource: DataSource,
  method: TwoFactorMethod,
  user: string,
  policy: string,
): string {
  const id = columnName(dataSource, SecurityPolicy, 'id');
  const allowed = `${policy}.${columnName(dataSource, SecurityPolicy, 'allowedMethods')}`;
  const requirement = `${user}.${columnName(dataSource, User, 'twoFactorRequirement')}`;
  return (
    `(${policy}.${id} IS NULL OR ${allowed} LIKE '%"${method}"%'` +
    (method === TwoFactorMethod.AUTHENTICATOR_APP
      ? ` OR (${allowed} = '[]' AND ${requirement} = '${TwoFactorRequirement.REQUIRED}')`
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
  dataSource: DataSource,
  user = 'user',
): Record<'app' | 'sms' | 'pin' | 'passkey' | 'locked' | 'backupCodes', string> {
  const userId = `${user}.${columnName(dataSource, User, 'id')}`;
  // the subqueries name their own tables and aliases: TypeORM leaves them as written
  const ofProfile = (
    target:
      | typeof AuthenticatorFactor
      | typeof SmsFactor
      | typeof PinFactor
      | typeof PasskeyFactor
      | typeof SecondFactorGuard
      | typeof BackupCode,
    alias: string,
  ) =>
    `FROM ${tableName(dataSource, target)} ${alias}` +
    ` WHERE ${alias}.${columnName(dataSource, target, 'userId')} = ${userId}`;
  const confirmed = (target: typeof AuthenticatorFactor | typeof SmsFactor, alias: string) =>
    `EXISTS (SELECT 1 ${ofProfile(target, alias)}` +
    ` AND ${alias}.${columnName(dataSource, target, 'status')} = '${FactorStatus.ACTIVE}')`;
  const disabledAt = `sg.${columnName(dataSource, SecondFactorGuard, 'disabledAt')}`;
  const lockedUntil = `sg.${columnName(dataSource, SecondFactorGuard, 'lockedUntil')}`;
  return {
    app: confirmed(AuthenticatorFactor, 'af'),
    sms: confirmed(SmsFactor, 'sf'),
    pin: `EXISTS (SELECT 1 ${ofProfile(PinFactor, 'pf')})`,
    passkey: `EXISTS (SELECT 1 ${ofProfile(PasskeyFactor, 'pk')})`,
    // isLocked()
    locked:
      `EXISTS (SELECT 1 ${ofProfile(SecondFactorGuard, 'sg')}` +
      ` AND (${disabledAt} IS NOT NULL OR (${lockedUntil} IS NOT NULL AND ${lockedUntil} > :now)))`,
    backupCodes:
      `(SELECT COUNT(*) ${ofProfile(BackupCode, 'bc')}` +
      ` AND bc.${columnName(dataSource, BackupCode, 'usedAt')} IS NULL)`,
  };
}

/**
 * summarize()'s `hasPossessionFactor` in SQL: a confirmed authenticator or phone of a method the
 * policy allows — what reports count as true two-factor coverage (a PIN alone is not).
 */
export function possessionFactorSql(
  dataSource: DataSource,
  user = 'user',
  policy = 'policy',
): string {
  const holds = twoFactorStateSql(dataSource, user);
  const allows = (method: TwoFactorMethod) => allowsSql(dataSource, method, user, policy);
  return (
    `((${allows(TwoFactorMethod.AUTHENTICATOR_APP)} AND ${holds.app})` +
    ` OR (${allows(TwoFactorMethod.SMS)} AND ${holds.sms})` +
    ` OR (${allows(TwoFactorMethod.PASSKEY)} AND ${holds.passkey}))`
  );
}

/**
 * `computeTwoFactorStatus` (facts.ts) as one SQL CASE expression, so `users(filter:
 * {twoFactorStatus})` filters in the database and pages and totalCount stay right.
 *
 * `user` and `policy` are query-builder aliases of `users` and a LEFT JOIN of `security_policies`
 * on (accountId, userType); TypeORM rewrites `alias.column` to quoted columns for each dialect.
 * `:now` must be bound as a Date parameter: both dialects then compare it with the stored
 * timestamp (SQLite as the same UTC text format, MariaDB as DATETIME(3)).
 *
 * Kept in step with the TypeScript by a table-driven test on a real database
 * (test/users.test.ts), which compares this expression with `summarize()`.
 */
export function twoFactorStatusSql(
  dataSource: DataSource,
  user = 'user',
  policy = 'policy',
): string {
  // factsOf(): a confirmed factor of a method the policy allows
  const holds = twoFactorStateSql(dataSource, user);
  const hasActiveFactor =
    `(${possessionFactorSql(dataSource, user, policy)}` +
    ` OR (${allowsSql(dataSource, TwoFactorMethod.PIN, user, policy)} AND ${holds.pin}))`;
  const { locked } = holds;
  const requirement = `${user}.${columnName(dataSource, User, 'twoFactorRequirement')}`;
  const deadline = `${user}.${columnName(dataSource, User, 'twoFactorDeadline')}`;
  const lastSignInAt = `${user}.${columnName(dataSource, User, 'lastSignInAt')}`;
  // factsOf(): a type without a policy counts as OPTIONAL; a per-user REQUIRED wins (effectiveEnforcement)
  const enforcement =
    `(CASE WHEN ${requirement} = '${TwoFactorRequirement.REQUIRED}' ` +
    `THEN '${Enforcement.REQUIRED}' ` +
    `ELSE COALESCE(${policy}.${columnName(dataSource, SecurityPolicy, 'enforcement')}, '${Enforcement.OPTIONAL}') END)`;
  return (
    `(CASE` +
    ` WHEN ${locked} THEN '${TwoFactorStatus.LOCKED}'` +
    ` WHEN ${enforcement} = '${Enforcement.OFF}' THEN '${TwoFactorStatus.NOT_REQUIRED}'` +
    ` WHEN ${hasActiveFactor} THEN '${TwoFactorStatus.ENROLLED}'` +
    ` WHEN ${enforcement} = '${Enforcement.OPTIONAL}' THEN '${TwoFactorStatus.OPTIONAL_OFF}'` +
    // factsOf(): `signedIn`
    ` WHEN ${lastSignInAt} IS NULL THEN '${TwoFactorStatus.AWAITING_FIRST_SIGN_IN}'` +
    // inGracePeriod(): a deadline strictly after now
    ` WHEN ${deadline} IS NOT NULL AND ${deadline} > :now` +
    ` THEN '${TwoFactorStatus.GRACE}'` +
    ` ELSE '${TwoFactorStatus.OVERDUE}' END)`
  );
}
