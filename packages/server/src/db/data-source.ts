import { DataSource, type DataSourceOptions, type LoggerOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { mysqlMigrations } from '../migrations/mysql';
import { sqliteMigrations } from '../migrations/sqlite';
import { entities } from './entities';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(database: DatabaseConfig): Dialect {
  return database.type === 'sqlite' ? 'sqlite' : 'mysql';
}

export function dataSourceOptions(
  database: DatabaseConfig,
  options: { logging?: LoggerOptions } = {},
): DataSourceOptions {
  const common = {
    entities,
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
  } as const;
  if (database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      // another replica or the CLI may hold the write lock briefly
      timeout: 10_000,
      migrations: sqliteMigrations,
    };
  }
  return {
    ...common,
    type: database.type,
    url: database.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // mysql2 returns DATETIME as Date in the connection time zone; keep everything UTC
    dateStrings: false,
    migrations: mysqlMigrations,
  };
}

/** The one place a DataSource is made: server, CLI, scripts and tests all come through here. */
export function createDataSource(
  database: DatabaseConfig,
  options: { logging?: LoggerOptions } = {},
): DataSource {
  return new DataSource(dataSourceOptions(database, options));
}
