import type { DataSource } from 'typeorm';

export type Dialect = 'sqlite' | 'mysql';

/**
 * A SQLite function registered on every connection: Unicode-aware lower-casing (the migration
 * UsersSearchKeys fills the search keys with it; searches compare keys folded in TypeScript).
 */
export const sqliteUnicodeLower = 'unicode_lower';

/** True on the embedded SQLite default (better-sqlite3), false on MariaDB/MySQL. */
export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}
