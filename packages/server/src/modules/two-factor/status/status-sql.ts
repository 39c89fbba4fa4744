import type { DataSource } from 'typeorm';
import { columnName, tableName } from '../../../db/raw-columns';
import { User } from '../../user/user.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../two-factor.entities';

/**
 * What a profile holds (TwoFactorState) as SQL expressions over the `users` alias `user`, one
 * value per row: a confirmed factor of each method, the lock, the unused backup codes. `locked`
 * needs `:now` bound as a Date.
 */
export function twoFactorStateSql(
  dataSource: DataSource,
  user = 'user',
): Record<'app' | 'sms' | 'pin' | 'locked' | 'backupCodes', string> {
  const userId = `${user}.${columnName(dataSource, User, 'id')}`;
  // the subqueries name their own tables and aliases: TypeORM leaves them as written
  const ofProfile = (
    target:
      | typeof AuthenticatorFactor
      | typeof SmsFactor
      | typeof PinFactor
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
    // isLocked()
    locked:
      `EXISTS (SELECT 1 ${ofProfile(SecondFactorGuard, 'sg')}` +
      ` AND (${disabledAt} IS NOT NULL OR (${lockedUntil} IS NOT NULL AND ${lockedUntil} > :now)))`,
    backupCodes:
      `(SELECT COUNT(*) ${ofProfile(BackupCode, 'bc')}` +
      ` AND bc.${columnName(dataSource, BackupCode, 'usedAt')} IS NULL)`,
  };
}
