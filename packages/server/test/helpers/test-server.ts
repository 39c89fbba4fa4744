import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { DataSource, Logger } from 'typeorm';
import { type Config, loadConfig } from '../../src/config';
import { createDataSource } from '../../src/wiring/data-source';
import { runMigrations } from '../../src/db/migrate';
import { buildApp } from '../../src/wiring/app';
import { Metrics } from '../../src/metrics/metrics';
import type { ProviderNetworkOptions } from '../../src/modules/openid/provider-fetch';
import type { Services } from '../../src/services';
import { createServices } from '../../src/wiring/services';
import { createTestDatabase, replicaOf, type TestDatabase } from './test-database';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  config: Config;
  dataSource: DataSource;
  services: Services;
  /** What this server's `GET /metrics` reports. */
  metrics: Metrics;
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Share a database between several servers (several replicas on one database). */
  database?: TestDatabase;
  migrate?: boolean;
  /** A TypeORM logger that sees every query (e.g. to count the queries of one request). */
  queryLogger?: Logger;
  /** The server's pino logger (e.g. one writing to a buffer, to search the logs); silent by default. */
  logger?: pino.Logger;
  /** How OpenID providers' names resolve and which authority signs their certificates. */
  providerNetwork?: Pick<ProviderNetworkOptions, 'lookup' | 'ca'>;
}

/** The key of test servers on MariaDB/MySQL: the same for all, so replicas share sealed secrets. */
export const testSecretKeyHex = '5e'.repeat(32);

/** A real server on a loopback port, on its own database unless one is given. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-data-'));
  const ownDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase());
  const config: Config = {
    ...loadConfig({
      TWOFOLD_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      TWOFOLD_CONSOLE_DIR: path.join(dataDir, 'no-console'),
      // a shared database needs a key shared by every instance (the embedded default makes its own)
      ...(database.config.type === 'sqlite' ? {} : { TWOFOLD_SECRET_KEY: testSecretKeyHex }),
      ...options.env,
    }),
    database: database.config,
  };
  const dataSource = createDataSource(config.database, { logger: options.queryLogger });
  await dataSource.initialize();
  if (options.migrate !== false) await runMigrations(dataSource);
  const logger = options.logger ?? pino({ level: 'silent' });
  const metrics = new Metrics();
  // as main.ts wires them: createServices passes `metrics` on to the services that count events
  const services = createServices({
    config,
    logger,
    dataSource,
    metrics,
    providerNetwork: options.providerNetwork,
  });
  const app = await buildApp({ config, logger, dataSource, services, metrics });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    config,
    dataSource,
    services,
    metrics,
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (ownDatabase) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs a GraphQL operation the way a browser client does. */
export async function graphql<T = unknown>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** A pino logger whose lines are kept in `lines`, to search what the server logged. */
export function capturingLogger(level: pino.LevelWithSilent): {
  logger: pino.Logger;
  lines: string[];
} {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

/**
 * Two server instances (replicas A and B) on one fresh database sharing the secret key; with
 * TEST_GALERA_URLS, B talks to another node of the Galera cluster than A (`replicaOf`).
 */
export async function startReplicas(extraEnv: Record<string, string> = {}): Promise<{
  a: TestServer;
  b: TestServer;
  close(): Promise<void>;
}> {
  const database = await createTestDatabase();
  // each embedded SQLite server would otherwise generate its own key
  const env = { TWOFOLD_SECRET_KEY: testSecretKeyHex, ...extraEnv };
  const a = await startTestServer({ database, env });
  const b = await startTestServer({ database: replicaOf(database, 1), env, migrate: false });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await database.drop();
    },
  };
}
