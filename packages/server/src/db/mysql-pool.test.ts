import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { freePort } from '@twofold/testkit/process';
import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
} from '../../test/helpers/test-database';
import { createDataSource } from '../wiring/data-source';
import { isDatabaseUnavailable } from './faults';
import { defaultDatabaseTimeouts } from '../config';
import {
  acquireTimeoutCode,
  statementTimeoutCode,
  withoutStatementTimeout,
  withStatementTimeout,
} from './mysql-pool';

interface Mysql2Pool {
  config: {
    connectionLimit: number;
    connectionConfig: {
      connectTimeout: number;
      enableKeepAlive: boolean;
      keepAliveInitialDelay: number;
    };
  };
  _allConnections: {
    length: number;
    get(i: number): EventEmitter & { threadId: number; destroy(): void };
  };
  _freeConnections: { length: number };
}

/** The error `work` fails with, and how long it took to fail. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await work().then(
    () => new Error('it did not fail'),
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

function codeOf(error: unknown): unknown {
  return (
    (error as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ??
    (error as { code?: unknown }).code
  );
}

(testDialect === 'mysql' ? describe : describe.skip)('the MariaDB/MySQL pool', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.config);
    await dataSource.initialize();
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  const pool = () => (dataSource.driver as unknown as { pool: Mysql2Pool }).pool;

  it('gives up connecting after the configured connectTimeout, and keeps sockets alive', () => {
    const { connectionConfig } = pool().config;
    expect(connectionConfig.connectTimeout).toBe(defaultDatabaseTimeouts.connectMs);
    expect(connectionConfig.enableKeepAlive).toBe(true);
    expect(connectionConfig.keepAliveInitialDelay).toBe(10_000);
  });

  it('survives errors on a pooled connection nobody is using', async () => {
    await dataSource.query('SELECT 1');
    const connection = pool()._allConnections.get(0);
    // mysql2 listens once (to drop the connection); a second error with no listener would throw
    // from emit() and, from a socket callback, end the process
    expect(() => {
      connection.emit('error', new Error('Connection lost: The server closed the connection.'));
      connection.emit('error', new Error("Can't write in closed state"));
    }).not.toThrow();
    connection.destroy();
    // the pool dropped it and works on
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses at once when nothing listens, as a database that is out of reach', async () => {
    const url = new URL(database.config.type === 'sqlite' ? '' : database.config.url);
    url.port = String(await freePort());
    const nowhere = createDataSource({ type: 'mariadb', url: url.href });
    const started = Date.now();
    const failure = await nowhere.initialize().catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });

  describe('with short bounds', () => {
    let bounded: DataSource;
    const timeouts = { connectMs: 1_000, acquireMs: 300, statementMs: 400 };
    const boundedPool = () => (bounded.driver as unknown as { pool: Mysql2Pool }).pool;

    beforeAll(async () => {
      if (database.config.type === 'sqlite') throw new Error('MariaDB only');
      bounded = createDataSource({ ...database.config, timeouts });
      await bounded.initialize();
    });
    afterAll(async () => {
      if (bounded?.isInitialized) await bounded.destroy();
    });

    it('fails a statement past the timeout as unavailable and never reuses its connection', async () => {
      const runner = bounded.createQueryRunner();
      const [{ id }] = (await runner.query('SELECT CONNECTION_ID() AS id')) as [{ id: number }];
      const { error, ms } = await failure(() => runner.query('SELECT SLEEP(8)'));
      await runner.release();
      expect(codeOf(error)).toBe(statementTimeoutCode);
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(timeouts.statementMs - 50);
      // cut by the timeout, long before SLEEP's answer (loose: the machine may be busy)
      expect(ms).toBeLessThan(5_000);
      // the connection still waiting for SLEEP's answer left the pool
      const threads = Array.from({ length: boundedPool()._allConnections.length }, (_, i) =>
        Number(boundedPool()._allConnections.get(i).threadId),
      );
      expect(threads).not.toContain(Number(id));
      // and whoever asks next gets a right answer, on another connection
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          bounded.query(`SELECT ${i} AS n, CONNECTION_ID() AS id`),
        ),
      );
      expect(answers.map((rows) => (rows as { n: number }[])[0]!.n)).toEqual(
        Array.from({ length: 12 }, (_, i) => i),
      );
      expect(answers.map((rows) => (rows as { id: number }[])[0]!.id)).not.toContain(Number(id));
    });

    it('cuts a transaction whose statement runs past the timeout: nothing of it is kept', async () => {
      await bounded.query('CREATE TABLE IF NOT EXISTS pool_bound_probe (id int PRIMARY KEY)');
      let id = 0;
      const { error } = await failure(() =>
        bounded.transaction(async (manager) => {
          [{ id }] = await manager.query<[{ id: number }]>('SELECT CONNECTION_ID() AS id');
          await manager.query('INSERT INTO pool_bound_probe (id) VALUES (1)');
          await manager.query('SELECT SLEEP(2)');
        }),
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      // once the server notices the connection is gone it rolls the transaction back
      const threadGone = async () =>
        (
          await bounded.query<{ n: string | number }[]>(
            'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ?',
            [id],
          )
        )[0]?.n;
      for (let waited = 0; Number(await threadGone()) > 0 && waited < 15_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(Number(await threadGone())).toBe(0);
      expect(await bounded.query('SELECT COUNT(*) AS n FROM pool_bound_probe')).toEqual([
        { n: '0' },
      ]);
      await bounded.query('DROP TABLE pool_bound_probe');
    });

    it('runs migrations-sized statements unbounded inside withoutStatementTimeout', async () => {
      const rows = await withoutStatementTimeout(bounded, () =>
        bounded.query('SELECT SLEEP(0.8) AS slept'),
      );
      expect(rows).toEqual([{ slept: 0 }]);
    });

    it('lets one piece of work run longer statements while the others keep their bound', async () => {
      const [inside, outside] = await Promise.all([
        withStatementTimeout(bounded, 5_000, () =>
          bounded.transaction((manager) => manager.query('SELECT SLEEP(0.8) AS slept')),
        ),
        failure(() => bounded.query('SELECT SLEEP(0.8) AS slept')),
      ]);
      expect(inside).toEqual([{ slept: 0 }]);
      expect(codeOf(outside.error)).toBe(statementTimeoutCode);
    });

    it('gives up waiting for a pooled connection after the acquisition timeout', async () => {
      const limit = boundedPool().config.connectionLimit;
      const holders = Array.from({ length: limit }, () => bounded.createQueryRunner());
      await Promise.all(holders.map((runner) => runner.connect()));
      try {
        const { error, ms } = await failure(() => bounded.query('SELECT 1'));
        expect(codeOf(error)).toBe(acquireTimeoutCode);
        expect(isDatabaseUnavailable(error)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(timeouts.acquireMs - 50);
        expect(ms).toBeLessThan(5_000);
      } finally {
        await Promise.all(holders.map((runner) => runner.release()));
      }
      // the request that gave up took nothing with it: every connection is free again
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(boundedPool()._freeConnections.length).toBe(limit);
      expect(await bounded.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });
  });
});
