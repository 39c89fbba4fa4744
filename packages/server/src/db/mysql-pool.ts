import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { installMysqlRetry } from './retry';

/**
 * mysql2 pool options for MariaDB/MySQL (hardening point 8, database faults).
 *
 * - `connectTimeout`: a connection attempt to an unreachable host gives up after 5 s (mysql2's
 *   default is 10 s) and the request answers `UNAVAILABLE`. A stopped database refuses at once.
 * - No `acquireTimeout`: mysql2's pool has none (TypeORM passes it through, and mysql2 only
 *   prints "Ignoring invalid configuration option"). Nothing needs it: a request waiting for a
 *   pooled connection waits for one that is connecting (bounded by `connectTimeout`) or running
 *   a statement (which fails as soon as the server closes the socket), and a dead connection
 *   leaves the pool by itself, so the pool reconnects when the database is back.
 */
export const mysqlPoolOptions = { connectTimeout: 5_000 } as const;

type Mysql2 = { createPool(options: unknown): EventEmitter };

/**
 * Everything a MariaDB/MySQL DataSource needs to live through database faults: conflicts are
 * retried (retry.ts), and a connection that fails while nobody uses it is logged instead of
 * crashing the process. Call once, right after creating the DataSource (before `initialize`).
 */
export function installMysqlFaultHandling(dataSource: DataSource): void {
  installMysqlRetry(dataSource);
  guardPoolConnections(dataSource);
}

/**
 * mysql2 emits `error` on a pooled connection the server closed while idle (KILL, restart,
 * wait_timeout). Its pool listens once, to drop the connection; TypeORM adds a listener only to
 * connections that have none, so a later `error` on the same connection would have no listener
 * and end the process. Every pooled connection gets one that stays.
 */
function guardPoolConnections(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { mysql?: Mysql2 };
  const mysql = driver.mysql;
  if (!mysql || typeof mysql.createPool !== 'function') return;
  driver.mysql = Object.create(mysql, {
    createPool: {
      value: (options: unknown) => {
        const pool = mysql.createPool(options);
        pool.on('connection', (connection: EventEmitter) => {
          connection.on('error', (error: Error) => {
            dataSource.logger.log('warn', `database connection closed: ${error.message}`);
          });
        });
        return pool;
      },
    },
  }) as Mysql2;
}
