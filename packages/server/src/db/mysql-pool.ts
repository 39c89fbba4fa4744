import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { type DatabaseTimeouts, defaultDatabaseTimeouts } from '../config';
import { installMysqlRetry } from './retry';

/**
 * mysql2 pool options for MariaDB/MySQL (docs/design.md, Scale-out: a frozen database node).
 *
 * - `connectTimeout`: opening a connection, the server's greeting included, gives up after
 *   `connectMs`. A stopped database refuses at once; a frozen one accepts the TCP connection
 *   (the kernel does) and never greets.
 * - TCP keepalive from 10 s of silence on every pooled socket, so a host that vanished without a
 *   reset (a partition, a dead machine) is noticed on idle connections too.
 * - No `acquireTimeout` here: mysql2's pool has none (it only prints "Ignoring invalid
 *   configuration option"); `installMysqlFaultHandling` bounds the wait for a connection itself.
 */
export function mysqlPoolOptions(timeouts: DatabaseTimeouts = defaultDatabaseTimeouts) {
  return {
    connectTimeout: timeouts.connectMs,
    extra: { enableKeepAlive: true, keepAliveInitialDelay: 10_000 },
  } as const;
}

/** The code of the error a request gets when no pooled connection came within `acquireMs`. */
export const acquireTimeoutCode = 'POOL_ACQUIRE_TIMEOUT';
/** mysql2's code for a statement that ran past its `timeout`. */
export const statementTimeoutCode = 'PROTOCOL_SEQUENCE_TIMEOUT';

type Callback = (error: (Error & { code?: string }) | null, ...rest: unknown[]) => void;
type Mysql2Connection = EventEmitter & {
  query(sql: unknown, values?: unknown, cb?: unknown): unknown;
  destroy(): void;
  release?(): void;
  stream?: { destroy?(): void };
};
type Mysql2Pool = EventEmitter & { getConnection(cb: Callback): void };
type Mysql2 = { createPool(options: unknown): Mysql2Pool };

interface Bounds {
  timeouts: DatabaseTimeouts;
}
const boundsOf = new WeakMap<DataSource, Bounds>();

/**
 * The statement bound of the work running in this async context, where a caller set one for
 * its own statements only (`withStatementTimeout`): `null` is none. Other requests served
 * meanwhile keep the pool's bound.
 */
const scopedBound = new AsyncLocalStorage<{ statementMs: number | null }>();

/**
 * Everything a MariaDB/MySQL DataSource needs to live through database faults: conflicts are
 * retried (retry.ts), a connection that fails while nobody uses it is logged instead of crashing
 * the process, and a database that stops answering costs a request seconds, not minutes
 * (docs/design.md, Scale-out). Call once, right after creating the DataSource (before
 * `initialize`).
 */
export function installMysqlFaultHandling(
  dataSource: DataSource,
  timeouts: DatabaseTimeouts = defaultDatabaseTimeouts,
): void {
  installMysqlRetry(dataSource);
  const bounds: Bounds = { timeouts };
  boundsOf.set(dataSource, bounds);
  guardPool(dataSource, bounds);
}

/**
 * Runs `work` with no statement timeout on `dataSource`: migrations, which run before the server
 * listens and may rebuild a large table. A no-op wrapper on SQLite.
 */
export function withoutStatementTimeout<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  return withStatementTimeout(dataSource, null, work);
}

/**
 * Runs `work` with its own statement bound (`null`: none) for the statements it sends, on
 * every connection it uses; statements of other work served meanwhile keep the pool's bound.
 * For the rare write whose one statement grows with the account (a policy change recomputes
 * every profile of the type, docs/design.md, Stored 2FA status). A no-op wrapper on SQLite.
 */
export function withStatementTimeout<T>(
  dataSource: DataSource,
  statementMs: number | null,
  work: () => Promise<T>,
): Promise<T> {
  if (!boundsOf.has(dataSource)) return work();
  return scopedBound.run({ statementMs }, work);
}

