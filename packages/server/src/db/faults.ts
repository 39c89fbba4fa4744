/**
 * What a failed database call means for the client (docs/design.md, Scale-out, "hardening" point 8): the
 * database is out of reach for now, or the transaction lost a conflict and may simply run
 * again. Both are answered `UNAVAILABLE` ("try again in a moment"), never as a server fault.
 *
 * TypeORM wraps a failed statement in a QueryFailedError whose `driverError` is mysql2's error;
 * a connection that cannot even be opened (ECONNREFUSED, ETIMEDOUT) reaches callers unwrapped.
 * Both shapes are looked through here. Kinds seen on MariaDB 10.11 with mysql2 3:
 *
 * - database stopped: `ECONNREFUSED` for every new connection; a statement running at that moment
 *   `PROTOCOL_CONNECTION_LOST`; the next statement of an open transaction "Can't add new command
 *   when connection is in closed state" (no code, `fatal: true`);
 * - connection KILLed by an administrator: the same `PROTOCOL_CONNECTION_LOST` / closed state;
 * - server shutting down: 1053 `ER_SERVER_SHUTDOWN`; too many clients: 1040 `ER_CON_COUNT_ERROR`;
 * - unreachable host, or a frozen one that accepts connections and never greets: `ETIMEDOUT`
 *   after the pool's `connectTimeout`;
 * - a frozen server (docs/design.md, Scale-out): a statement past its timeout fails with
 *   `PROTOCOL_SEQUENCE_TIMEOUT`, a request that got no pooled connection in time with
 *   `POOL_ACQUIRE_TIMEOUT` (both from mysql-pool.ts);
 * - DataSource closed or closing (SIGTERM): mysql2 "Pool is closed.", TypeORM "Connection is not
 *   established with mysql database".
 */

/** The driver's own error behind a TypeORM QueryFailedError (or the error itself). */
interface DriverErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** MySQL/MariaDB error numbers of a transaction that lost a conflict: run it again. */
export const retryableErrnos: ReadonlySet<number> = new Set([
  // ER_LOCK_DEADLOCK; also how Galera reports a failed certification at commit
  1213,
  // ER_TRANSACTION_ROLLBACK_DURING_COMMIT: MySQL Group Replication (InnoDB Cluster) conflicts
  3101,
]);

const retryableCodes: ReadonlySet<string> = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_TRANSACTION_ROLLBACK_DURING_COMMIT',
]);

/** Server errors that say "not now" rather than "wrong request". */
const unavailableErrnos: ReadonlySet<number> = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1047, // ER_UNKNOWN_COM_ERROR: a Galera node not (yet) part of the primary component
  1053, // ER_SERVER_SHUTDOWN
  1203, // ER_TOO_MANY_USER_CONNECTIONS
  1205, // ER_LOCK_WAIT_TIMEOUT: a lock held past innodb_lock_wait_timeout (not retried: see retry.ts)
  1317, // ER_QUERY_INTERRUPTED: KILL QUERY
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2002, // CR_CONNECTION_ERROR
  2003, // CR_CONN_HOST_ERROR
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
  4031, // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8: idle connection closed by the server)
]);

const unavailableCodes: ReadonlySet<string> = new Set([
  // sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  // mysql2's protocol layer
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  // mysql-pool.ts: no pooled connection within the acquisition bound
  'POOL_ACQUIRE_TIMEOUT',
  // server errors by name
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  // the embedded database: another process held the write lock past the busy timeout
  'SQLITE_BUSY',
]);

/** Messages of errors that carry no code (mysql2's pool and closed connections, TypeORM). */
const unavailableMessages: readonly RegExp[] = [
  /^Pool is closed\.?$/,
  /^Can't add new command when connection is in closed state$/,
  /^Can't write in closed state$/,
  /^Connection lost: The server closed the connection\.?$/,
  /^No connections available\.?$/,
  /^Queue limit reached\.?$/,
  /^Connection is not established with (mysql|mariadb) database$/,
];

/** The error, its driver error, causes and aggregated errors: a bounded walk. */
function* chainOf(error: unknown): Generator<DriverErrorLike> {
  const pending: unknown[] = [error];
  const seen = new Set<unknown>();
  while (pending.length > 0 && seen.size < 16) {
    const next = pending.shift();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const candidate = next as DriverErrorLike;
    yield candidate;
    pending.push(candidate.driverError, candidate.cause);
    if (Array.isArray(candidate.errors)) pending.push(...(candidate.errors as unknown[]));
  }
}

function matches(
  error: unknown,
  errnos: ReadonlySet<number>,
  codes: ReadonlySet<string>,
  messages: readonly RegExp[] = [],
): boolean {
  for (const link of chainOf(error)) {
    if (typeof link.errno === 'number' && errnos.has(link.errno)) return true;
    if (typeof link.code === 'string' && codes.has(link.code)) return true;
    if (typeof link.message === 'string' && messages.some((m) => m.test(link.message as string)))
      return true;
  }
  return false;
}

/** True when the transaction (or lone statement) lost a conflict and may be run again as a whole. */
export function isRetryableConflict(error: unknown): boolean {
  return matches(error, retryableErrnos, retryableCodes);
}

/** True when the database is out of reach, closing, overloaded or cut the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return matches(error, unavailableErrnos, unavailableCodes, unavailableMessages);
}

/**
 * True when a failure is the database's "not now", answered `UNAVAILABLE`: out of reach, or a
 * conflict that kept coming back after the bounded retries.
 */
export function isTransientDatabaseFault(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isRetryableConflict(error);
}
