import { ErrorCode } from '@twofold/shared';
import { GraphQLError } from 'graphql';
import { type Connection, createConnection } from 'mysql2/promise';
import { type DataSource, type Logger, QueryFailedError } from 'typeorm';
import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
} from '../../test/helpers/test-database';
import { formatError } from '../graphql/format-error';
import { createDataSource } from '../wiring/data-source';
import { isRetryableConflict } from './faults';
import { defaultRetryPolicy, insideRetryingUnit, type RetryPolicy, withRetry } from './retry';

/** What mysql2 and TypeORM throw for a statement that lost a deadlock. */
function deadlock(): QueryFailedError {
  const driverError = Object.assign(
    new Error('Deadlock found when trying to get lock; try restarting transaction'),
    { code: 'ER_LOCK_DEADLOCK', errno: 1213, sqlState: '40001' },
  );
  return new QueryFailedError('UPDATE t SET v = 1', [], driverError);
}

const fast: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

/** How the GraphQL layer answers an error thrown by a resolver. */
function answered(error: unknown) {
  const wrapped = new GraphQLError('x', { path: ['f'], originalError: error as Error });
  return formatError(wrapped, wrapped).extensions?.code;
}

describe('withRetry', () => {
  it('runs a unit that lost a conflict again, until it succeeds', async () => {
    let runs = 0;
    const delays: number[] = [];
    const result = await withRetry(
      async () => {
        runs += 1;
        if (runs < 3) throw deadlock();
        return 'done';
      },
      defaultRetryPolicy,
      ({ delayMs }) => delays.push(delayMs),
    );
    expect(result).toBe('done');
    expect(runs).toBe(3);
    // jittered, growing, small: between half and all of 20 · 2^(n-1) ms
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    expect(delays[0]).toBeLessThanOrEqual(20);
    expect(delays[1]).toBeGreaterThanOrEqual(20);
    expect(delays[1]).toBeLessThanOrEqual(40);
  });

  it('gives up after the bound with the conflict itself, answered UNAVAILABLE', async () => {
    let runs = 0;
    const failure = await withRetry(async () => {
      runs += 1;
      throw deadlock();
    }, fast).catch((error: unknown) => error);
    expect(runs).toBe(fast.attempts);
    expect(isRetryableConflict(failure)).toBe(true);
    expect(answered(failure)).toBe(ErrorCode.UNAVAILABLE);
  });

  it('never runs again on other errors', async () => {
    let runs = 0;
    await expect(
      withRetry(async () => {
        runs += 1;
        throw new Error('not a conflict');
      }, fast),
    ).rejects.toThrow('not a conflict');
    expect(runs).toBe(1);
  });

  it('lets only the outermost unit retry', async () => {
    let outer = 0;
    let inner = 0;
    await expect(
      withRetry(async () => {
        outer += 1;
        expect(insideRetryingUnit()).toBe(true);
        await withRetry(async () => {
          inner += 1;
          throw deadlock();
        }, fast);
      }, fast),
    ).rejects.toThrow(QueryFailedError);
    expect([outer, inner]).toEqual([fast.attempts, fast.attempts]);
    expect(insideRetryingUnit()).toBe(false);
  });
});

/**
 * Real InnoDB deadlocks on the test server: a second connection (`rival`) locks row 2 and twenty
 * other rows and asks for row 1, which the code under test holds; the code under test asks for
 * row 2. InnoDB rolls back the lighter transaction (fewer rows changed): the one under test.
 */
