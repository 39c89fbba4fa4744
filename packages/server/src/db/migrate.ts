import type { DataSource, Migration } from 'typeorm';
import { isSqlite } from './dialect';

const LOCK_NAME = 'twofold_migrations';

/**
 * Runs pending migrations. On MySQL/MariaDB a named lock serializes replicas that start at the
 * same moment; SQLite serializes writers itself.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  if (isSqlite(dataSource)) {
    return dataSource.runMigrations({ transaction: 'each' });
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [row] = (await runner.query('SELECT GET_LOCK(?, 120) AS acquired', [LOCK_NAME])) as {
      acquired: number | string | null;
    }[];
    if (Number(row?.acquired) !== 1) throw new Error('Timed out waiting for the migration lock');
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

/** True when the database answers and every migration has run. */
export async function isMigrated(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  return !(await dataSource.showMigrations());
}
