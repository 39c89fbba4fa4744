import type { DataSource } from 'typeorm';
import { isSqlite } from './dialect';
import { sqliteQueueOf } from './sqlite-queue';

/** Connections of a DataSource right now, and the statements waiting for one. */
export interface PoolStats {
  /** The most connections the pool may open. */
  max: number;
  open: number;
  idle: number;
  inUse: number;
  /** Requests waiting for a connection (SQLite: for the one connection, `sqlite-queue.ts`). */
  waiting: number;
}

/** The parts of a mysql2 pool we read: private fields, so each is checked before use. */
interface Mysql2PoolInternals {
  config?: { connectionLimit?: unknown };
  _allConnections?: { length?: unknown };
  _freeConnections?: { length?: unknown };
  _connectionQueue?: { length?: unknown };
}

function lengthOf(queue: { length?: unknown } | undefined): number | null {
  return typeof queue?.length === 'number' ? queue.length : null;
}

/**
 * What the database connections are doing, or null when it cannot be told (not initialized, a
 * replication pool cluster, a mysql2 release whose pool looks different). Never throws.
 */
export function poolStats(dataSource: DataSource): PoolStats | null {
  if (!dataSource.isInitialized) return null;
  if (isSqlite(dataSource)) {
    // better-sqlite3 is one connection; the queue in front of it is the pool's wait list
    const queue = sqliteQueueOf(dataSource);
    const inUse = queue?.busy ? 1 : 0;
    return { max: 1, open: 1, idle: 1 - inUse, inUse, waiting: queue?.waiting ?? 0 };
  }
  const pool = (dataSource.driver as unknown as { pool?: Mysql2PoolInternals }).pool;
  if (!pool) return null;
  const open = lengthOf(pool._allConnections);
  const idle = lengthOf(pool._freeConnections);
  const waiting = lengthOf(pool._connectionQueue);
  if (open === null || idle === null || waiting === null) return null;
  const limit = pool.config?.connectionLimit;
  return {
    max: typeof limit === 'number' ? limit : open,
    open,
    idle,
    inUse: Math.max(0, open - idle),
    waiting,
  };
}
