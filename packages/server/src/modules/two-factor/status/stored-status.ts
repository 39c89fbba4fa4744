import type { DataSource, EntityManager } from 'typeorm';
import { tableName } from '../../../db/raw-columns';
import { User } from '../../user/user.entity';
import { PasskeyFactor } from '../passkey/passkey.entities';
import { StoredStatusSql } from './stored-status-sql';

/** Profiles recomputed per statement by `refreshStoredTwoFactorStatus`. */
const refreshBatch = 5_000;

/**
 * Recomputes the stored 2FA columns of every profile of `accountId` (of every account without
 * it) from the factor, guard and policy rows, in keyset batches by id, then counts the account's
 * counters again (docs/design.md, Stored 2FA status). The triggers keep them in step with every
 * change; this brings in rows written before the triggers existed (the migration's backfill) or
 * written around them (the bench's direct seeding). Runs in `manager`'s transaction when given,
 * else in one transaction of its own.
 */
export async function refreshStoredTwoFactorStatus(
  dataSource: DataSource,
  accountId?: string,
  manager?: EntityManager,
): Promise<void> {
  if (!manager) {
    return dataSource.transaction((m) => refreshStoredTwoFactorStatus(dataSource, accountId, m));
  }
  // a migration older than passkeys (1796683467557) refreshes a schema without their table
  const passkeys =
    !manager.queryRunner ||
    (await manager.queryRunner.hasTable(tableName(dataSource, PasskeyFactor)));
  const sql = new StoredStatusSql(dataSource, { passkeys });
  const user = sql.rowOf(sql.users);
  const driver = dataSource.driver;
  const run = (statement: string, parameters: Record<string, unknown>) => {
    const [query, values] = driver.escapeQueryWithParameters(statement, parameters);
    return manager.query<unknown>(query, values);
  };
  const ofAccount = accountId === undefined ? '' : ` AND ${user('accountId')} = :accountId`;
  let after = '';
  for (;;) {
    // the last id of the next batch: the UPDATE then covers a range of the primary key
    const rows = await run(
      `SELECT ${user('id')} AS id FROM ${sql.users} WHERE ${user('id')} > :after${ofAccount}` +
        ` ORDER BY ${user('id')} LIMIT 1 OFFSET ${refreshBatch - 1}`,
      { after, accountId },
    );
    const last = (rows as { id: string }[])[0]?.id;
    await run(
      sql.refreshStatement(
        `${user('id')} > :after${last === undefined ? '' : ` AND ${user('id')} <= :last`}${ofAccount}`,
      ),
      { after, last, accountId },
    );
    if (last === undefined) break;
    after = last;
  }
  for (const statement of sql.recountStatements(accountId === undefined ? null : 'accountId')) {
    await run(statement, { accountId });
  }
}

/** The stored columns of some profiles, as the triggers left them (tests compare them with summarize()). */
export async function storedTwoFactorColumns(
  dataSource: DataSource,
  userIds: readonly string[],
): Promise<
  Map<
    string,
    Pick<
      User,
      | 'twoFactorHeld'
      | 'twoFactorLockedUntil'
      | 'twoFactorBase'
      | 'twoFactorPossession'
      | 'twoFactorDeadline'
    >
  >
> {
  const rows = await dataSource.getRepository(User).find({
    select: {
      id: true,
      twoFactorHeld: true,
      twoFactorLockedUntil: true,
      twoFactorBase: true,
      twoFactorPossession: true,
      twoFactorDeadline: true,
    },
    where: userIds.map((id) => ({ id })),
  });
  return new Map(rows.map((row) => [row.id, row]));
}
