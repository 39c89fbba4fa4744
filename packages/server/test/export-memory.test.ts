import type { ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedIn } from '@twofold/testkit/api-client';
import { type Finished, finished, freePort, waitForOk } from '@twofold/testkit/process';
import { makeAccount } from './helpers/factories';
import { insertAuditEvents, insertUsers } from './helpers/bulk-rows';
import { type CompiledServer, compileServer } from './helpers/compiled-server';
import { createTestDatabase, type TestDatabase, testDialect } from './helpers/test-database';
import { startTestServer, testSecretKeyHex } from './helpers/test-server';

const USERS = 100_000;
const EVENTS = 200_000;
const MiB = 1024 * 1024;
/** docs/design.md, Exports: the server's whole resident memory while it streams the file. */
const RSS_LIMIT = 256 * MiB;

/** The resident set size of process `pid` (VmRSS of /proc/<pid>/status), in bytes. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kB) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kB) * 1024;
}

/**
 * Downloads `url` counting its lines, never holding the file, while sampling the RSS of `pid`
 * every few milliseconds; answers the line count and the highest RSS seen.
 */
async function downloadWatching(
  url: string,
  token: string,
  pid: number,
): Promise<{ status: number; lines: number; peakRss: number; bytes: number }> {
  let peakRss = rssOf(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid));
  }, 10);
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    let lines = 0;
    let bytes = 0;
    for await (const chunk of response.body!) {
      const data = chunk as Uint8Array;
      bytes += data.length;
      for (const byte of data) if (byte === 0x0a) lines += 1;
    }
    return { status: response.status, lines, peakRss: Math.max(peakRss, rssOf(pid)), bytes };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * docs/design.md, Exports: a CSV export streams, so the server's memory does not grow with the
 * account. The real server runs as its own process, compiled ahead of time as in production, on
 * the embedded SQLite database or (with TEST_DATABASE_URL) on MariaDB, with 100,000 users and
 * 200,000 audit events; the download is read as fast as the server writes it.
 */
describe(`exports of a large account in flat memory (${testDialect})`, () => {
  let database: TestDatabase;
  let compiled: CompiledServer;
  let dataDir: string;
  let server: ChildProcess;
  let exited: Promise<Finished>;
  let url: string;
  let token: string;

  beforeAll(async () => {
    compiled = await compileServer('compiled-server');
    database = await createTestDatabase();
    // migrated and filled by a server in this process, which then steps aside
    const seeder = await startTestServer({
      database,
      env: { TWOFOLD_SECRET_KEY: testSecretKeyHex },
    });
    const account = await makeAccount(seeder.services, 'Large Co');
    await insertUsers(seeder.dataSource, account.account.id, USERS);
    await insertAuditEvents(
      seeder.dataSource,
      account.account.id,
      account.owner.id,
      EVENTS,
      new Date(Date.now() - 24 * 3_600_000),
    );
    await seeder.app.close();
    await seeder.dataSource.destroy();

    const config = database.config;
    dataDir =
      config.type === 'sqlite'
        ? path.dirname(config.path)
        : mkdtempSync(path.join(os.tmpdir(), 'twofold-export-memory-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = compiled.spawn(
      {
        PORT: String(port),
        TWOFOLD_DATA_DIR: dataDir,
        TWOFOLD_SECRET_KEY: testSecretKeyHex,
        ...(config.type === 'sqlite' ? {} : { DATABASE_URL: config.url }),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      [
        // V8 lets garbage pile up while nothing presses it, so the RSS of a busy process says more
        // about the host's load than about the export (220–320 MiB under a loaded CI run, 160–190
        // on a quiet one). A bounded heap makes the RSS what the export holds: an export that kept
        // its rows would run out of heap here and fail the test.
        '--max-semi-space-size=4',
        '--max-old-space-size=160',
      ],
    );
    exited = finished(server);
    await waitForOk(`${url}/readyz`, 60_000);
    token = (await signedIn(url, account.ownerEmail, account.password)).token!;
  }, 600_000);

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    compiled?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    // the owner, then every user
    ['the users table', '/export/users.csv', USERS + 1],
    // the sign-in of the test too, and the export of the users table before it
    ['the audit log', '/export/audit-log.csv', EVENTS],
  ])(
    'streams %s under 256 MiB of resident memory',
    async (_what, route, atLeast) => {
      const download = await downloadWatching(`${url}${route}`, token, server.pid!);
      expect(download.status).toBe(200);
      // the header, then one line per row (no cell here holds a line break)
      expect(download.lines - 1).toBeGreaterThanOrEqual(atLeast);
      expect(download.lines - 1).toBeLessThan(atLeast + 10);
      expect(download.peakRss).toBeLessThan(RSS_LIMIT);
      process.stdout.write(
        `${route} on ${testDialect}: ${download.lines - 1} rows, ` +
          `${(download.bytes / MiB).toFixed(1)} MiB, peak RSS ${(download.peakRss / MiB).toFixed(0)} MiB\n`,
      );
    },
    300_000,
  );
});
