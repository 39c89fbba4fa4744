import { SecondFactorKind } from '@twofold/shared';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { columnName, columnOf, type RawRow, tableName } from '../../db/raw-columns';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SmsFactor,
} from './two-factor.entities';
import { PasskeyFactor } from './passkey/passkey.entities';

/** The named parameters of `factorsOfUsersStatement`. */
export type FactorsOfUsersParams = { userIds: string[]; active: FactorStatus };

/** One factor a profile holds, as `readFactorsOfUsers` reads it from a row. */
export interface HeldFactor {
  kind: SecondFactorKind;
  /** The authenticator's or phone's row; the profile's own id for its PIN and backup codes. */
  rowId: string;
  userId: string;
  addedAt: Date;
  lastUsedAt: Date | null;
  /** The sealed E.164 number of a phone; null for the other kinds. */
  phoneSealed: string | null;
  /** A passkey's name; null for the other kinds. */
  name: string | null;
  /** Unused backup codes; null for the other kinds. */
  unused: number | null;
}

/** The order a profile's factors are listed in. */
const kindOrder: readonly SecondFactorKind[] = [
  SecondFactorKind.AUTHENTICATOR_APP,
  SecondFactorKind.SMS,
  SecondFactorKind.PASSKEY,
  SecondFactorKind.PIN,
  SecondFactorKind.BACKUP_CODE,
];

/**
 * The confirmed factors of the profiles `:userIds` — authenticator apps, phones, passkeys, PINs,
 * and each profile's backup codes as one — in one statement whatever their number (UNION ALL of
 * the five tables, names from entity metadata); its rows are read by `readFactorsOfUsers` alone.
 */
export function factorsOfUsersStatement(dataSource: DataSource): string {
  const q = (name: string) => dataSource.driver.escape(name);
  const table = (target: EntityTarget<ObjectLiteral>) => q(tableName(dataSource, target));
  const col = <T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: Extract<keyof T, string>,
  ) => q(columnName(dataSource, target, property));
  const app = AuthenticatorFactor;
  const sms = SmsFactor;
  return [
    `SELECT '${SecondFactorKind.AUTHENTICATOR_APP}' AS kind, ${col(app, 'id')} AS rowId,` +
      ` ${col(app, 'userId')} AS userId,` +
      ` COALESCE(${col(app, 'confirmedAt')}, ${col(app, 'createdAt')}) AS addedAt,` +
      ` ${col(app, 'lastUsedAt')} AS lastUsedAt, NULL AS phoneSealed, NULL AS unused,` +
      ` NULL AS name` +
      ` FROM ${table(app)} WHERE ${col(app, 'userId')} IN (:...userIds)` +
      ` AND ${col(app, 'status')} = :active`,
    `SELECT '${SecondFactorKind.SMS}', ${col(sms, 'id')}, ${col(sms, 'userId')},` +
      ` COALESCE(${col(sms, 'confirmedAt')}, ${col(sms, 'createdAt')}), ${col(sms, 'lastUsedAt')},` +
      ` ${col(sms, 'phoneSealed')}, NULL, NULL` +
      ` FROM ${table(sms)} WHERE ${col(sms, 'userId')} IN (:...userIds)` +
      ` AND ${col(sms, 'status')} = :active`,
    `SELECT '${SecondFactorKind.PIN}', ${col(PinFactor, 'userId')}, ${col(PinFactor, 'userId')},` +
      ` ${col(PinFactor, 'createdAt')}, ${col(PinFactor, 'lastUsedAt')}, NULL, NULL, NULL` +
      ` FROM ${table(PinFactor)} WHERE ${col(PinFactor, 'userId')} IN (:...userIds)`,
    `SELECT '${SecondFactorKind.BACKUP_CODE}', ${col(BackupCode, 'userId')},` +
      ` ${col(BackupCode, 'userId')}, MAX(${col(BackupCode, 'createdAt')}),` +
      ` MAX(${col(BackupCode, 'usedAt')}),` +
      ` NULL, SUM(CASE WHEN ${col(BackupCode, 'usedAt')} IS NULL THEN 1 ELSE 0 END), NULL` +
      ` FROM ${table(BackupCode)} WHERE ${col(BackupCode, 'userId')} IN (:...userIds)` +
      ` GROUP BY ${col(BackupCode, 'userId')}`,
    `SELECT '${SecondFactorKind.PASSKEY}', ${col(PasskeyFactor, 'id')}, ${col(PasskeyFactor, 'userId')},` +
      ` ${col(PasskeyFactor, 'createdAt')}, ${col(PasskeyFactor, 'lastUsedAt')}, NULL, NULL,` +
      ` ${col(PasskeyFactor, 'name')}` +
      ` FROM ${table(PasskeyFactor)} WHERE ${col(PasskeyFactor, 'userId')} IN (:...userIds)`,
  ].join(' UNION ALL ');
}

/** Runs `factorsOfUsersStatement` (built once per data source) for `userIds`. */
export async function readFactorsOfUsers(
  dataSource: DataSource,
  sql: string,
  userIds: readonly string[],
): Promise<Map<string, HeldFactor[]>> {
  const byUser = new Map<string, HeldFactor[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const params: FactorsOfUsersParams = { userIds: [...userIds], active: FactorStatus.ACTIVE };
  const [query, values] = dataSource.driver.escapeQueryWithParameters(sql, params);
  const rows = await dataSource.query<RawRow[]>(query, values);
  // every date column is a TimestampColumn: one conversion fits them all
  const timestamp = columnOf(dataSource, AuthenticatorFactor, 'createdAt');
  const dateOf = (value: unknown): Date | null =>
    value === null || value === undefined
      ? null
      : (dataSource.driver.prepareHydratedValue(value, timestamp) as Date);
  for (const row of rows) {
    const kind = row.kind as SecondFactorKind;
    const userId = row.userId as string;
    byUser.get(userId)?.push({
      kind,
      rowId: row.rowId as string,
      userId,
      addedAt: dateOf(row.addedAt) ?? new Date(0),
      lastUsedAt: dateOf(row.lastUsedAt),
      phoneSealed: typeof row.phoneSealed === 'string' ? row.phoneSealed : null,
      name: typeof row.name === 'string' ? row.name : null,
      unused: kind === SecondFactorKind.BACKUP_CODE ? Number(row.unused) : null,
    });
  }
  for (const factors of byUser.values()) {
    // a profile's passkeys in the order they were added
    factors.sort(
      (a, b) =>
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        a.addedAt.getTime() - b.addedAt.getTime(),
    );
  }
  return byUser;
}
