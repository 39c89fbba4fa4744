/**
 * `pnpm bench [--sqlite] [--json] [--no-build] [--only users,viewer,argon2,password,signin,verify,create]`
 * `pnpm bench --soak <minutes> [--sqlite] [--json] [--no-build]`
 * `pnpm bench --scale <users> [--explain <file>] [--json] [--no-build]` (MariaDB; see scale.ts)
 * `pnpm bench --purge-scale <audit events> [--no-build]` (MariaDB; see purge-scale.ts)
 *
 * The built server (packages/server/dist/main.js, built first unless --no-build) in a child
 * process against the physical limits of this machine, measured in one run so that machine noise
 * affects both sides alike (docs/design.md, Targets):
 * - the users page over GraphQL against a hand-written node:http + driver endpoint (another
 *   child) that checks the same bearer token and answers the same JSON, verified byte-identical
 *   first and on every answer;
 * - `viewer`; password sign-in; full sign-in (password, then the authenticator code the client
 *   computes, over thousands of enrolled users so that no step is reused) against a hand-written
 *   sign-in and code check (signin-baseline-server.ts; MariaDB only), with the argon2id verify
 *   rate at the production parameters beside them (a third child);
 * - `verifySecondFactor` alone, saturated, then open-loop at half that rate;
 * - `createUser` ×BENCH_CREATE_USERS, one at a time, then concurrently.
 * Server RSS is sampled from /proc during every row. MariaDB on 127.0.0.1:3306 by default
 * (BENCH_DATABASE_URL to change it; a database of its own, dropped afterwards); `--sqlite` for
 * the embedded default. `--soak` holds half the saturating rate of a mixed workload instead (see
 * soak.ts). Nothing here asserts a number: the exit code says whether every request succeeded.
 *
 * Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3, before each row), BENCH_CONNECTIONS (20), BENCH_SIGN_IN_CONNECTIONS (8),
 * BENCH_VERIFY_CONNECTIONS (20), BENCH_ENROLLED (6000), BENCH_VERIFY_SESSIONS_PER_USER (3),
 * BENCH_LOG_LEVEL (warn, the server's LOG_LEVEL), BENCH_SOAK_INTERVAL_SECONDS (30),
 * BENCH_DATABASE_URL (mariadb://root@127.0.0.1:3306), BENCH_CREATE_USERS (1000),
 * BENCH_SCALE_SAMPLES (9).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { print } from 'graphql';
import { CreateUserDocument } from '../../shared/src/generated/graphql';
import { App } from '../src/modules/app/app.entity';
import { createDataSource } from '../src/wiring/data-source';
import {
  Api,
  closedLoop,
  graphqlBodyProblem,
  HttpClient,
  type Measured,
  measureAutocannon,
  openLoop,
  Recorder,
  rounded,
  SIGN_IN_MUTATION,
  USERS_QUERY,
  VIEWER_QUERY,
} from './load';
import {
  buildServer,
  type Child,
  CpuMeter,
  databasePid,
  freePort,
  progress,
  RssSampler,
  runArgon2Rate,
  startBaseline,
  startServer,
} from './processes';
import {
  type BenchDatabase,
  createBenchDatabase,
  insertPendingSessions,
  password,
  seedBenchCo,
  seedSignInCo,
} from './seed';
import { runPurgeScale } from './purge-scale';
import { runScale, scaleTable } from './scale';
import { runSoak, soakServerEnv } from './soak';
import { TotpPool } from './totp';

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}
const sqlite = argv.includes('--sqlite');
const asJson = argv.includes('--json');
const build = !argv.includes('--no-build');
const soakMinutes = option('--soak') === undefined ? undefined : Number(option('--soak'));
const scaleSize = option('--scale') === undefined ? undefined : Number(option('--scale'));
const explainFile = option('--explain');
const purgeEvents =
  option('--purge-scale') === undefined ? undefined : Number(option('--purge-scale'));
const rowKeys = ['users', 'viewer', 'argon2', 'password', 'signin', 'verify', 'create'] as const;
type RowKey = (typeof rowKeys)[number];
const only = new Set((option('--only') ?? rowKeys.join(',')).split(',').map((s) => s.trim()));

const numberEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const seconds = numberEnv('BENCH_SECONDS', 10);
const connections = numberEnv('BENCH_CONNECTIONS', 20);
const signInConnections = numberEnv('BENCH_SIGN_IN_CONNECTIONS', 8);
const verifyConnections = numberEnv('BENCH_VERIFY_CONNECTIONS', 20);
const enrolledCount = numberEnv('BENCH_ENROLLED', 6000);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';

interface Row {
  key: string;
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Max RSS of the process answering the row (the server, unless `rssOf` says otherwise). */
  rssMiB: number;
  rssOf: 'server' | 'baseline' | 'argon2 child';
  /**
   * CPU milliseconds per counted request (per sign-in for full sign-in) of the answering
   * process, the database server (NaN for SQLite, in the server process) and the bench itself.
   */
  cpuMsPerRequest: { answering: number; database: number; bench: number };
  /** What the row is compared with, the ratio to it, and the target. */
  baseline?: string;
  ratio?: number;
  /** Throughput over the bare argon2id verify rate (sign-in rows). */
  argon2Ratio?: number;
  target?: string;
  met?: boolean;
}

