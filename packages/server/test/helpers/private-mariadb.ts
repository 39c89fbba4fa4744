import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Connection, createConnection } from 'mysql2/promise';
import { freePort } from '@twofold/testkit/process';

const mariadbd = '/usr/sbin/mariadbd';
const installDb = '/usr/bin/mariadb-install-db';

/** True where a private MariaDB server can be started (Debian's mariadb-server is installed). */
export const privateMariaDbAvailable =
  existsSync(mariadbd) && existsSync(installDb) && process.getuid?.() === 0;

/**
 * Whether a suite that needs a private MariaDB server runs. Elsewhere it is skipped, but under
 * CI=true a missing tool must not pass silently: the suite runs and fails, saying what is missing.
 */
export const runsWithPrivateMariaDb = privateMariaDbAvailable || process.env.CI === 'true';

/** Fails with what is missing when a private MariaDB server cannot be started here. */
export function assertPrivateMariaDbAvailable(): void {
  if (privateMariaDbAvailable) return;
  throw new Error(
    `CI=true needs a private MariaDB server for this suite: ${mariadbd} and ${installDb} ` +
      '(Debian mariadb-server) and running as root',
  );
}

/**
 * A MariaDB server of one test file, on its own data directory and loopback port, that the test
 * may stop, restart and cut connections on without disturbing the shared server on 3306.
 * Root signs in over TCP with no password.
 */
export interface PrivateMariaDb {
  port: number;
  /** True between `start()` and `stop()`. */
  readonly running: boolean;
  /** `mariadb://user:password@127.0.0.1:port/database`. */
  url(user: string, password: string, database: string): string;
  /** A root connection (close it yourself). */
  admin(): Promise<Connection>;
  /** Starts the server on the same port and data, and waits until it answers. */
  start(): Promise<void>;
  /** SIGTERM (a clean shutdown) and waits until the process is gone. */
  stop(): Promise<void>;
  /** Stops the server and removes its files. */
  remove(): Promise<void>;
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startPrivateMariaDb(): Promise<PrivateMariaDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-mariadb-'));
  const dataDir = path.join(dir, 'data');
  const uid = Number(execFileSync('id', ['-u', 'mysql'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'mysql'], { encoding: 'utf8' }).trim());
  chownTree(dir, uid, gid);
  execFileSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--user=mysql',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore', timeout: 60_000 },
  );
  const port = await freePort();
  const errorLog = path.join(dir, 'error.log');
  let child: ChildProcess | undefined;
  // never leave a server behind, even when the test process ends abruptly
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const connectAsRoot = () =>
    createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2_000 });

  const server: PrivateMariaDb = {
    port,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    url: (user, password, database) =>
      `mariadb://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    admin: connectAsRoot,
    async start() {
      if (server.running) return;
      const started = spawn(
        mariadbd,
        [
          '--no-defaults',
          `--datadir=${dataDir}`,
          `--port=${port}`,
          `--socket=${path.join(dir, 'mariadb.sock')}`,
          `--pid-file=${path.join(dir, 'mariadb.pid')}`,
          `--log-error=${errorLog}`,
          '--bind-address=127.0.0.1',
          '--user=mysql',
          '--skip-name-resolve',
          '--skip-log-bin',
          '--innodb-buffer-pool-size=32M',
          '--max-connections=60',
        ],
        { stdio: 'ignore' },
      );
      child = started;
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (!server.running) {
          const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-2000) : '';
          throw new Error(`mariadbd exited at start:\n${log}`);
        }
        try {
          const probe = await connectAsRoot();
          await probe.end();
          return;
        } catch {
          // not accepting connections yet
        }
        if (Date.now() > deadline) throw new Error('mariadbd did not answer within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const running = child;
      if (!running || !server.running) return;
      running.kill('SIGTERM');
      if (!(await exited(running, 30_000))) {
        running.kill('SIGKILL');
        await exited(running, 10_000);
      }
    },
    async remove() {
      await server.stop();
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.remove();
    throw error;
  }
  return server;
}
