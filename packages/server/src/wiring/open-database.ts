import { mkdirSync } from 'node:fs';
import type { DataSource, Migration } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { runMigrations } from '../db/migrate';

/**
 * Opens the configured database and applies pending migrations: what `pnpm start` and every CLI
 * command do first. The embedded default's data directory is created (0700) when missing.
 */
export async function openDatabase(
  config: Pick<Config, 'database' | 'dataDir'>,
): Promise<{ dataSource: DataSource; applied: Migration[] }> {
  if (config.database.type === 'sqlite')
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  try {
    return { dataSource, applied: await runMigrations(dataSource) };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
