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
import { mysqlPoolOptions } from './mysql-pool';

interface Mysql2Pool {
  config: { connectionConfig: { connectTimeout: number } };
  _allConnections: { length: number; get(i: number): EventEmitter };
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

  it('gives up connecting after the configured connectTimeout', () => {
    expect(pool().config.connectionConfig.connectTimeout).toBe(mysqlPoolOptions.connectTimeout);
  });

  it('survives errors on a pooled connection nobody is using', async () => {
    await dataSource.query('SELECT 1');
    const connection = pool()._allConnections.get(0) as EventEmitter & { destroy(): void };
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
});