/**
 * Wraps the mysql2 pool TypeORM creates:
 *
 * - mysql2 emits `error` on a pooled connection the server closed while idle (KILL, restart,
 *   wait_timeout). Its pool listens once, to drop the connection; TypeORM adds a listener only to
 *   connections that have none, so a later `error` on the same connection would have no listener
 *   and end the process. Every pooled connection gets one that stays.
 * - every statement sent with a callback (all of TypeORM's but streams) gets mysql2's `timeout`;
 *   mysql2 then fails the statement but keeps the connection, still waiting for the answer, so
 *   the next user of the connection would wait behind it: the connection is destroyed before the
 *   failure goes up, which also takes it out of the pool. A COMMIT cut this way fails, so the
 *   write is never acknowledged (whether the database applied it is unknown to the client).
 * - waiting for a connection gives up after `acquireMs`; a connection that comes later goes
 *   back to the pool.
 */
function guardPool(dataSource: DataSource, bounds: Bounds): void {
  const driver = dataSource.driver as unknown as { mysql?: Mysql2 };
  const mysql = driver.mysql;
  if (!mysql || typeof mysql.createPool !== 'function') return;
  driver.mysql = Object.create(mysql, {
    createPool: {
      value: (options: unknown) => {
        const pool = mysql.createPool(options);
        pool.on('connection', (connection: Mysql2Connection) => {
          connection.on('error', (error: Error) => {
            dataSource.logger.log('warn', `database connection closed: ${error.message}`);
          });
          boundStatements(connection, bounds);
        });
        boundAcquisition(pool, bounds);
        return pool;
      },
    },
  }) as Mysql2;
}

function boundStatements(connection: Mysql2Connection, bounds: Bounds): void {
  const query = connection.query.bind(connection);
  connection.query = (sql: unknown, values?: unknown, cb?: unknown) => {
    const callback = (typeof values === 'function' ? values : cb) as Callback | undefined;
    const params = typeof values === 'function' ? undefined : values;
    const scoped = scopedBound.getStore();
    const statementMs = scoped ? scoped.statementMs : bounds.timeouts.statementMs;
    if (!callback || statementMs === null || !isPlainStatement(sql)) return query(sql, values, cb);
    const options = typeof sql === 'string' ? { sql } : (sql as { sql: string });
    let answered = false;
    const bounded: Callback = (error, ...rest) => {
      if (answered) return;
      answered = true;
      if (error?.code === statementTimeoutCode) {
        // mysql2's destroy only half-closes (FIN), which a frozen server never answers
        connection.destroy();
        connection.stream?.destroy?.();
      }
      callback(error, ...rest);
    };
    const statement = { ...options, timeout: statementMs };
    return params === undefined ? query(statement, bounded) : query(statement, params, bounded);
  };
}

/** SQL text, or mysql2's `{ sql, … }` options without a timeout of their own. */
function isPlainStatement(sql: unknown): boolean {
  if (typeof sql === 'string') return true;
  if (sql === null || typeof sql !== 'object') return false;
  const options = sql as { sql?: unknown; timeout?: unknown; constructor?: unknown };
  return (
    options.constructor === Object &&
    typeof options.sql === 'string' &&
    options.timeout === undefined
  );
}

function boundAcquisition(pool: Mysql2Pool, bounds: Bounds): void {
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb: Callback) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      const error = Object.assign(
        new Error(`No database connection within ${bounds.timeouts.acquireMs} ms`),
        { code: acquireTimeoutCode },
      );
      cb(error);
    }, bounds.timeouts.acquireMs);
    getConnection((error, ...rest) => {
      if (waiting) {
        waiting = false;
        clearTimeout(timer);
        cb(error, ...rest);
        return;
      }
      // too late for the caller: the connection goes back for the next one
      (rest[0] as Mysql2Connection | undefined)?.release?.();
    });
  };
}
