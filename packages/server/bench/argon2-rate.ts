/**
 * The argon2id verify rate with the production parameters, as a child process of its own:
 * `node -r @swc-node/register bench/argon2-rate.ts <inFlight> <seconds>` prints one JSON line
 * `{ count, seconds, p50, p99, cpuSeconds }`.
 *
 * Why a process: @node-rs/argon2 hashes on libuv's thread pool (4 threads unless
 * UV_THREADPOOL_SIZE says otherwise), so the hashing itself never runs on an event loop; a
 * process of its own with the default pool is exactly the server's situation, and no JavaScript
 * of the bench (autocannon, samplers) shares its loop or its thread pool. It runs alone, while
 * the server idles: the ratio of full sign-in to this rate is what the server's own work (HTTP,
 * GraphQL, database, TOTP) costs on top of the hashing it cannot avoid.
 */
import { hash, verify } from '@node-rs/argon2';
import { argon2Options } from '../src/crypto/password';

async function main(): Promise<void> {
  const inFlight = Number(process.argv[2] ?? 8);
  const seconds = Number(process.argv[3] ?? 10);
  const password = 'bench password, long enough';
  const stored = await hash(password, argon2Options);
  // one warm-up round: the thread pool and the first allocation of 19 MiB blocks
  await Promise.all(Array.from({ length: inFlight }, () => verify(stored, password)));
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        const at = performance.now();
        if (!(await verify(stored, password))) throw new Error('argon2 verify returned false');
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      count: latencies.length,
      seconds: elapsed,
      p50: at(0.5),
      p99: at(0.99),
      cpuSeconds: (used.user + used.system) / 1e6,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
