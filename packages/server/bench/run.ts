/**
 * `pnpm bench`: throughput and latency of the real server against a raw node:http baseline,
 * measured in the same run so machine noise affects both alike. Results go to stdout as a
 * Markdown table for the README; nothing here asserts a number.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { runMigrations } from '../src/db/migrate';
import { buildApp } from '../src/http/app';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

async function measure(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ ...options, connections, duration: durationSeconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-bench-'));
  const config = loadConfig({ ...process.env, TWOFOLD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const dataSource = createDataSource(config.database);
  await dataSource.initialize();
  await runMigrations(dataSource);
  const app = await buildApp({ config, logger: pino({ level: 'silent' }), dataSource });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const answer = JSON.stringify({ data: { apiInfo: { name: 'Twofold', version: '0.0.0' } } });
  const raw = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
  });
  const rawUrl = await listen(raw);

  const query = {
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ apiInfo { name version } }' }),
  };
  try {
    const rows = [
      await measure('raw node:http, same JSON', { url: rawUrl, ...query }),
      await measure('GET /healthz', { url: `${appUrl}/healthz` }),
      await measure('POST /graphql { apiInfo }', { url: `${appUrl}/graphql`, ...query }),
    ];
    const baseline = rows[0]?.requestsPerSecond ?? 1;
    process.stdout.write(
      `\n${config.database.type}, ${connections} connections, ${durationSeconds} s each, Node ${process.version}\n\n` +
        '| endpoint | req/s | vs raw | p50 ms | p99 ms |\n|---|---|---|---|---|\n' +
        rows
          .map(
            (r) =>
              `| ${r.name} | ${r.requestsPerSecond} | ${Math.round((100 * r.requestsPerSecond) / baseline)} % | ${r.p50} | ${r.p99} |`,
          )
          .join('\n') +
        '\n',
    );
  } finally {
    raw.close();
    await app.close();
    await dataSource.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
