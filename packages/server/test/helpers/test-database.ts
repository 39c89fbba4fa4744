import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config';
import type { DataSource } from 'typeorm';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** Which engine the integration suite runs on: TEST_DATABASE_URL selects MariaDB/MySQL. */
export const testDialect: 'sqlite' | 'mysql' = process.env.TEST_DATABASE_URL ? 'mysql' : 'sqlite';

/**
 * A fresh, empty database for one test file: a temporary SQLite file by default, or a database
 * with a random name on the TEST_DATABASE_URL server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-test-'));
    return {
      config: { type: 'sqlite', path: path.join(dir, 'twofold.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return createServerDatabase(serverUrl, 'twofold_test');
}

/**
 * An empty database with a random name beginning with `prefix` on the MariaDB/MySQL server of
 * `serverUrl` (tests, `pnpm bench`); `drop` removes it.
 */
export async function createServerDatabase(
  serverUrl: string,
  prefix: string,
): Promise<TestDatabase & { config: { url: string } }> {
  const server = new URL(serverUrl);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const connection = {
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username) || 'root',
    password: decodeURIComponent(server.password),
  };
  const admin = await createConnection(connection);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  return {
    config: { type: server.protocol === 'mysql:' ? 'mysql' : 'mariadb', url: url.href },
    drop: async () => {
      const dropper = await createConnection(connection);
      await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await dropper.end();
    },
  };
}

/**
 * The same database as seen by another replica. With TEST_GALERA_URLS (the nodes of a Galera
 * cluster, `scripts/galera-cluster.sh`), replica `n` talks to node `n`; otherwise every replica
 * shares the one database (a single server, or the embedded file).
 */
export function replicaOf(database: TestDatabase, n: number): TestDatabase {
  const nodes = (process.env.TEST_GALERA_URLS ?? '').split(',').filter(Boolean);
  const { config } = database;
  if (nodes.length === 0 || config.type === 'sqlite') return database;
  const node = new URL(nodes[n % nodes.length]!);
  node.pathname = new URL(config.url).pathname;
  // the cluster replicates the drop: dropping on the first node is enough
  return { config: { ...config, url: node.href }, drop: async () => undefined };
}

/**
 * Undoes the last migration, keeping every row. On SQLite, undoing a migration that rebuilds the
 * users table renames it to a temporary copy, which the factor tables' foreign keys then follow,
 * and drops that copy: with foreign keys enforced, the drop would delete every factor by cascade.
 * The server never undoes migrations; tests that set the schema back do, with the keys off.
 */
export async function undoLastMigration(dataSource: DataSource): Promise<void> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
  }
}
