import { DataSource, type DataSourceOptions, type Logger, type LoggerOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { mysqlMigrations } from '../migrations/mysql';
import { sqliteMigrations } from '../migrations/sqlite';
import { sqliteUnicodeLower } from '../db/dialect';
import { entities } from './entities';
import { installMysqlFaultHandling, mysqlPoolOptions } from '../db/mysql-pool';
import { installSqliteQueue } from '../db/sqlite-queue';

export interface DataSourceExtras {
  logging?: LoggerOptions;
  /** Receives every query (tests count them to pin DataLoader batching). */
  logger?: Logger;
}

export function dataSourceOptions(
  database: DatabaseConfig,
  options: DataSourceExtras = {},
): DataSourceOptions {
  const common = {
    entities,
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
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
      // SQLite's LOWER() folds ASCII only; the migration filling the search keys needs Unicode
      prepareDatabase: (db: {
        function(name: string, options: object, fn: (value: unknown) => unknown): void;
      }) => {
        db.function(sqliteUnicodeLower, { deterministic: true }, (value) =>
          typeof value === 'string' ? value.toLowerCase() : value,
        );
      },
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
    ...mysqlPoolOptions(database.timeouts),
    migrations: mysqlMigrations,
  };
}

/** The one place a DataSource is made: server, CLI, scripts and tests all come through here. */
export function createDataSource(
  database: DatabaseConfig,
  options: DataSourceExtras = {},
): DataSource {
  const dataSource = new DataSource(dataSourceOptions(database, options));
  if (database.type === 'sqlite') installSqliteQueue(dataSource);
  else installMysqlFaultHandling(dataSource, database.timeouts);
  return dataSource;
}
