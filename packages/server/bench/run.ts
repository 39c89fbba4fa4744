/**
 * `pnpm bench [--sqlite] [--json]`: the real server against the physical limits of this machine,
 * measured in one run so machine noise affects both alike (DESIGN §11):
 * - the users page over GraphQL against a hand-written node:http endpoint that checks the same
 *   bearer token and answers the same JSON straight from the database driver;
 * - `viewer`, and password sign-in against the argon2id verify rate with the production
 *   parameters and as many verifications in flight as sign-in connections.
 * MariaDB on 127.0.0.1:3306 by default (BENCH_DATABASE_URL to change it; a database of its own,
 * dropped afterwards); `--sqlite` for the embedded default. Nothing here asserts a number.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { TwoFactorRequirement, UserStatus, UserType } from '@twofold/shared';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createConnection, createPool } from 'mysql2/promise';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { argon2Options } from '../src/crypto/password';
import { hashToken } from '../src/crypto/tokens';
import { createDataSource } from '../src/db/data-source';
import { runMigrations } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { App, UserApp } from '../src/modules/app/app.entity';
import { Identity } from '../src/modules/identity/identity.entity';
import { twoFactorStatusSql } from '../src/modules/two-factor/status/status-sql';
import { User } from '../src/modules/user/user.entity';
import { createServices } from '../src/services';

const args = new Set(process.argv.slice(2));
const sqlite = args.has('--sqlite');
const asJson = args.has('--json');
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const signInConnections = Number(process.env.BENCH_SIGN_IN_CONNECTIONS ?? 8);
const userCount = 200;
const password = 'bench password, long enough';

const USERS_QUERY =
  'query UsersPage { users(first: 50) { totalCount nodes { id displayName email userType twoFactorStatus apps { id name } } } }';

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** What this row is compared with, and the ratio to it. */
  baseline?: string;
  ratio?: number;
  target?: number;
}

