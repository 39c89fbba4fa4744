import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished, freePort, waitForOk } from '@twofold/testkit/process';
import { createDataSource } from '../src/wiring/data-source';
import { Account } from '../src/modules/account/account.entity';
import { spawnServerScript } from './helpers/server-process';

describe('the server process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-process-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops at once with one line per bad variable and a non-zero exit code', async () => {
    const result = await finished(
      spawnServerScript('main.ts', [], {
        PORT: 'abc',
        DATABASE_URL: 'postgres://x',
        TWOFOLD_DATA_DIR: dataDir,
      }),
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'twofold: invalid configuration',
      expect.stringMatching(/^PORT: must be a port number/),
      expect.stringMatching(/^DATABASE_URL: must be a mariadb:\/\/ or mysql:\/\/ URL/),
    ]);
  });

  it('shuts down gracefully on SIGTERM and keeps its data across restarts', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      TWOFOLD_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    };

    const first = spawnServerScript('main.ts', [], env);
    const firstExit = finished(first);
    await waitForOk(`http://127.0.0.1:${port}/readyz`);
    first.kill('SIGTERM');
    const firstResult = await firstExit;
    expect(firstResult.code).toBe(0);
    expect(firstResult.stdout).toContain('migrations applied');
    expect(firstResult.stdout).toContain('"msg":"stopped"');

    // data written between the runs must survive the next start
    const database = { type: 'sqlite' as const, path: path.join(dataDir, 'twofold.sqlite') };
    const writer = createDataSource(database);
    await writer.initialize();
    await writer.getRepository(Account).save(
      Object.assign(new Account(), {
        name: 'Acme',
        slug: 'acme',
        logoUrl: null,
        allowedSmsCountries: ['BE'],
        createdAt: new Date(),
      }),
    );
    await writer.destroy();

    const second = spawnServerScript('main.ts', [], env);
    const secondExit = finished(second);
    await waitForOk(`http://127.0.0.1:${port}/readyz`);
    second.kill('SIGINT');
    const secondResult = await secondExit;
    expect(secondResult.code).toBe(0);
    expect(secondResult.stdout).not.toContain('migrations applied');

    const reader = createDataSource(database);
    await reader.initialize();
    const accounts = await reader.getRepository(Account).find();
    await reader.destroy();
    // the first start also seeded the demo account (an empty embedded database)
    expect(
      accounts.filter((a) => a.slug === 'acme').map((a) => [a.slug, a.allowedSmsCountries]),
    ).toEqual([['acme', ['BE']]]);
  });
});

describe('the CLI', () => {
  it('migrates an empty embedded database, then reports it up to date', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-cli-'));
    try {
      const first = await finished(
        spawnServerScript('cli.ts', ['migrate'], { TWOFOLD_DATA_DIR: dataDir }),
      );
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^applied \d+ migration\(s\): Init\d+/);
      const second = await finished(
        spawnServerScript('cli.ts', ['migrate'], { TWOFOLD_DATA_DIR: dataDir }),
      );
      expect(second.stdout.trim()).toBe('database is up to date');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers an unknown command with a one-line error and exit code 1', async () => {
    const result = await finished(spawnServerScript('cli.ts', ['frobnicate'], {}));
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('twofold: unknown command "frobnicate"');
  });
});
