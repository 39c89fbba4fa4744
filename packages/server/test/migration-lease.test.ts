// suite: galera — also runs on the 3-node Galera cluster (.ci/run, `pnpm test:galera`)
import type { DataSource } from 'typeorm';
import { isMigrated, migrationLeaseTable, runMigrations } from '../src/db/migrate';
import { createDataSource } from '../src/wiring/data-source';
import {
  createTestDatabase,
  replicaOf,
  testDialect,
  type TestDatabase,
} from './helpers/test-database';

jest.setTimeout(120_000);

/**
 * docs/design.md, Scale-out: replicas starting together migrate once, also when they talk to
 * two nodes of a Galera cluster (TEST_GALERA_URLS), where `GET_LOCK` holds on one node only.
 * SQLite has one process writing: nothing to serialize across machines.
 */
(testDialect === 'mysql' ? describe : describe.skip)('the migration lease', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];

  async function open(replica: number): Promise<DataSource> {
    const dataSource = createDataSource(replicaOf(database, replica).config);
    await dataSource.initialize();
    opened.push(dataSource);
    return dataSource;
  }

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const dataSource of opened.splice(0)) await dataSource.destroy();
    await database.drop();
  });

  const executed = async (dataSource: DataSource) =>
    (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id')).map(
      (row) => row.name,
    );

  it('lets two replicas starting at the same moment on two nodes migrate once, to one schema', async () => {
    const [a, b] = await Promise.all([open(0), open(1)]);
    const expected = a.migrations.map((migration) => migration.name);
    const [appliedByA, appliedByB] = await Promise.all([runMigrations(a), runMigrations(b)]);
    // one ran them all, the other found nothing left to do
    const applied = [...appliedByA, ...appliedByB].map((migration) => migration.name);
    expect(applied.sort()).toEqual([...expected].sort());
    expect([appliedByA.length, appliedByB.length].sort()).toEqual([0, expected.length]);
    for (const replica of [a, b]) {
      expect(await executed(replica)).toEqual(expected);
      expect(await isMigrated(replica)).toBe(true);
      const pending = await replica.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    }
    // and the lease is free again for the next start
    expect(
      await a.query(`SELECT holder FROM \`${migrationLeaseTable}\` WHERE name = 'migrations'`),
    ).toEqual([{ holder: null }]);
  });

  it('waits for a lease left by a replica that died only until it lapses', async () => {
    const a = await open(0);
    await runMigrations(a);
    // as a replica that died while migrating leaves it: held for 3 s more, never renewed
    const lapses = Date.now() + 3_000;
    await a.query(
      `UPDATE \`${migrationLeaseTable}\` SET holder = 'dead replica', ` +
        'leasedUntil = UTC_TIMESTAMP(6) + INTERVAL 3 SECOND',
    );
    const b = await open(1);
    const timing = { leaseMs: 30_000, renewEveryMs: 5_000, pollMs: 50 };
    // a replica that will not wait that long gives up
    await expect(runMigrations(b, { ...timing, waitMs: 300 })).rejects.toThrow(
      /waiting for the migration lease/,
    );
    // one that waits longer takes over once it lapsed, and finds nothing left to run
    expect(await runMigrations(b, { ...timing, waitMs: 10_000 })).toEqual([]);
    expect(Date.now()).toBeGreaterThanOrEqual(lapses - 100);
    expect(
      await b.query(`SELECT holder FROM \`${migrationLeaseTable}\` WHERE name = 'migrations'`),
    ).toEqual([{ holder: null }]);
  });

  it('stops before the next migration once another replica took a lapsed lease over', async () => {
    const a = await open(0);
    const b = await open(1);
    const first = a.migrations[0]!;
    const up = first.up.bind(first);
    // while `a` runs its first migration, its lease lapses and `b` holds it
    first.up = async (queryRunner) => {
      await up(queryRunner);
      await b.query(
        `UPDATE \`${migrationLeaseTable}\` SET holder = 'replica b', ` +
          'leasedUntil = UTC_TIMESTAMP(6) + INTERVAL 30 SECOND',
      );
    };
    await expect(runMigrations(a)).rejects.toThrow(/Lost the migration lease/);
    expect(await executed(b)).toEqual([first.name]);
  });
});
