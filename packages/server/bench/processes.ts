/**
 * The processes of a bench run: the built server, the hand-written baseline and the argon2 rate
 * each run as a child of their own (their own event loop and thread pool); the bench process
 * only generates load, seeds and samples. Their resident memory is read from /proc.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const serverRoot = path.resolve(__dirname, '..');

/** Progress goes to stderr: stdout holds the table or the JSON only. */
export function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** `tsc -p tsconfig.build.json` of shared then server: what `pnpm build` does for these two. */
export function buildServer(): void {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [repoRoot] });
  for (const project of [
    'packages/shared/tsconfig.build.json',
    'packages/server/tsconfig.build.json',
  ]) {
    const result = spawnSync(process.execPath, [tsc, '-p', project], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`build of ${project} failed:\n${result.stdout}${result.stderr}`);
    }
  }
}

// the tests' helper: a port free on 127.0.0.1 a moment ago (the server is told its port)
export { freePort } from '@twofold/testkit/process';

/** VmRSS of a process in MiB, or NaN where /proc is missing or the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const clockTicks = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(result.stdout) > 0 ? Number(result.stdout) : 100;
})();

/** CPU seconds (user + system) a process has used so far, or NaN when it cannot be read. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which may hold spaces: state is the first, utime the 12th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return NaN;
  }
}

/** The MariaDB/MySQL server's pid when it runs on this machine (for its CPU time only). */
export function databasePid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        if (comm === 'mariadbd' || comm === 'mysqld') return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

/**
 * CPU time spent during a measurement by the process answering, the database server (shared:
 * whatever else uses it counts too) and the bench process itself (the load generator).
 */
export class CpuMeter {
  private readonly start: { answering: number; database: number; bench: NodeJS.CpuUsage };

  constructor(
    private readonly answeringPid: number,
    private readonly databaseProcess: number | undefined,
  ) {
    this.start = {
      answering: cpuSeconds(answeringPid),
      database: databaseProcess === undefined ? NaN : cpuSeconds(databaseProcess),
      bench: process.cpuUsage(),
    };
  }

  /** Seconds of CPU each used since the meter was made. */
  stop(): { answering: number; database: number; bench: number } {
    const bench = process.cpuUsage(this.start.bench);
    return {
      answering: cpuSeconds(this.answeringPid) - this.start.answering,
      database:
        this.databaseProcess === undefined
          ? NaN
          : cpuSeconds(this.databaseProcess) - this.start.database,
      bench: (bench.user + bench.system) / 1e6,
    };
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps every sample. */
export class RssSampler {
  readonly samples: { at: number; mib: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    const mib = rssMiB(this.pid);
    if (!Number.isNaN(mib)) this.samples.push({ at: Date.now(), mib });
    return mib;
  }

  /** The largest sample since `since` (ms since epoch), or of all. */
  max(since = 0): number {
    let max = NaN;
    for (const s of this.samples) if (s.at >= since && !(s.mib <= max)) max = s.mib;
    return max;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.max();
  }
}

/** A child process and how to end it; `exited` is set once it has gone. */
export interface Child {
  process: ChildProcess;
  pid: number;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** The last lines it wrote (server: its log file). */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

function track(child: ChildProcess, tail: (lines?: number) => string): Child {
  const handle: Child = {
    process: child,
    pid: child.pid ?? 0,
    exited: null,
    tail,
    stop: () =>
      new Promise<void>((resolve) => {
        if (handle.exited) return resolve();
        // the server finishes in-flight requests on SIGTERM; it never needs long here
        const kill = setTimeout(() => child.kill('SIGKILL'), 25_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  child.once('exit', (code, signal) => {
    handle.exited = { code, signal };
  });
  return handle;
}

function lastLines(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node packages/server/dist/main.js` (the node process itself, not a package manager)
 * with `env` on top of a clean environment, its output in `logFile`, and waits for `GET /readyz`
 * (migrations applied).
 */
export async function startServer(options: {
  env: Record<string, string>;
  port: number;
  logFile: string;
}): Promise<Child> {
  const log = openSync(options.logFile, 'a');
  // BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(serverRoot, 'dist/main.js')], {
    cwd: serverRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const handle = track(child, (lines = 40) => {
    try {
      return lastLines(readFileSync(options.logFile, 'utf8'), lines);
    } catch {
      return '';
    }
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (handle.exited) {
      throw new Error(
        `the server exited (${handle.exited.code ?? handle.exited.signal}) before it was ready:\n${handle.tail()}`,
      );
    }
    try {
      const response = await fetch(`http://127.0.0.1:${options.port}/readyz`);
      if (response.ok) return handle;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`the server was not ready after 120 s:\n${handle.tail()}`);
    }
    await sleep(200);
  }
}

/** `node -r @swc-node/register <script>`, as the root package.json runs TypeScript. */
function spawnTs(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const register = require.resolve('@swc-node/register', { paths: [repoRoot] });
  return spawn(process.execPath, ['-r', register, path.join(__dirname, script), ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(serverRoot, 'tsconfig.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A hand-written endpoint: the users page (baseline-server.ts) or the sign-in
 * (signin-baseline-server.ts); resolves once it printed its port.
 */
export function startBaseline(
  env: Record<string, string>,
  script = 'baseline-server.ts',
): Promise<{ child: Child; url: string }> {
  const child = spawnTs(script, [], env);
  let output = '';
  const handle = track(child, (lines = 40) => lastLines(output, lines));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    let port = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (port) return;
      output += chunk.toString();
      const line = /^(\d+)\n/.exec(output);
      if (line) {
        port = line[1]!;
        resolve({ child: handle, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once('exit', (code) => {
      if (!port) reject(new Error(`the baseline endpoint exited (${code}):\n${output}`));
    });
  });
}

export interface ArgonRate {
  count: number;
  seconds: number;
  p50: number;
  p99: number;
  /** CPU seconds the child used while measuring (the hashing threads included). */
  cpuSeconds: number;
}

/** argon2-rate.ts in a child process; its pid is sampled for RSS while it runs. */
export function runArgon2Rate(
  inFlight: number,
  seconds: number,
  onStart: (pid: number) => void,
): Promise<ArgonRate> {
  const child = spawnTs('argon2-rate.ts', [String(inFlight), String(seconds)], {});
  onStart(child.pid ?? 0);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`the argon2 rate child failed (${code}): ${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout) as ArgonRate);
    });
  });
}
