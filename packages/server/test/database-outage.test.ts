import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode } from '@twofold/shared';
import type { Connection } from 'mysql2/promise';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { type Finished, finished, freePort, waitForOk } from '@twofold/testkit/process';
import {
  assertPrivateMariaDbAvailable,
  runsWithPrivateMariaDb,
  type PrivateMariaDb,
  startPrivateMariaDb,
} from './helpers/private-mariadb';
import { spawnServerScript } from './helpers/server-process';
import { testDialect } from './helpers/test-database';
import { testSecretKeyHex } from './helpers/test-server';

/** What one request of the load got. */
interface Outcome {
  kind: 'apiInfo' | 'viewer' | 'createApp';
  phase: string;
  ms: number;
  /** `ok`, an error code, or what went wrong on the wire. */
  result: string;
}

const OWNER_EMAIL = 'owner@outage.test';
const OWNER_PASSWORD = 'a long enough password';
const DB_USER = 'twofold';

/** Each answer must come within this, database up or down (connectTimeout is 5 s). */
const answerWithinMs = 4_000;

/**
 * Hardening point 8, database faults: the real server process on a MariaDB server of this test's
 * own, under a bounded load, while (a) every connection of the server's user is KILLed and (b)
 * the database is stopped and started again. The shared MariaDB on 3306 is never touched.
 */