/** Cleanups, run last-in first-out at the end, on error and on Ctrl-C. */
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      progress(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping the children and dropping the database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** What the processes spent during one measurement. */
interface Observation {
  rssMiB: number;
  cpu: { answering: number; database: number; bench: number };
}

const dbPid = sqlite ? undefined : databasePid();

/** Seconds of load before each measured row, not measured: JIT compilation and pools settle. */
const warmUpSeconds = numberEnv('BENCH_WARMUP_SECONDS', 3);

/**
 * Runs `run` for `seconds` while sampling the RSS of `pid` and the CPU time of every process
 * involved — first for `warmUpSeconds` unmeasured (the same load, its answers checked the same
 * way) unless `warm` is false.
 */
async function observe<T>(
  pid: number,
  run: (seconds: number) => Promise<T>,
  { warm = true }: { warm?: boolean } = {},
): Promise<[T, Observation]> {
  if (warm && warmUpSeconds > 0) await run(warmUpSeconds);
  const sampler = new RssSampler(pid);
  const cpu = new CpuMeter(pid, dbPid);
  try {
    const result = await run(seconds);
    return [result, { cpu: cpu.stop(), rssMiB: sampler.stop() }];
  } finally {
    sampler.stop();
  }
}

/** A loop's result once every one of its requests was checked right (else it throws). */
async function checkedLoop<T extends { recorder: { assertNoErrors(name: string): void } }>(
  name: string,
  loop: Promise<T>,
): Promise<T> {
  const result = await loop;
  result.recorder.assertNoErrors(name);
  return result;
}

function rowOf(key: string, name: string, measured: Measured, observed: Observation): Row {
  const perRequest = (seconds: number) => (seconds * 1000) / measured.count;
  return {
    key,
    name,
    requestsPerSecond: measured.requestsPerSecond,
    p50: measured.p50,
    p99: measured.p99,
    rssMiB: observed.rssMiB,
    rssOf: 'server',
    cpuMsPerRequest: {
      answering: perRequest(observed.cpu.answering),
      database: perRequest(observed.cpu.database),
      bench: perRequest(observed.cpu.bench),
    },
  };
}

async function databaseVersion(dataSource: DataSource, database: BenchDatabase): Promise<string> {
  const sql =
    database.config.type === 'sqlite' ? 'SELECT sqlite_version() AS v' : 'SELECT VERSION() AS v';
  const [row] = await dataSource.query<{ v: string }[]>(sql);
  return `${database.label} ${row?.v ?? '?'}`;
}

interface Context {
  url: string;
  server: Child;
  dataSource: DataSource;
  database: BenchDatabase;
  pool: TotpPool | undefined;
  ownerToken: string;
}

/** One real sign-in of an enrolled user: SECOND_FACTOR after the password, ACTIVE after the code. */
async function checkEnrolledFlow(url: string, pool: TotpPool): Promise<void> {
  const http = new HttpClient(url, 1);
  try {
    const api = new Api(http);
    const lease = await pool.take();
    try {
      const token = await api.signIn(lease.user.email, password, 'SECOND_FACTOR');
      await api.verify(token, lease.code);
    } finally {
      pool.release(lease);
    }
  } catch (error) {
    throw new Error(
      `an enrolled user's sign-in does not go SECOND_FACTOR → ACTIVE, nothing to measure: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    http.close();
  }
}

async function usersRows(context: Context): Promise<Row[]> {
  const { url, server, database, ownerToken } = context;
  const baseline = await startBaseline(database.baselineEnv);
  cleanups.push(() => baseline.child.stop());
  try {
    const auth = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
    // the two answers must be the same JSON (Apollo ends its with a newline), or the comparison
    // means nothing; every answer during the runs is then compared with these
    const [viaGraphql, viaRaw] = await Promise.all([
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ query: USERS_QUERY }),
      }).then((r) => r.text()),
      fetch(baseline.url, { headers: auth }).then((r) => r.text()),
    ]);
    if (viaGraphql.trimEnd() !== viaRaw.trimEnd()) {
      let at = 0;
      while (viaGraphql[at] === viaRaw[at]) at += 1;
      throw new Error(
        `the baseline answers other JSON from character ${at}:\n` +
          `${viaGraphql.slice(Math.max(0, at - 80), at + 120)}\n${viaRaw.slice(Math.max(0, at - 80), at + 120)}`,
      );
    }
    const same = (expected: string) => (body: string) =>
      body === expected ? null : `other JSON: ${body.slice(0, 200)}`;
    const baselineName = 'baseline: node:http + driver, same users JSON, token checked';
    progress(`${baselineName}…`);
    const [raw, rawRss] = await observe(baseline.child.pid, (duration) =>
      measureAutocannon(
        baselineName,
        { url: baseline.url, headers: auth },
        connections,
        duration,
        same(viaRaw),
      ),
    );
    const usersName = 'users(first: 50) with apps and 2FA status';
    progress(`${usersName}…`);
    const [users, usersRss] = await observe(server.pid, (duration) =>
      measureAutocannon(
        usersName,
        {
          url: `${url}/graphql`,
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ query: USERS_QUERY }),
        },
        connections,
        duration,
        same(viaGraphql),
      ),
    );
    const ratio = users.requestsPerSecond / raw.requestsPerSecond;
    return [
      { ...rowOf('baseline', baselineName, raw, rawRss), rssOf: 'baseline' },
      {
        ...rowOf('users', usersName, users, usersRss),
        baseline: baselineName,
        ratio,
        target: '≥ 0.50',
        met: ratio >= 0.5,
      },
    ];
  } finally {
    await baseline.child.stop();
  }
}

/** The hand-written password sign-in (signin-baseline-server.ts) of the password row's user. */
async function handWrittenPasswordRow(baseline: { child: Child; url: string }): Promise<Row> {
  const name = `hand-written password sign-in (node:http + mysql2 + argon2id), ${signInConnections} connections`;
  progress(`${name}…`);
  const [measured, rss] = await observe(baseline.child.pid, (duration) =>
    measureAutocannon(
      name,
      {
        url: `${baseline.url}/sign-in`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'user1@bench.test', password }),
      },
      signInConnections,
      duration,
      (body) =>
        body.includes('"stage":"ACTIVE"') && body.includes('"token":"')
          ? null
          : `not an ACTIVE session with a token: ${body.slice(0, 200)}`,
    ),
  );
  return { ...rowOf('password-raw', name, measured, rss), rssOf: 'baseline' };
}

/** The hand-written sign-in then code check of enrolled users, as the full sign-in row runs. */
async function handWrittenPairRow(
  baseline: { child: Child; url: string },
  pool: TotpPool,
): Promise<Row> {
  const name = `hand-written sign-in + code check, ${signInConnections} in flight`;
  progress(`${name}…`);
  const http = new HttpClient(baseline.url, signInConnections);
  const post = async (path: string, body: object, expect: string) => {
    const answer = await http.post(path, JSON.stringify(body));
    if (answer.status !== 200 || !answer.body.includes(expect)) {
      throw new Error(`${path}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    }
    return JSON.parse(answer.body) as { token?: string };
  };
  const pairOnce = async () => {
    const lease = await pool.take();
    try {
      const { token } = await post(
        '/sign-in',
        { email: lease.user.email, password },
        '"stage":"SECOND_FACTOR"',
      );
      await post('/verify', { token, code: lease.code }, '"stage":"ACTIVE"');
    } finally {
      pool.release(lease);
    }
  };
  try {
    const [{ measured }, rss] = await observe(baseline.child.pid, (duration) =>
      checkedLoop(name, closedLoop(signInConnections, duration, pairOnce)),
    );
    return { ...rowOf('signin-raw', name, measured, rss), rssOf: 'baseline' };
  } finally {
    http.close();
  }
}

/** Users each `createUser` row creates through the API (issue 22: an admin's CSV import is next). */
const createCount = numberEnv('BENCH_CREATE_USERS', 1000);

/**
 * `createUser` over GraphQL with the console's own document, `createCount` times one after
 * another, then `createCount` more with `signInConnections` in flight: each a new login with an
 * app and an invitation mailed (to the outbox file: the bench has no SMTP server).
 */
async function createUserRows({ url, server, ownerToken, dataSource }: Context): Promise<Row[]> {
  const [app] = await dataSource.getRepository(App).find({ take: 1, order: { name: 'ASC' } });
  if (!app) throw new Error('Bench Co has no app');
  const query = print(CreateUserDocument);
  const rows: Row[] = [];
  for (const [label, inFlight] of [
    ['one at a time', 1],
    [`${signInConnections} in flight`, signInConnections],
  ] as const) {
    const name = `createUser ×${createCount} over GraphQL (new login, an app, invitation mailed), ${label}`;
    progress(`${name}…`);
    const http = new HttpClient(url, inFlight);
    const api = new Api(http);
    const recorder = new Recorder();
    const cpu = new CpuMeter(server.pid, dbPid);
    const sampler = new RssSampler(server.pid);
    const started = performance.now();
    let next = 0;
    const tag = `${inFlight}-${Date.now()}`;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < createCount) {
          const n = next++;
          const at = performance.now();
          try {
            await api.call(
              'createUser',
              query,
              {
                input: {
                  email: `created${n}.${tag}@bench.test`,
                  displayName: `Created ${tag} ${n}`,
                  userType: 'APP_REVIEWER',
                  appIds: [app.id],
                },
              },
              ownerToken,
            );
            recorder.record(performance.now() - at);
          } catch (error) {
            recorder.fail(error);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    http.close();
    recorder.assertNoErrors(name);
    const measured = recorder.summary(elapsed);
    const observed = { cpu: cpu.stop(), rssMiB: sampler.stop() };
    progress(`${name}: ${elapsed.toFixed(1)} s`);
    rows.push({ ...rowOf('create', `${name}: ${elapsed.toFixed(1)} s`, measured, observed) });
  }
  rows.push(await createUsersRow({ url, server, ownerToken }, app.id));
  return rows;
}

/** The same `createCount` profiles through `createUsers`, an import's batches of 500, one at a time. */
async function createUsersRow(
  { url, server, ownerToken }: Pick<Context, 'url' | 'server' | 'ownerToken'>,
  appId: string,
): Promise<Row> {
  const batchSize = 500;
  const query = `mutation ($inputs: [CreateUserInput!]!) { createUsers(inputs: $inputs) { id } }`;
  const name = `createUsers ×${createCount} over GraphQL in batches of ${batchSize} (new logins, an app, invitations mailed)`;
  progress(`${name}…`);
  const http = new HttpClient(url, 1);
  const api = new Api(http);
  const recorder = new Recorder();
  const cpu = new CpuMeter(server.pid, dbPid);
  const sampler = new RssSampler(server.pid);
  const started = performance.now();
  const tag = `batch-${Date.now()}`;
  for (let first = 0; first < createCount; first += batchSize) {
    const inputs = Array.from({ length: Math.min(batchSize, createCount - first) }, (_, i) => ({
      email: `created${first + i}.${tag}@bench.test`,
      displayName: `Created ${tag} ${first + i}`,
      userType: 'APP_REVIEWER',
      appIds: [appId],
    }));
    const at = performance.now();
    try {
      await api.call('createUsers', query, { inputs }, ownerToken);
      recorder.record(performance.now() - at);
    } catch (error) {
      recorder.fail(error);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  http.close();
  recorder.assertNoErrors(name);
  const measured = recorder.summary(elapsed);
  const observed = { cpu: cpu.stop(), rssMiB: sampler.stop() };
  progress(`${name}: ${elapsed.toFixed(1)} s`);
  return { ...rowOf('create', `${name}: ${elapsed.toFixed(1)} s`, measured, observed) };
}

async function main(): Promise<void> {
  const soak = soakMinutes !== undefined;
  if (soak && !(soakMinutes > 0)) throw new Error('--soak needs a number of minutes');
  if (scaleSize !== undefined && !(Number.isInteger(scaleSize) && scaleSize >= 1000)) {
    throw new Error('--scale needs a number of users, at least 1000');
  }
  if (purgeEvents !== undefined && !(Number.isInteger(purgeEvents) && purgeEvents >= 1000)) {
    throw new Error('--purge-scale needs a number of audit events, at least 1000');
  }
  if ((scaleSize !== undefined || purgeEvents !== undefined) && sqlite) {
    throw new Error('--scale and --purge-scale seed MariaDB only');
  }
  const wanted = (key: RowKey) => !soak && only.has(key);
  for (const key of only) {
    if (!(rowKeys as readonly string[]).includes(key)) {
      throw new Error(`--only: unknown row ${key} (rows: ${rowKeys.join(', ')})`);
    }
  }
  if (build) {
    progress('building shared and server (tsc -p tsconfig.build.json; --no-build skips)…');
    buildServer();
  }

  const database = await createBenchDatabase(sqlite);
  cleanups.push(() => database.drop());
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-bench-log-'));
  const logFile = path.join(logDir, 'server.log');
  const secretKey = randomBytes(32);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  progress(`starting the server on ${url} (log: ${logFile})…`);
  const server = await startServer({
    port,
    logFile,
    env: {
      ...database.env,
      TWOFOLD_SECRET_KEY: secretKey.toString('base64'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      NODE_ENV: 'production',
      LOG_LEVEL: logLevel,
      ...(soak ? soakServerEnv : {}),
    },
  });
  let failed = true;
  cleanups.push(async () => {
    if (failed || server.exited) {
      progress(`server log (last lines):\n${server.tail()}`);
    }
    await server.stop();
    // the log is kept when something went wrong
    if (!failed) rmSync(logDir, { recursive: true, force: true });
  });

  const dataSource = createDataSource(database.config);
  await dataSource.initialize();
  cleanups.push(() => dataSource.destroy());

  if (purgeEvents !== undefined) {
    process.stdout.write(await runPurgeScale({ events: purgeEvents, dataSource, database }));
    failed = false;
    return;
  }
  if (scaleSize !== undefined) {
    const result = await runScale({
      size: scaleSize,
      url,
      dataSource,
      database,
      secretKey,
      explainFile,
    });
    const header =
      `scale: ${await databaseVersion(dataSource, database)}, server dist/main.js NODE_ENV=production ` +
      `LOG_LEVEL=${logLevel}, ${os.cpus().length} cores, Node ${process.version}; one request at a ` +
      `time, ${process.env.BENCH_SCALE_SAMPLES ?? 9} measured per read and size after 2 unmeasured`;
    process.stdout.write(
      asJson
        ? `${JSON.stringify({ header, size: scaleSize, ...result }, rounded, 2)}\n`
        : scaleTable(result, scaleSize, header),
    );
    failed = false;
    return;
  }

  progress('seeding Bench Co…');
  const ownerEmail = await seedBenchCo(dataSource);
  const needsEnrolled = soak || wanted('signin') || wanted('verify');
  let pool: TotpPool | undefined;
  if (needsEnrolled) {
    progress(`seeding Sign-in Co with ${enrolledCount} enrolled users…`);
    pool = new TotpPool(await seedSignInCo(dataSource, secretKey, enrolledCount));
    await checkEnrolledFlow(url, pool);
  }
  const ownerHttp = new HttpClient(url, 1);
  const ownerToken = await new Api(ownerHttp).signIn(ownerEmail, password, 'ACTIVE');
  ownerHttp.close();
  const version = await databaseVersion(dataSource, database);
  const context: Context = { url, server, dataSource, database, pool, ownerToken };

  if (soak) {
    const result = await runSoak({
      url,
      server,
      dataSource,
      pool: pool!,
      minutes: soakMinutes,
      calibrationSeconds: seconds,
      inFlight: signInConnections,
      asJson,
      header:
        `soak: ${version}, server dist/main.js NODE_ENV=production LOG_LEVEL=${logLevel}, ` +
        `${Object.entries(soakServerEnv)
          .map(([k, v]) => `${k}=${v}`)
          .join(
            ' ',
          )}, ${os.cpus().length} cores, Node ${process.version}, ${enrolledCount} enrolled users`,
    });
    failed = result.errors > 0;
    if (failed) process.exitCode = 1;
    return;
  }

  const rows: Row[] = [];
  if (wanted('users')) rows.push(...(await usersRows(context)));
  const auth = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
  if (wanted('viewer')) {
    const name = 'viewer { displayName email }';
    progress(`${name}…`);
    const [viewer, rss] = await observe(server.pid, (duration) =>
      measureAutocannon(
        name,
        {
          url: `${url}/graphql`,
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ query: VIEWER_QUERY }),
        },
        connections,
        duration,
        (body) => graphqlBodyProblem(body, 'viewer'),
      ),
    );
    rows.push(rowOf('viewer', name, viewer, rss));
  }
  let argon: Row | undefined;
  if (wanted('argon2') || wanted('password') || wanted('signin')) {
    const name = `argon2id verify, production parameters, ${signInConnections} in flight (own process)`;
    progress(`${name}…`);
    let sampler: RssSampler | undefined;
    const rate = await runArgon2Rate(signInConnections, seconds, (pid) => {
      sampler = new RssSampler(pid);
    });
    argon = {
      key: 'argon2',
      name,
      requestsPerSecond: rate.count / rate.seconds,
      p50: rate.p50,
      p99: rate.p99,
      rssMiB: sampler?.stop() ?? NaN,
      rssOf: 'argon2 child',
      cpuMsPerRequest: {
        answering: (rate.cpuSeconds * 1000) / rate.count,
        database: NaN,
        bench: NaN,
      },
    };
    rows.push(argon);
  }
  // the hand-written sign-in (docs/design.md, Targets): MariaDB only, like its driver
  const signInBaseline =
    !sqlite && (wanted('password') || (wanted('signin') && pool))
      ? await startBaseline(
          { ...database.baselineEnv, TWOFOLD_SECRET_KEY: secretKey.toString('base64') },
          'signin-baseline-server.ts',
        )
      : undefined;
  if (signInBaseline) cleanups.push(() => signInBaseline.child.stop());
  let rawPassword: Row | undefined;
  if (wanted('password') && signInBaseline) {
    rawPassword = await handWrittenPasswordRow(signInBaseline);
    rows.push(rawPassword);
  }
  if (wanted('password')) {
    const name = `password sign-in, no second factor (ends ACTIVE), ${signInConnections} connections`;
    progress(`${name}…`);
    const [signIn, rss] = await observe(server.pid, (duration) =>
      measureAutocannon(
        name,
        {
          url: `${url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: SIGN_IN_MUTATION,
            variables: { email: 'user1@bench.test', password },
          }),
        },
        signInConnections,
        duration,
        (body) =>
          graphqlBodyProblem(body, 'signIn') ??
          (body.includes('"stage":"ACTIVE"') && body.includes('"token":"')
            ? null
            : `not an ACTIVE session with a token: ${body.slice(0, 200)}`),
      ),
    );
    rows.push({
      ...rowOf('password', name, signIn, rss),
      ...(argon ? { argon2Ratio: signIn.requestsPerSecond / argon.requestsPerSecond } : {}),
      ...(rawPassword
        ? {
            baseline: rawPassword.name,
            ratio: signIn.requestsPerSecond / rawPassword.requestsPerSecond,
            target: '≥ 0.85',
            met: signIn.requestsPerSecond / rawPassword.requestsPerSecond >= 0.85,
          }
        : {}),
    });
  }
  let rawPair: Row | undefined;
  if (wanted('signin') && pool && signInBaseline) {
    rawPair = await handWrittenPairRow(signInBaseline, pool);
    rows.push(rawPair);
  }
  if (wanted('signin') && pool && argon) {
    const name = `full sign-in: password + authenticator code (signIn → verifySecondFactor), ${signInConnections} in flight`;
    progress(`${name}…`);
    const http = new HttpClient(url, signInConnections);
    const api = new Api(http);
    const signInPool = pool;
    const signInOnce = async () => {
      const lease = await signInPool.take();
      try {
        const token = await api.signIn(lease.user.email, password, 'SECOND_FACTOR');
        await api.verify(token, lease.code);
      } finally {
        signInPool.release(lease);
      }
    };
    const [{ measured }, rss] = await observe(server.pid, (duration) =>
      checkedLoop(name, closedLoop(signInConnections, duration, signInOnce)),
    );
    http.close();
    const argon2Ratio = measured.requestsPerSecond / argon.requestsPerSecond;
    const ratio = rawPair ? measured.requestsPerSecond / rawPair.requestsPerSecond : argon2Ratio;
    rows.push({
      ...rowOf('signin', name, measured, rss),
      baseline: rawPair?.name ?? argon.name,
      ratio,
      argon2Ratio,
      target: '≥ 0.80',
      met: ratio >= 0.8,
    });
  }
  if (wanted('verify') && pool) {
    // each verification uses up one session and one (user, step): 6000 users give 12 000 codes
    // at once and 6000 more at every 30 s boundary, enough for both rows at ~1000/s
    const perUser = Math.max(1, Number(process.env.BENCH_VERIFY_SESSIONS_PER_USER ?? 3));
    progress(`inserting ${perUser * pool.users.length} sessions at SECOND_FACTOR…`);
    await insertPendingSessions(dataSource, pool.users, perUser);
    pool.refreshSessions();
    const verifyPool = pool;
    const http = new HttpClient(url);
    const api = new Api(http);
    const verifyOnce = async () => {
      const lease = await verifyPool.take(true);
      try {
        await api.verify(lease.session!, lease.code);
      } finally {
        verifyPool.release(lease);
      }
    };
    const saturatedName = `verifySecondFactor alone, saturated (${verifyConnections} in flight)`;
    progress(`${saturatedName}…`);
    const [saturated, rss] = await observe(server.pid, (duration) =>
      checkedLoop(saturatedName, closedLoop(verifyConnections, duration, verifyOnce)),
    );
    rows.push(rowOf('verify', saturatedName, saturated.measured, rss));
    const rate = saturated.measured.requestsPerSecond / 2;
    const halfName = `verifySecondFactor alone, open loop at half that (${Math.round(rate)}/s), latency from the scheduled start`;
    progress(`${halfName}…`);
    // the saturated row just warmed the same load up
    const [half, halfRss] = await observe(
      server.pid,
      (duration) => checkedLoop(halfName, openLoop(rate, duration, verifyOnce)),
      { warm: false },
    );
    http.close();
    rows.push({
      ...rowOf('verify-half', halfName, half.measured, halfRss),
      target: 'p99 ≤ 50 ms',
      met: half.measured.p99 <= 50,
    });
  }

  if (wanted('create')) rows.push(...(await createUserRows(context)));

  const serverRows = rows.filter((r) => r.rssOf === 'server');
  const serverMaxRssMiB = Math.max(
    ...serverRows.map((r) => r.rssMiB).filter((n) => !Number.isNaN(n)),
  );
  const header =
    `${version} (database of its own, dropped at the end); server dist/main.js, NODE_ENV=production, ` +
    `LOG_LEVEL=${logLevel}; autocannon ${connections} connections (sign-in ${signInConnections}, ` +
    `verify ${verifyConnections}); ${seconds} s per row; ${os.cpus().length} cores; Node ${process.version}` +
    (pool ? `; ${pool.users.length} enrolled users` : '');
  const footer =
    `server max RSS ${Math.round(serverMaxRssMiB)} MiB` +
    (pool ? `; waits for a TOTP step ${pool.waits}` : '');
  if (asJson) {
    process.stdout.write(
      `${JSON.stringify(
        {
          setup: {
            database: version,
            logLevel,
            connections,
            signInConnections,
            verifyConnections,
            seconds,
            cores: os.cpus().length,
            node: process.version,
            enrolled: pool?.users.length ?? 0,
          },
          header,
          rows,
          serverMaxRssMiB,
          totpWaits: pool?.waits ?? 0,
        },
        rounded,
        2,
      )}\n`,
    );
  } else {
    const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
    const cpu = (row: Row) =>
      [row.cpuMsPerRequest.answering, row.cpuMsPerRequest.database, row.cpuMsPerRequest.bench]
        .map((v) => (Number.isNaN(v) ? '–' : v.toFixed(1)))
        .join(' + ');
    const mib = (row: Row) =>
      Number.isNaN(row.rssMiB)
        ? ''
        : `${Math.round(row.rssMiB)}${row.rssOf === 'server' ? '' : ` (${row.rssOf})`}`;
    process.stdout.write(
      `\n${header}\n\n| what | req/s | p50 ms | p99 ms | max RSS MiB | CPU ms/req: answering + db + bench | ratio | target |\n|---|---|---|---|---|---|---|---|\n` +
        rows
          .map(
            (r) =>
              `| ${r.name} | ${Math.round(r.requestsPerSecond)} | ${ms(r.p50)} | ${ms(r.p99)} | ${mib(r)} | ${cpu(r)} | ` +
              `${r.ratio === undefined ? '' : r.ratio.toFixed(2)}` +
              `${r.argon2Ratio === undefined ? '' : ` (argon2 ${r.argon2Ratio.toFixed(2)})`} | ` +
              `${r.target === undefined ? '' : `${r.target} ${r.met ? '✓' : '✗'}`} |`,
          )
          .join('\n') +
        `\n\n${footer}\n`,
    );
  }
  failed = false;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanUp())
  .finally(() => process.exit());
