import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
} from '../../test/helpers/test-database';
import { createDataSource } from '../wiring/data-source';
import { isMigrated, runMigrations } from './migrate';

describe(`migrations on ${testDialect}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('leave no schema difference to the entities when run on an empty database', async () => {
    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    try {
      expect(await isMigrated(dataSource)).toBe(false);
      const applied = await runMigrations(dataSource);
      expect(applied.length).toBeGreaterThan(0);
      expect(await isMigrated(dataSource)).toBe(true);

      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('run nothing the second time, as on a restart', async () => {
    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    try {
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('revert cleanly, leaving no entity table behind', async () => {
    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    try {
      const executed = async () => {
        const rows = await dataSource.query<{ n: number | string }[]>(
          'SELECT COUNT(*) AS n FROM migrations',
        );
        return Number(rows[0]?.n);
      };
      while ((await executed()) > 0) await dataSource.undoLastMigration({ transaction: 'each' });
      const runner = dataSource.createQueryRunner();
      const remaining: string[] = [];
      for (const { tableName } of dataSource.entityMetadatas) {
        if (await runner.hasTable(tableName)) remaining.push(tableName);
      }
      await runner.release();
      expect(remaining).toEqual([]);
      // and forward again, for the database left behind
      await runMigrations(dataSource);
      expect(await isMigrated(dataSource)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });
});