async function measure(
  name: string,
  options: autocannon.Options,
  conns = connections,
): Promise<Row> {
  const result = await autocannon({ ...options, connections: conns, duration: durationSeconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** argon2id verifications per second with `inFlight` running at once, as sign-in runs them. */
async function argon2Rate(inFlight: number): Promise<Row> {
  const stored = await hash(password, argon2Options);
  const latencies: number[] = [];
  const end = Date.now() + durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        await verify(stored, password);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((x, y) => x - y);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    name: `argon2id verify, production parameters, ${inFlight} in flight`,
    requestsPerSecond: Math.round(latencies.length / durationSeconds),
    p50: at(0.5),
    p99: at(0.99),
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** The database the bench runs on, and a raw driver on it for the baseline. */
async function openDatabase(): Promise<{
  env: Record<string, string>;
  raw: Query;
  close: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-bench-'));
  if (sqlite) {
    let db: Database.Database | undefined;
    return {
      env: { TWOFOLD_DATA_DIR: dataDir },
      raw: async (sql, params) => {
        db ??= new Database(path.join(dataDir, 'twofold.sqlite'), { readonly: true });
        return db.prepare(sql).all(...params) as Record<string, unknown>[];
      },
      close: async () => {
        db?.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const server = new URL(process.env.BENCH_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306');
  const name = `twofold_bench_${randomBytes(4).toString('hex')}`;
  const access = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username) || 'root',
    password: decodeURIComponent(server.password),
  };
  const admin = await createConnection(access);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  const pool = createPool({ ...access, database: name, connectionLimit: 10 });
  return {
    env: {
      TWOFOLD_DATA_DIR: dataDir,
      DATABASE_URL: url.href,
      TWOFOLD_SECRET_KEY: randomBytes(32).toString('base64'),
    },
    raw: async (sql, params) => (await pool.query(sql, params))[0] as Record<string, unknown>[],
    close: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The users page written by hand: the same bearer token check (session by token hash, not
 * expired, its profile's account) and the same JSON as `USERS_QUERY`, with the 2FA status from
 * the same SQL expression the server filters by.
 */
function rawUsersEndpoint(raw: Query): Server {
  const status = twoFactorStatusSql('u', 'p').replaceAll(':now', '?');
  const nows = (status.match(/\?/g) ?? []).length;
  return createServer((request, response) => {
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
}

/** An account with `userCount` users of every type, three apps each, one password for all. */
async function seed(services: ReturnType<typeof createServices>): Promise<string> {
  const { dataSource } = services;
  const ownerEmail = 'owner@bench.test';
  const { account } = await services.accounts.createAccount({
    name: 'Bench Co',
    ownerEmail,
    ownerPassword: password,
  });
  const apps = await dataSource.getRepository(App).save(
    ['Atlas', 'Field Notes', 'Ledger', 'Orbit', 'Quill'].map((name) =>
      dataSource.getRepository(App).create({
        accountId: account.id,
        name,
        platform: 'IOS' as App['platform'],
        bundleId: `com.bench.${name.toLowerCase().replace(' ', '')}`,
        previewUrl: `https://preview.bench.test/${name.toLowerCase().replace(' ', '-')}`,
        createdAt: new Date(),
      }),
    ),
  );
  const passwordHash = await hash(password, argon2Options);
  const types = Object.values(UserType);
  const now = new Date();
  for (let i = 0; i < userCount; i += 50) {
    const identities = Array.from({ length: Math.min(50, userCount - i) }, (_, j) => ({
      id: randomUUID(),
      email: `user${i + j}@bench.test`,
      passwordHash,
      emailVerifiedAt: now,
      createdAt: now,
    }));
    await dataSource.createQueryBuilder().insert().into(Identity).values(identities).execute();
    const users = identities.map((identity, j) => ({
      id: randomUUID(),
      accountId: account.id,
      identityId: identity.id,
      displayName: `User ${String(i + j).padStart(4, '0')}`,
      userType: types[(i + j) % types.length]!,
      isOwner: false,
      status: UserStatus.ACTIVE,
      twoFactorRequirement: TwoFactorRequirement.INHERIT,
      twoFactorDeadline: null,
      acceptedAt: now,
      lastSignInAt: null,
      createdAt: now,
    }));
    await dataSource.createQueryBuilder().insert().into(User).values(users).execute();
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(UserApp)
      .values(
        users.flatMap((user, j) =>
          [0, 1, 2].map((k) => ({ userId: user.id, appId: apps[(i + j + k) % apps.length]!.id })),
        ),
      )
      .execute();
  }
  return ownerEmail;
}

async function bearer(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password, transport: BEARER) { token } }',
      variables: { email, password },
    }),
  });
  const body = (await response.json()) as { data?: { signIn?: { token?: string } } };
  const token = body.data?.signIn?.token;
  if (!token) throw new Error(`sign-in for the bench failed: ${JSON.stringify(body)}`);
  return token;
}

async function main(): Promise<void> {
  const database = await openDatabase();
  const config = loadConfig({ ...process.env, ...database.env, LOG_LEVEL: 'silent' });
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  await runMigrations(dataSource);
  const logger = pino({ level: 'silent' });
  const services = createServices({ config, logger, dataSource });
  const app = await buildApp({ config, logger, dataSource, services });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const raw = rawUsersEndpoint(database.raw);
  const rawUrl = await listen(raw);

  try {
    const ownerEmail = await seed(services);
    const token = await bearer(appUrl, ownerEmail);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const graphql = (query: string) => ({
      url: `${appUrl}/graphql`,
      method: 'POST' as const,
      headers: auth,
      body: JSON.stringify({ query }),
    });
    // the two answers must be the same JSON (Apollo ends its with a newline), or the comparison
    // means nothing
    const [viaGraphql, viaRaw] = await Promise.all([
      fetch(`${appUrl}/graphql`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ query: USERS_QUERY }),
      }).then((r) => r.text()),
      fetch(rawUrl, { headers: auth }).then((r) => r.text()),
    ]);
    if (viaGraphql.trimEnd() !== viaRaw.trimEnd()) {
      let at = 0;
      while (viaGraphql[at] === viaRaw[at]) at += 1;
      throw new Error(
        `the baseline answers other JSON from character ${at}:\n` +
          `${viaGraphql.slice(at - 80, at + 120)}\n${viaRaw.slice(at - 80, at + 120)}`,
      );
    }

    const rawUsers = await measure('baseline: node:http + driver, same users JSON, token checked', {
      url: rawUrl,
      headers: auth,
    });
    const usersPage = await measure(
      'users(first: 50) with apps and 2FA status',
      graphql(USERS_QUERY),
    );
    const viewer = await measure(
      'viewer { displayName email }',
      graphql('{ viewer { displayName email } }'),
    );
    const argon = await argon2Rate(signInConnections);
    const signIn = await measure(
      `password sign-in (${signInConnections} connections)`,
      {
        url: `${appUrl}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password, transport: BEARER) { token } }',
          variables: { email: 'user1@bench.test', password },
        }),
      },
      signInConnections,
    );
    const rows: Row[] = [
      rawUsers,
      {
        ...usersPage,
        baseline: rawUsers.name,
        ratio: usersPage.requestsPerSecond / rawUsers.requestsPerSecond,
        target: 0.4,
      },
      viewer,
      argon,
      {
        ...signIn,
        baseline: argon.name,
        ratio: signIn.requestsPerSecond / argon.requestsPerSecond,
      },
    ];
    const rssMiB = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const header =
      `${config.database.type}, ${connections} connections (sign-in ${signInConnections}), ${durationSeconds} s each, ` +
      `${os.cpus().length} cores, Node ${process.version}; RSS of the process (server + load) ${rssMiB} MiB`;
    if (asJson) {
      process.stdout.write(`${JSON.stringify({ setup: header, rssMiB, rows }, null, 2)}\n`);
    } else {
      process.stdout.write(
        `\n${header}\n\n| what | req/s | p50 ms | p99 ms | ratio | target |\n|---|---|---|---|---|---|\n` +
          rows
            .map(
              (r) =>
                `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ` +
                `${r.ratio === undefined ? '' : r.ratio.toFixed(2)} | ${r.target === undefined ? '' : `≥ ${r.target.toFixed(2)}`} |`,
            )
            .join('\n') +
          '\n',
      );
    }
  } finally {
    raw.close();
    await app.close();
    await dataSource.destroy();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
