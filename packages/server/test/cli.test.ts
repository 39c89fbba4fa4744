import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SessionStage, UserType } from '@twofold/shared';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { finished, freePort, waitForOk } from '@twofold/testkit/process';
import { createDataSource } from '../src/wiring/data-source';
import { Account } from '../src/modules/account/account.entity';
import { App, UserApp } from '../src/modules/app/app.entity';
import { User } from '../src/modules/user/user.entity';
import { spawnServerScript } from './helpers/server-process';
import { createTestDatabase, type TestDatabase, testDialect } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

/** The environment that points a spawned CLI at `database` (the test dialect's). */
function envFor(database: TestDatabase): Record<string, string> {
  const { config } = database;
  if (config.type === 'sqlite') return { TWOFOLD_DATA_DIR: path.dirname(config.path) };
  return {
    DATABASE_URL: config.url,
    TWOFOLD_SECRET_KEY: randomBytes(32).toString('base64'),
    TWOFOLD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'twofold-cli-data-')),
  };
}

function credentialsIn(stdout: string): { email: string; password: string } {
  const email = /^\s*email:\s+(\S+)$/m.exec(stdout)?.[1];
  const password = /^\s*password:\s+(\S+)$/m.exec(stdout)?.[1];
  if (!email || !password) throw new Error(`no credentials in: ${stdout}`);
  return { email, password };
}

describe('the CLI on the test database', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: TestServer | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    env = envFor(database);
    server = undefined;
  });
  afterEach(async () => {
    await server?.close();
    await database.drop();
    if (env.DATABASE_URL) rmSync(env.TWOFOLD_DATA_DIR!, { recursive: true, force: true });
  });

  /** A server on the same database, once the CLI has migrated it. */
  async function serve(): Promise<TestServer> {
    server = await startTestServer({ database });
    return server;
  }

  it('creates an account whose owner signs in', async () => {
    const result = await finished(
      spawnServerScript(
        'cli.ts',
        [
          'create-account',
          '--name',
          'Acme CLI',
          '--owner-email',
          'Boss@Example.com',
          '--owner-password',
          'a long enough password',
        ],
        env,
      ),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'created account "Acme CLI" (slug: acme-cli); owner: boss@example.com\n',
    );
    const { url } = await serve();
    const client = await signedIn(url, 'boss@example.com', 'a long enough password');
    const data = await client.ok<{ viewer: { isOwner: boolean }; account: { name: string } }>(
      '{ viewer { isOwner } account { name } }',
    );
    expect(data).toEqual({ viewer: { isOwner: true }, account: { name: 'Acme CLI' } });
  });

  it.each([
    [
      'a malformed email',
      ['--name', 'Acme', '--owner-email', 'not-an-email', '--owner-password', 'long enough!'],
      /^twofold: invalid input: --owner-email: Enter a valid email address$/,
    ],
    [
      'a short password',
      ['--name', 'Acme', '--owner-email', 'a@example.com', '--owner-password', 'short'],
      /^twofold: invalid input: --owner-password: At least 8 characters$/,
    ],
    [
      'a missing option',
      ['--name', 'Acme', '--owner-email', 'a@example.com'],
      /^twofold: missing --owner-password$/,
    ],
    ['an unknown option', ['--nme', 'Acme'], /^twofold: error: Unknown option '--nme'/],
  ])('exits 1 with one line on %s and creates nothing', async (_name, args, line) => {
    const result = await finished(spawnServerScript('cli.ts', ['create-account', ...args], env));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
    const { dataSource } = await serve();
    expect(await dataSource.getRepository(Account).count()).toBe(0);
  });

  it('seeds the demo once, printing a generated owner password that signs in', async () => {
    const result = await finished(spawnServerScript('cli.ts', ['seed-demo'], env));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { email, password } = credentialsIn(result.stdout);
    expect(email).toBe('owner@twofold-demo.test');
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const { url, dataSource } = await serve();
    const owner = await signedIn(url, email, password);
    const data = await owner.ok<{ viewer: { isOwner: boolean }; account: { name: string } }>(
      '{ viewer { isOwner } account { name } }',
    );
    expect(data).toEqual({ viewer: { isOwner: true }, account: { name: 'Twofold Demo' } });
    const users = await dataSource.getRepository(User).find();
    expect(users.map((u) => u.userType).sort()).toEqual(
      [UserType.ADMINISTRATOR, ...Object.values(UserType)].sort(),
    );
    expect(await dataSource.getRepository(App).count()).toBe(3);
    expect(await dataSource.getRepository(UserApp).count()).toBeGreaterThan(0);
    // the other demo profiles share the printed password
    const reviewer = new ApiClient(url);
    expect(
      (await reviewer.signIn('reviewer@twofold-demo.test', password)).data?.signIn.session.stage,
    ).toBe(SessionStage.ACTIVE);

    const again = await finished(spawnServerScript('cli.ts', ['seed-demo'], env));
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^twofold: a demo account already exists/),
    ]);
    expect(await dataSource.getRepository(Account).count()).toBe(1);
  });
});

describe('`pnpm start` on an empty embedded database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-demo-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs main.ts until `whileUp` is done; `whileUp` sees the output printed so far. */
  async function run(
    env: Record<string, string>,
    whileUp: (url: string, output: () => string) => Promise<void> = async () => {},
  ): Promise<string> {
    const port = await freePort();
    const child = spawnServerScript('main.ts', [], {
      PORT: String(port),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = finished(child);
    try {
      await waitForOk(`http://127.0.0.1:${port}/readyz`);
      await whileUp(`http://127.0.0.1:${port}`, () => output);
    } finally {
      child.kill('SIGTERM');
    }
    const result = await exit;
    expect(result.code).toBe(0);
    return result.stdout;
  }

  it('seeds the demo and prints credentials that sign in, and never again on restart', async () => {
    let printed: { email: string; password: string } | undefined;
    const first = await run({ TWOFOLD_DATA_DIR: dataDir }, async (url, output) => {
      // printed before the server listens, so already there once it is ready
      printed = credentialsIn(output());
      const owner = await signedIn(url, printed.email, printed.password);
      expect(await owner.ok('{ viewer { isOwner } account { name } }')).toEqual({
        viewer: { isOwner: true },
        account: { name: 'Twofold Demo' },
      });
    });
    expect(first).toContain('Demo account "Twofold Demo" created');
    expect(first.match(/password:/g)).toHaveLength(1);

    const second = await run({ TWOFOLD_DATA_DIR: dataDir }, async (url) => {
      await signedIn(url, printed!.email, printed!.password);
    });
    expect(second).not.toContain('Demo account');
    expect(second).not.toContain(printed!.password);

    const reader = createDataSource({ type: 'sqlite', path: path.join(dataDir, 'twofold.sqlite') });
    await reader.initialize();
    try {
      expect(await reader.getRepository(Account).count()).toBe(1);
    } finally {
      await reader.destroy();
    }
  });

  (testDialect === 'mysql' ? it : it.skip)('never seeds a MariaDB/MySQL database', async () => {
    const database = await createTestDatabase();
    try {
      const stdout = await run({ ...envFor(database), TWOFOLD_DATA_DIR: dataDir });
      expect(stdout).not.toContain('Demo account');
      const reader = createDataSource(database.config);
      await reader.initialize();
      try {
        expect(await reader.getRepository(Account).count()).toBe(0);
      } finally {
        await reader.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
