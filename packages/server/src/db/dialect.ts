import type { DataSource } from 'typeorm';

export type Dialect = 'sqlite' | 'mysql';

/** A SQLite function registered on every connection: Unicode-aware lower-casing. */
export const sqliteUnicodeLower = 'unicode_lower';

/** True on the embedded SQLite default (better-sqlite3), false on MariaDB/MySQL. */
export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/** SQL's lower-casing function for case-insensitive search: LOWER() on SQLite folds ASCII only. */
export function unicodeLower(dataSource: DataSource): string {
  return isSqlite(dataSource) ? sqliteUnicodeLower : 'LOWER';
}
