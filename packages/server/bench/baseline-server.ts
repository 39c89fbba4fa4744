/**
 * The hand-written users page the bench compares the GraphQL one with, run as a child process of
 * its own (`node -r @swc-node/register bench/baseline-server.ts`) so that it has an event loop of
 * its own, like the server under test. It checks the same bearer token (the session by its token
 * hash, not expired, its profile's account) and answers the same JSON as `USERS_QUERY`, with the
 * 2FA status from the same SQL expression the server filters by, straight from the driver.
 *
 * Environment: BENCH_BASELINE_MYSQL_URL (mysql2 pool of 10 connections, like the server's
 * TypeORM pool) or BENCH_BASELINE_SQLITE (the server's database file, opened read-only). Prints
 * the port it listens on (127.0.0.1) as its first line on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { hashToken } from '../src/crypto/tokens';
import { entities } from '../src/wiring/entities';
import { twoFactorStatusSql } from '../src/modules/two-factor/status/status-sql';
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

/**
 * The status expression, which names tables and columns from TypeORM's entity metadata. Those
 * names are the same on every dialect: an in-memory SQLite database of the entities holds them,
 * closed again before the server listens.
 */
async function statusSql(): Promise<string> {
  const metadata = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities });
  await metadata.initialize();
  try {
    return twoFactorStatusSql(metadata, 'u', 'p').replaceAll(':now', '?');
  } finally {
    await metadata.destroy();
  }
}

const raw = openQuery();
// set before the server listens
let status = '';
let nows = 0;

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
    const [users, count] = await Promise.all([
      raw(
        `SELECT u.id, u.displayName, i.email, u.userType, ${status} AS twoFactorStatus ` +
          'FROM users u JOIN identities i ON i.id = u.identityId ' +
          'LEFT JOIN security_policies p ON p.accountId = u.accountId AND p.userType = u.userType ' +
          'WHERE u.accountId = ? ORDER BY u.displayName, u.id LIMIT 50',
        [...Array<Date>(nows).fill(now), accountId],
      ),
      raw('SELECT COUNT(*) AS n FROM users WHERE accountId = ?', [accountId]),
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
            twoFactorStatus: u.twoFactorStatus,
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

void statusSql().then((sql) => {
  status = sql;
  nows = (status.match(/\?/g) ?? []).length;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
  });
});
process.once('SIGTERM', () => process.exit(0));
