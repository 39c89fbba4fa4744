/**
 * The hand-written users page the bench compares the GraphQL one with, run as a child process of
 * its own (`node -r @swc-node/register bench/baseline-server.ts`) so that it has an event loop of
 * its own, like the server under test. It checks the same bearer token (the session by its token
 * hash, not expired, its profile's account) and answers the same JSON as `USERS_QUERY`, with the
 * 2FA status from the stored columns the server reads (the same statusOfStored()) and a count
 * bounded like the server's, straight from the driver.
 *
 * Environment: BENCH_BASELINE_MYSQL_URL (mysql2 pool of 10 connections, like the server's
 * TypeORM pool) or BENCH_BASELINE_SQLITE (the server's database file, opened read-only). Prints
 * the port it listens on (127.0.0.1) as its first line on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { hashToken } from '../src/crypto/tokens';
import { countBound } from '../src/db/paging';
import {
  statusOfStored,
  type StoredTwoFactorBase,
} from '../src/modules/two-factor/status/stored-base';
import { baselinePool } from './baseline-pool';

type Row = Record<string, unknown>;
type Query = (sql: string, params: unknown[]) => Promise<Row[]>;

function openQuery(): Query {
  const mysqlUrl = process.env.BENCH_BASELINE_MYSQL_URL;
  if (mysqlUrl) {
    const pool = baselinePool(mysqlUrl);
    return async (sql, params) => (await pool.query(sql, params))[0] as Row[];
  }
  const file = process.env.BENCH_BASELINE_SQLITE;
  if (!file) throw new Error('BENCH_BASELINE_MYSQL_URL or BENCH_BASELINE_SQLITE is required');
  const db = new Database(file, { readonly: true });
  // dates as TypeORM stores and binds them on SQLite: UTC `YYYY-MM-DD HH:MM:SS.mmm` text
  const bind = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 23).replace('T', ' ') : value;
  return async (sql, params) => db.prepare(sql).all(...params.map(bind)) as Row[];
}

/** A timestamp column as either driver answers it (a Date from mysql2, UTC text from SQLite). */
function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : null;
}

const raw = openQuery();
const server = createServer((request, response) => {
  void (async () => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const now = new Date();
    const [session] = await raw(
      'SELECT u.accountId AS accountId FROM sessions s JOIN users u ON u.id = s.userId ' +
        'WHERE s.tokenHash = ? AND s.absoluteExpiresAt > ?',
      [hashToken(token), now],
    );
    if (!session) {
      response.writeHead(401).end();
      return;
    }
    const accountId = session.accountId;
    // by hand, what the server reads: the stored 2FA columns (docs/design.md, Stored 2FA status)
    // and a count bounded at countBound (docs/design.md, Lists at scale)
    const [users, count] = await Promise.all([
      raw(
        'SELECT u.id, u.displayName, i.email, u.userType, u.twoFactorBase, u.twoFactorDeadline, ' +
          'u.twoFactorLockedUntil FROM users u JOIN identities i ON i.id = u.identityId ' +
          'WHERE u.accountId = ? ORDER BY u.displayName, u.id LIMIT 50',
        [accountId],
      ),
      raw(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM users WHERE accountId = ? LIMIT ?) AS bounded',
        [accountId, countBound + 1],
      ),
    ]);
    const ids = users.map((u) => u.id);
    const apps = ids.length
      ? await raw(
          'SELECT ua.userId, a.id, a.name FROM user_apps ua JOIN apps a ON a.id = ua.appId ' +
            `WHERE ua.userId IN (${ids.map(() => '?').join(', ')}) ORDER BY a.name`,
          ids,
        )
      : [];
    const body = JSON.stringify({
      data: {
        users: {
          totalCount: Number(count[0]?.n ?? 0),
          nodes: users.map((u) => ({
            id: u.id,
            displayName: u.displayName,
            email: u.email,
            userType: u.userType,
            twoFactorStatus: statusOfStored(
              {
                base: u.twoFactorBase as StoredTwoFactorBase,
                deadline: dateOf(u.twoFactorDeadline),
                lockedUntil: dateOf(u.twoFactorLockedUntil),
              },
              now,
            ),
            apps: apps.filter((a) => a.userId === u.id).map((a) => ({ id: a.id, name: a.name })),
          })),
        },
      },
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  })().catch((error: unknown) => {
    response.writeHead(500).end(String(error));
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