(testDialect === 'mysql' ? describe : describe.skip)('retries on MariaDB/MySQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let rival: Connection;
  let observer: Connection;
  let databaseName: string;
  const deadlocksSeen: string[] = [];

  const logger: Logger = {
    logQuery: () => undefined,
    logQueryError: (error, query) => {
      if (isRetryableConflict(error) || isRetryableConflict({ driverError: error }))
        deadlocksSeen.push(query);
    },
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.config.type === 'sqlite') throw new Error('unreachable');
    const url = new URL(database.config.url);
    databaseName = url.pathname.slice(1);
    dataSource = createDataSource(database.config, { logger });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE pair (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB');
    await dataSource.query('CREATE TABLE attempts (label VARCHAR(40) PRIMARY KEY) ENGINE=InnoDB');
    const connection = {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username) || 'root',
      password: decodeURIComponent(url.password),
      database: databaseName,
    };
    rival = await createConnection(connection);
    observer = await createConnection(connection);
    // a test that goes wrong fails in seconds, not after InnoDB's 50 s
    await rival.query('SET SESSION innodb_lock_wait_timeout = 5');
  });
  afterAll(async () => {
    await rival?.end();
    await observer?.end();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    deadlocksSeen.length = 0;
    await dataSource.query('DELETE FROM attempts');
    await dataSource.query('DELETE FROM pair');
    await dataSource.query(
      `INSERT INTO pair (id, v) VALUES ${Array.from({ length: 22 }, (_, i) => `(${i + 1}, 0)`).join(', ')}`,
    );
  });

  const values = async () =>
    (await dataSource.query<{ id: number; v: number }[]>('SELECT id, v FROM pair WHERE id <= 3'))
      .map((row) => [Number(row.id), Number(row.v)])
      .sort((a, b) => a[0]! - b[0]!);
  const labels = async () =>
    (await dataSource.query<{ label: string }[]>('SELECT label FROM attempts ORDER BY label')).map(
      (row) => row.label,
    );

  /**
   * Waits (bounded) until `statement` has been running for a second: on a 22-row table that
   * means it waits for a lock. SHOW PROCESSLIST, not information_schema: polling
   * information_schema.PROCESSLIST / INNODB_TRX while other sessions come and go crashed
   * MariaDB 10.11.19 here (signal 11 in free_tmp_table), and this server is shared.
   */
  async function blockedFor1s(statement: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [rows] = await observer.query('SHOW FULL PROCESSLIST');
      const running = (rows as { db: string | null; Info: string | null; Time: number }[]).find(
        (row) => row.db === databaseName && row.Info === statement,
      );
      if (running && Number(running.Time) >= 1) return;
      if (Date.now() > deadline) throw new Error(`not blocked: ${statement}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * The rival takes row 2 and twenty more (the heavier transaction), then asks for row 1 (held by
   * the code under test) and commits as soon as it gets it. Whichever of the two requests reaches
   * InnoDB first, the cycle closes and the lighter transaction loses: no need to watch locks.
   */
  async function rivalAsksForRowOne(): Promise<{ done: Promise<unknown> }> {
    await rival.query('START TRANSACTION');
    await rival.query('UPDATE pair SET v = v + 10 WHERE id >= 2');
    const done = rival
      .query('UPDATE pair SET v = v + 10 WHERE id = 1')
      .then(() => rival.query('COMMIT'));
    return { done };
  }

  it('runs a transaction that lost a real deadlock again; the retry commits, the first attempt left nothing', async () => {
    let runs = 0;
    let rivalDone: Promise<unknown> | undefined;
    await dataSource.transaction(async (manager) => {
      runs += 1;
      await manager.query('INSERT INTO attempts (label) VALUES (?)', [`attempt ${runs}`]);
      await manager.query('UPDATE pair SET v = v + 1 WHERE id = 1');
      if (runs === 1) rivalDone = (await rivalAsksForRowOne()).done;
      await manager.query('UPDATE pair SET v = v + 1 WHERE id = 2');
    });
    await rivalDone;
    expect(runs).toBe(2);
    expect(deadlocksSeen).toHaveLength(1);
    expect(await labels()).toEqual(['attempt 2']);
    // both committed, each once: the rival's +10 and the retried +1
    expect(await values()).toEqual([
      [1, 11],
      [2, 11],
      [3, 10],
    ]);
  });

  it('runs a lone statement that lost a real deadlock again', async () => {
    await rival.query('START TRANSACTION');
    await rival.query('UPDATE pair SET v = v + 10 WHERE id >= 2');
    // autocommit: takes row 1, then waits for row 2 (primary key order)
    const statement = 'UPDATE pair SET v = v + 1 WHERE id BETWEEN 1 AND 2';
    const lone = dataSource.query(statement);
    await blockedFor1s(statement);
    // closes the cycle; the lone statement is lighter and loses, then runs again
    await rival.query('UPDATE pair SET v = v + 10 WHERE id = 1');
    await rival.query('COMMIT');
    await lone;
    expect(deadlocksSeen).toEqual([statement]);
    expect(await values()).toEqual([
      [1, 11],
      [2, 11],
      [3, 10],
    ]);
  });

  it('refuses statements after a caught deadlock inside the transaction, and runs it all again', async () => {
    let runs = 0;
    let rivalDone: Promise<unknown> | undefined;
    await dataSource.transaction(async (manager) => {
      runs += 1;
      await manager.query('UPDATE pair SET v = v + 1 WHERE id = 1');
      if (runs === 1) {
        rivalDone = (await rivalAsksForRowOne()).done;
        // a careless callback that swallows the deadlock: InnoDB already rolled everything back,
        // so this insert would run in autocommit and stay
        await manager.query('UPDATE pair SET v = v + 1 WHERE id = 2').catch(() => undefined);
        await manager.query('INSERT INTO attempts (label) VALUES (?)', ['after the deadlock']);
        return;
      }
      await manager.query('INSERT INTO attempts (label) VALUES (?)', [`attempt ${runs}`]);
    });
    await rivalDone;
    expect(runs).toBe(2);
    expect(await labels()).toEqual(['attempt 2']);
    expect(await values()).toEqual([
      [1, 11],
      [2, 10],
      [3, 10],
    ]);
  });

  it(`gives up after ${defaultRetryPolicy.attempts} attempts of a deadlock that keeps coming back, answered UNAVAILABLE`, async () => {
    let runs = 0;
    const rivals: Promise<unknown>[] = [];
    const started = Date.now();
    const failure = await dataSource
      .transaction(async (manager) => {
        runs += 1;
        await manager.query('INSERT INTO attempts (label) VALUES (?)', [`attempt ${runs}`]);
        await manager.query('UPDATE pair SET v = v + 1 WHERE id = 1');
        rivals.push((await rivalAsksForRowOne()).done);
        await manager.query('UPDATE pair SET v = v + 1 WHERE id = 2');
      })
      .catch((error: unknown) => error);
    await Promise.all(rivals);
    expect(runs).toBe(defaultRetryPolicy.attempts);
    expect(deadlocksSeen).toHaveLength(defaultRetryPolicy.attempts);
    expect(isRetryableConflict(failure)).toBe(true);
    expect(answered(failure)).toBe(ErrorCode.UNAVAILABLE);
    // nothing of any attempt stayed; every rival committed
    expect(await labels()).toEqual([]);
    const rivalsCommitted = 10 * defaultRetryPolicy.attempts;
    expect(await values()).toEqual([
      [1, rivalsCommitted],
      [2, rivalsCommitted],
      [3, rivalsCommitted],
    ]);
    // bounded: three short backoffs, no lock wait timeouts
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets a transaction opened inside another one fail, and retries the outer one as a whole', async () => {
    let outer = 0;
    let inner = 0;
    const failure = await dataSource
      .transaction(async () => {
        outer += 1;
        // a service that reaches for the DataSource inside a transaction: its own connection
        await dataSource.transaction(async (manager) => {
          inner += 1;
          await manager.query('INSERT INTO attempts (label) VALUES (?)', [`inner ${inner}`]);
          throw deadlock();
        });
      })
      .catch((error: unknown) => error);
    expect(isRetryableConflict(failure)).toBe(true);
    expect([outer, inner]).toEqual([defaultRetryPolicy.attempts, defaultRetryPolicy.attempts]);
    expect(await labels()).toEqual([]);
  });
});
