import type { DataSource } from 'typeorm';
import { loadTwoFactorSummaries } from '../../src/modules/two-factor/status/state';
import { statusOfStored } from '../../src/modules/two-factor/status/stored-base';
import { StoredStatusSql } from '../../src/modules/two-factor/status/stored-status-sql';
import { refreshStoredTwoFactorStatus } from '../../src/modules/two-factor/status/stored-status';
import { TwoFactorCount } from '../../src/modules/two-factor/status/two-factor-count.entity';
import { User } from '../../src/modules/user/user.entity';

/** The counters as the triggers left them, as `key → count` without empty ones. */
async function countersOf(dataSource: DataSource, accountId: string): Promise<Map<string, number>> {
  const rows = await dataSource.getRepository(TwoFactorCount).findBy({ accountId });
  return new Map(
    rows
      .filter((row) => row.count !== 0)
      .map((row) => [
        [
          row.userType,
          row.base,
          Number(row.possession),
          row.held,
          row.requirement,
          Number(row.signedIn),
          Number(row.hasDeadline),
        ].join(':'),
        row.count,
      ]),
  );
}

/**
 * Asserts that every profile's stored columns give, at each of `nows`, exactly the status and
 * possession that summarize() computes from the source rows, and that the counters count the
 * stored columns; then that a refresh from scratch changes nothing.
 */
export async function expectInStep(dataSource: DataSource, accountId: string, nows: Date[]) {
  const users = await dataSource.getRepository(User).findBy({ accountId });
  expect(users.length).toBeGreaterThan(0);
  for (const now of nows) {
    const summaries = await loadTwoFactorSummaries(dataSource, users, now);
    for (const user of users) {
      const summary = summaries.get(user.id)!;
      const stored = statusOfStored(
        {
          base: user.twoFactorBase,
          deadline: user.twoFactorDeadline,
          lockedUntil: user.twoFactorLockedUntil,
        },
        now,
      );
      expect([user.displayName, now.toISOString(), stored, user.twoFactorPossession]).toEqual([
        user.displayName,
        now.toISOString(),
        summary.status,
        summary.hasPossessionFactor,
      ]);
    }
  }
  const counted = new Map<string, number>();
  for (const user of users) {
    const key = [
      user.userType,
      user.twoFactorBase,
      Number(user.twoFactorPossession),
      user.twoFactorHeld,
      user.twoFactorRequirement,
      Number(user.lastSignInAt !== null),
      Number(user.twoFactorDeadline !== null),
    ].join(':');
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  expect(await countersOf(dataSource, accountId)).toEqual(counted);
  // recomputed from the source rows, nothing moves
  await refreshStoredTwoFactorStatus(dataSource, accountId);
  const again = await dataSource.getRepository(User).findBy({ accountId });
  const columns = (list: User[]) =>
    list
      .map((u) => [
        u.id,
        u.twoFactorHeld,
        u.twoFactorLockedUntil?.getTime() ?? null,
        u.twoFactorBase,
        u.twoFactorPossession,
      ])
      .sort();
  expect(columns(again)).toEqual(columns(users));
  expect(await countersOf(dataSource, accountId)).toEqual(counted);
}

/** The stored-status triggers the database holds, by name, as it reports their SQL. */
export async function installedTriggers(dataSource: DataSource): Promise<Map<string, string>> {
  const sql = new StoredStatusSql(dataSource);
  const rows: { name: string; body: string }[] = sql.sqlite
    ? await dataSource.query(`SELECT name, sql AS body FROM sqlite_master WHERE type = 'trigger'`)
    : await dataSource.query(
        `SELECT TRIGGER_NAME AS name, ACTION_STATEMENT AS body FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`,
      );
  return new Map(rows.map((row) => [row.name, row.body]));
}