(testDialect === 'mysql' && runsWithPrivateMariaDb ? describe : describe.skip)(
  'the server through a database outage',
  () => {
    let db: PrivateMariaDb;
    let admin: Connection;
    let dataDir: string;
    let env: Record<string, string>;
    let url: string;
    let child: ChildProcess;
    let exit: Promise<Finished>;
    let owner: ApiClient;
    let phase = 'warm-up';
    const outcomes: Outcome[] = [];

    beforeAll(async () => {
      assertPrivateMariaDbAvailable();
      db = await startPrivateMariaDb();
      admin = await db.admin();
      await admin.query('CREATE DATABASE twofold CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      await admin.query(`CREATE USER '${DB_USER}'@'127.0.0.1' IDENTIFIED BY 'outage-password'`);
      await admin.query(`GRANT ALL ON twofold.* TO '${DB_USER}'@'127.0.0.1'`);
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-outage-'));
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      env = {
        DATABASE_URL: db.url(DB_USER, 'outage-password', 'twofold'),
        TWOFOLD_SECRET_KEY: testSecretKeyHex,
        TWOFOLD_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
      };
      // the CLI migrates the empty database and makes the owner
      const created = await finished(
        spawnServerScript(
          'cli.ts',
          [
            'create-account',
            '--name',
            'Outage',
            '--owner-email',
            OWNER_EMAIL,
            '--owner-password',
            OWNER_PASSWORD,
          ],
          env,
        ),
      );
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      child = spawnServerScript('main.ts', [], env);
      exit = finished(child);
      await waitForOk(`${url}/readyz`);
      owner = await signedIn(url, OWNER_EMAIL, OWNER_PASSWORD);
    });

    afterAll(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exit;
      }
      await admin?.end().catch(() => undefined);
      await db?.remove();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    let appNumber = 0;
    const requests: Record<Outcome['kind'], () => { query: string; client: ApiClient }> = {
      apiInfo: () => ({ query: '{ apiInfo { version } }', client: new ApiClient(url) }),
      viewer: () => ({ query: '{ viewer { displayName } }', client: owner }),
      createApp: () => {
        appNumber += 1;
        return {
          query: `mutation { createApp(input: { name: "Load ${appNumber}", platform: WEB, bundleId: "com.example.load${appNumber}", previewUrl: "https://example.com/p" }) { id } }`,
          client: owner,
        };
      },
    };

    /** One request, timed; a hang shows up as `timeout`, a reset connection as `network`. */
    async function send(kind: Outcome['kind']): Promise<Outcome> {
      const { query, client } = requests[kind]();
      const started = Date.now();
      const at = phase;
      let result: string;
      try {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
          },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json()) as {
          data?: unknown;
          errors?: { extensions?: { code?: string } }[];
        };
        result = body.errors?.length
          ? (body.errors.map((e) => e.extensions?.code ?? 'no code').join(',') ?? 'no code')
          : body.data
            ? 'ok'
            : `status ${response.status}`;
      } catch (error) {
        result = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      }
      const outcome = { kind, phase: at, ms: Date.now() - started, result };
      outcomes.push(outcome);
      return outcome;
    }

    /** Three clients sending one request after another, until `until` resolves (bounded). */
    function load(until: Promise<unknown>): Promise<void> {
      let stop = false;
      void until.finally(() => (stop = true));
      const kinds: Outcome['kind'][] = ['apiInfo', 'viewer', 'createApp'];
      const deadline = Date.now() + 30_000;
      return Promise.all(
        kinds.map(async (first, worker) => {
          for (let i = 0; !stop && i < 2_000 && Date.now() < deadline; i += 1) {
            await send(kinds[(worker + i) % kinds.length] ?? first);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }),
      ).then(() => undefined);
    }

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const of = (at: string) => outcomes.filter((o) => o.phase === at);
    const results = (list: Outcome[]) => [...new Set(list.map((o) => o.result))].sort();

    async function readyz(): Promise<number> {
      return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;
    }

    /** Bounded: waits until a request that needs the database succeeds again. */
    async function recovered(): Promise<number> {
      const started = Date.now();
      while (Date.now() - started < 20_000) {
        if ((await send('viewer')).result === 'ok') return Date.now() - started;
        await pause(100);
      }
      throw new Error('the server did not recover within 20 s');
    }

    it('answers UNAVAILABLE fast through killed connections and a stopped database, and recovers by itself', async () => {
      // warm-up: all well
      await load(pause(800));
      expect(results(of('warm-up'))).toEqual(['ok']);

      // (a) an administrator KILLs every connection of the server's user, three times
      phase = 'killed';
      let killed = 0;
      await load(
        (async () => {
          for (let round = 0; round < 3; round += 1) {
            await pause(250);
            const [rows] = await admin.query('SHOW PROCESSLIST');
            const ids = (rows as { Id: number; User: string }[])
              .filter((row) => row.User === DB_USER)
              .map((row) => row.Id);
            killed += ids.length;
            for (const id of ids) {
              await admin.query(`KILL ${Number(id)}`).catch(() => undefined); // gone meanwhile
            }
          }
          await pause(250);
        })(),
      );
      expect(killed).toBeGreaterThan(0);
      phase = 'after kills';
      const afterKills = await recovered();
      await load(pause(500));

      // (b) the database stops mid-load, stays down a while, and starts again
      phase = 'stopping';
      let readyWhileDown = 0;
      await load(
        (async () => {
          await pause(200);
          await db.stop();
          phase = 'down';
          await pause(1_000);
          readyWhileDown = await readyz();
          await pause(200);
        })(),
      );
      phase = 'restarted';
      await db.start();
      await admin.end().catch(() => undefined); // closed by the stop
      admin = await db.admin();
      const afterRestart = await recovered();
      await load(pause(800));

      const byPhase = Object.fromEntries(
        ['warm-up', 'killed', 'after kills', 'stopping', 'down', 'restarted'].map((at) => [
          at,
          results(of(at)),
        ]),
      );
      const slowest = Math.max(...outcomes.map((o) => o.ms));
      // a report in the test output, for whoever reads it
      process.stdout.write(
        `database outage: ${outcomes.length} requests, slowest ${slowest} ms, ` +
          `recovered ${afterKills} ms after the kills and ${afterRestart} ms after the restart\n` +
          `${JSON.stringify(byPhase)}\n`,
      );

      // every answer was a complete one, in time: data or a typed error, never a hang or a reset
      expect(outcomes.filter((o) => o.ms > answerWithinMs)).toEqual([]);
      expect(outcomes.filter((o) => ['timeout', 'network'].includes(o.result))).toEqual([]);
      // and never a server fault: only ok or UNAVAILABLE
      for (const outcome of outcomes)
        expect(['ok', ErrorCode.UNAVAILABLE]).toContain(outcome.result);
      // the database really was gone: what needs it failed, what does not kept working
      const down = of('down');
      expect(down.filter((o) => o.kind !== 'apiInfo').length).toBeGreaterThan(0);
      expect(results(down.filter((o) => o.kind !== 'apiInfo'))).toEqual([ErrorCode.UNAVAILABLE]);
      expect(results(down.filter((o) => o.kind === 'apiInfo'))).toEqual(['ok']);
      expect(readyWhileDown).toBe(503);
      // back without a restart of the server
      expect(results(of('restarted').slice(-20))).toEqual(['ok']);
      expect(await readyz()).toBe(200);
      expect(child.exitCode).toBeNull();

      // nothing half-written: every app has its audit event and every event its app
      const [apps] = await admin.query('SELECT id FROM twofold.apps');
      const [events] = await admin.query(
        "SELECT targetId FROM twofold.audit_events WHERE action = 'app.created'",
      );
      const appIds = (apps as { id: string }[]).map((r) => r.id).sort();
      const eventTargets = (events as { targetId: string }[]).map((r) => r.targetId).sort();
      expect(appIds.length).toBeGreaterThan(0);
      expect(eventTargets).toEqual(appIds);
      // and every app the server said it created exists
      const answeredOk = outcomes.filter((o) => o.kind === 'createApp' && o.result === 'ok');
      expect(appIds.length).toBeGreaterThanOrEqual(answeredOk.length);

      // a clean stop; nothing unhandled was ever printed
      child.kill('SIGTERM');
      const result = await exit;
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/unhandled|uncaught/i);
      expect(result.stdout).toContain('"msg":"stopped"');
    });
  },
);
