import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { finished, freePort, waitForOk } from '@twofold/testkit/process';
import { holdRequests } from '@twofold/testkit/release-together';
import { type Config, loadConfig } from '../src/config';
import { createDataSource } from '../src/wiring/data-source';
import { runMigrations } from '../src/db/migrate';
import { createServices } from '../src/wiring/services';
import { makeAccount, makeUser } from './helpers/factories';
import { spawnServerScript } from './helpers/server-process';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { testSecretKeyHex } from './helpers/test-server';

/** Each request one sign-in, an argon2id verification: together they keep the server busy. */
const REQUESTS = 40;
/** Sign-ins per request: one, the most a request may hash (docs/design.md, Limits). */
const SIGN_INS = 1;

/**
 * SIGTERM while requests are in flight: the server stops accepting, finishes what it has (their
 * answers complete), closes the database after the last one, and exits 0. On the test dialect.
 */
describe('SIGTERM with requests in flight', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const emails: string[] = [];
  let password = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir =
      database.config.type === 'sqlite'
        ? path.dirname(database.config.path)
        : mkdtempSync(path.join(os.tmpdir(), 'twofold-sigterm-'));
    env = {
      TWOFOLD_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...(database.config.type === 'sqlite'
        ? {}
        : { DATABASE_URL: database.config.url, TWOFOLD_SECRET_KEY: testSecretKeyHex }),
    };
    // twenty profiles, made the way the other tests make them, before the server starts
    const config: Config = { ...loadConfig(env), database: database.config };
    const dataSource = createDataSource(config.database);
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      const services = createServices({ config, logger: pino({ level: 'silent' }), dataSource });
      const { account } = await makeAccount(services);
      // one profile per sign-in, plus one to open the client's rate-limit window first
      for (let i = 0; i <= REQUESTS * SIGN_INS; i += 1) {
        const user = await makeUser(services, account);
        emails.push(user.email);
        password = user.password;
      }
    } finally {
      await dataSource.destroy();
    }
  });
  afterAll(async () => {
    await database?.drop();
    if (database?.config.type !== 'sqlite' && dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it(`answers all ${REQUESTS} requests in flight completely, then exits 0`, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawnServerScript('main.ts', [], { ...env, PORT: String(port) });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exit = finished(child);
    try {
      await waitForOk(`${url}/readyz`);
      // RateLimitService.take can refuse an attempt when many requests race to create the same
      // counter row (see the report): the client's IP window is opened by one sign-in first
      const warmUp = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p, transport: BEARER) { token } }`,
          variables: { e: emails[REQUESTS * SIGN_INS], p: password },
        }),
      });
      expect(((await warmUp.json()) as { errors?: unknown }).errors).toBeUndefined();
      const received = () => stdout.split('\n').filter((l) => l.includes('"incoming request"'));
      const before = received().length;

      // each request sits at the server (logged as received) with all but its last byte, so none
      // can be answered before the signal; then the last bytes go and the signal follows at once
      const held = holdRequests(
        url,
        Array.from({ length: REQUESTS }, (_, i) => ({
          query: `mutation ($password: String!) { ${Array.from(
            { length: SIGN_INS },
            (__, k) =>
              `s${k}: signIn(email: "${emails[i * SIGN_INS + k]}", password: $password, transport: BEARER) { token }`,
          ).join(' ')} }`,
          variables: { password },
        })),
      );
      await held.ready;
      const deadline = Date.now() + 15_000;
      while (received().length - before < REQUESTS) {
        if (Date.now() > deadline) throw new Error('the requests did not all arrive');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // all but the last go now; the last one's body completes only once the server is shutting
      // down: a request it already has, which it must still finish
      held.release(Array.from({ length: REQUESTS - 1 }, (_, i) => i));
      child.kill('SIGTERM');
      while (!stdout.includes('shutting down')) {
        if (Date.now() > deadline) throw new Error('the server never began shutting down');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      held.release([REQUESTS - 1]);

      const answers = (await held.answers) as {
        status: number;
        data?: Record<string, { token: string } | null> | null;
        errors?: unknown[];
      }[];
      // the signal really came while requests were running: the server began shutting down
      // before it had answered them all
      const logLines = stdout.split('\n');
      const shutdownAt = logLines.findIndex((l) => l.includes('shutting down'));
      expect(shutdownAt).toBeGreaterThan(-1);
      const reqIdOf = (line: string) => (JSON.parse(line) as { reqId?: string }).reqId;
      const held40 = new Set(received().slice(before).map(reqIdOf));
      const answeredBeforeSignal = logLines
        .slice(0, shutdownAt)
        .filter((l) => l.includes('"request completed"') && held40.has(reqIdOf(l))).length;
      expect(answeredBeforeSignal).toBeLessThan(REQUESTS);
      for (const { status, errors, data } of answers) {
        expect(status).toBe(200);
        expect(errors).toBeUndefined();
        expect(Object.values(data ?? {})).toHaveLength(SIGN_INS);
        for (const signIn of Object.values(data ?? {})) expect(signIn?.token).toBeTruthy();
      }

      const answeredAt = Date.now();
      const result = await exit;
      // promptly: idle keep-alive connections (these clients keep theirs) do not hold it open
      const exitedAfterMs = Date.now() - answeredAt;
      expect(exitedAfterMs).toBeLessThan(3_000);
      expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
      expect(result.stderr).toBe('');
      expect(stdout).toContain('"msg":"stopped"');
      // the database was closed after the last answer, not before
      const lines = stdout.split('\n');
      const lastCompleted = lines.map((l) => l.includes('"request completed"')).lastIndexOf(true);
      expect(lastCompleted).toBeGreaterThan(-1);
      expect(lines.findIndex((l) => l.includes('"msg":"stopped"'))).toBeGreaterThan(lastCompleted);
      process.stdout.write(
        `SIGTERM: ${REQUESTS - answeredBeforeSignal} of ${REQUESTS} requests were in flight; ` +
          `exited ${exitedAfterMs} ms after the last answer\n`,
      );
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    }
  });
});
