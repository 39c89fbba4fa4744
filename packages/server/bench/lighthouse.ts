/**
 * `pnpm lighthouse [--runs 3] [--only sign-in,users] [--no-build] [--console <dir>] [--json] [--reports <dir>]`
 *
 * How fast the console loads on a phone (docs/design.md, Targets), as Lighthouse measures it:
 * Lighthouse 12.2.3 (packages/server devDependencies, pinned) drives Debian's Chromium
 * (CHROME_PATH, /usr/bin/chromium by default) with its default mobile emulation and simulated
 * throttling against the built server (dist/main.js, NODE_ENV=production) on the embedded
 * default database, serving a production build of the console (precompressed, as deployed).
 * "Bench Co" (an owner and 200 users with apps, seed.ts) is seeded; the owner signs in over
 * GraphQL with the cookie transport, and Lighthouse sends that cookie with `--extra-headers`.
 *
 * Pages: `/sign-in` signed out, `/users` signed in as the owner; `--runs` runs of each (3). The
 * median of each figure over the runs is printed: performance and accessibility scores, total
 * blocking time, largest contentful paint, and the report's `benchmarkIndex` (how fast this
 * machine was at that moment: the scores move with the host's load, record it beside them).
 * A run that lands on another page than the one asked for, or whose report has a runtime
 * error, fails the script. Nothing here asserts a score: this is a measurement, not a test.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../src/wiring/data-source';
import { buildServer, type Child, freePort, progress, repoRoot, startServer } from './processes';
import { createBenchDatabase, password, seedBenchCo } from './seed';

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}
const runs = Number(option('--runs') ?? 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
const build = !argv.includes('--no-build');
/** A console build to measure instead of building one (another commit's, to compare). */
const consoleBuild = option('--console');
const asJson = argv.includes('--json');
const reportDir = option('--reports');
const pageNames = ['sign-in', 'users'] as const;
const only = new Set((option('--only') ?? pageNames.join(',')).split(',').map((s) => s.trim()));
for (const name of only) {
  if (!(pageNames as readonly string[]).includes(name)) {
    throw new Error(`--only: unknown page ${name} (pages: ${pageNames.join(', ')})`);
  }
}
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

const consoleRoot = path.join(repoRoot, 'packages', 'console');

/** The fields of a Lighthouse JSON report (LHR) read here. */
interface Report {
  lighthouseVersion: string;
  requestedUrl: string;
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  environment: { benchmarkIndex: number; hostUserAgent: string };
  categories: Record<'performance' | 'accessibility', { score: number | null }>;
  audits: Record<string, { numericValue?: number; score: number | null }>;
}

interface Run {
  performance: number;
  accessibility: number;
  totalBlockingTimeMs: number;
  largestContentfulPaintMs: number;
  firstContentfulPaintMs: number;
  benchmarkIndex: number;
}

interface PageResult {
  page: string;
  signedIn: boolean;
  runs: Run[];
  median: Run;
}

/** A production build of the console into `outDir`, as `pnpm build` makes it. */
function buildConsole(outDir: string): void {
  const vite = path.join(consoleRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: consoleRoot, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}${result.stderr}`);
  }
}

/** Signs in with the cookie transport; returns `name=value` of the session cookie. */
async function sessionCookie(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation ($email: String!, $password: String!) {
        signIn(email: $email, password: $password, transport: COOKIE) { session { stage } }
      }`,
      variables: { email, password },
    }),
  });
  const body = (await response.json()) as {
    data?: { signIn: { session: { stage: string } } };
    errors?: unknown[];
  };
  const stage = body.data?.signIn.session.stage;
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('twofold_session='));
  if (stage !== 'ACTIVE' || !cookie) {
    throw new Error(`the owner's sign-in did not open an ACTIVE session: ${JSON.stringify(body)}`);
  }
  return cookie;
}

/** One Lighthouse run of `url` (its CLI, in a process of its own); the parsed report. */
async function lighthouse(url: string, headers: Record<string, string>): Promise<Report> {
  const cli = require.resolve('lighthouse/cli/index.js', { paths: [__dirname] });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-lighthouse-'));
  const output = path.join(dir, 'report.json');
  try {
    const child = spawn(
      process.execPath,
      [
        cli,
        url,
        '--quiet',
        '--only-categories=performance,accessibility',
        '--chrome-flags=--headless=new --no-sandbox',
        `--extra-headers=${JSON.stringify(headers)}`,
        '--output=json',
        `--output-path=${output}`,
      ],
      { env: { ...process.env, CHROME_PATH: chromePath }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0 || !existsSync(output)) {
      throw new Error(`lighthouse ${url} exited with code ${String(code)}:\n${stderr}`);
    }
    return JSON.parse(readFileSync(output, 'utf8')) as Report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures of one report, after checking it measured the page asked for. */
function figuresOf(report: Report, expectedPath: string): Run {
  if (report.runtimeError) {
    throw new Error(
      `lighthouse: ${report.runtimeError.code}: ${report.runtimeError.message} (${report.requestedUrl})`,
    );
  }
  const landed = new URL(report.finalDisplayedUrl).pathname;
  if (landed !== expectedPath) {
    throw new Error(`${report.requestedUrl} ended on ${landed}, not ${expectedPath}`);
  }
  const score = (category: 'performance' | 'accessibility') => {
    const value = report.categories[category].score;
    if (value === null) throw new Error(`no ${category} score for ${report.requestedUrl}`);
    return Math.round(value * 100);
  };
  const ms = (audit: string) => {
    const value = report.audits[audit]?.numericValue;
    if (value === undefined) throw new Error(`no ${audit} in the report of ${report.requestedUrl}`);
    return value;
  };
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    totalBlockingTimeMs: ms('total-blocking-time'),
    largestContentfulPaintMs: ms('largest-contentful-paint'),
    firstContentfulPaintMs: ms('first-contentful-paint'),
    benchmarkIndex: report.environment.benchmarkIndex,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Each figure's median over the runs, figure by figure. */
function medianRun(all: Run[]): Run {
  const of = (key: keyof Run) => median(all.map((run) => run[key]));
  return {
    performance: of('performance'),
    accessibility: of('accessibility'),
    totalBlockingTimeMs: of('totalBlockingTimeMs'),
    largestContentfulPaintMs: of('largestContentfulPaintMs'),
    firstContentfulPaintMs: of('firstContentfulPaintMs'),
    benchmarkIndex: of('benchmarkIndex'),
  };
}

async function main(): Promise<void> {
  if (!existsSync(chromePath)) {
    throw new Error(
      `Lighthouse needs Chromium at ${chromePath} (CHROME_PATH): apt-get install chromium`,
    );
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'twofold-lighthouse-run-'));
  const cleanups: (() => Promise<void> | void)[] = [
    () => rmSync(work, { recursive: true, force: true }),
  ];
  let server: Child | undefined;
  let failed = true;
  try {
    const consoleDir = path.join(work, 'console');
    if (build) {
      progress('building shared and server (tsc)…');
      buildServer();
    }
    if (build && !consoleBuild) {
      progress('building the console (vite build)…');
      buildConsole(consoleDir);
    } else {
      // --console, or the console as `pnpm build` left it
      const built = path.resolve(consoleBuild ?? path.join(consoleRoot, 'dist'));
      if (!existsSync(path.join(built, 'index.html'))) {
        throw new Error(`no console build in ${built} (run pnpm build first)`);
      }
      cpSync(built, consoleDir, { recursive: true });
    }

    const database = await createBenchDatabase(true);
    cleanups.push(() => database.drop());
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const logFile = path.join(work, 'server.log');
    progress(`starting the server on ${url} (embedded database)…`);
    server = await startServer({
      port,
      logFile,
      env: {
        ...database.env,
        TWOFOLD_SECRET_KEY: randomBytes(32).toString('base64'),
        TWOFOLD_CONSOLE_DIR: consoleDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
    });
    const running = server;
    cleanups.push(async () => {
      if (failed || running.exited) progress(`server log (last lines):\n${running.tail()}`);
      await running.stop();
    });

    progress('seeding Bench Co (an owner, 200 users)…');
    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    const ownerEmail = await seedBenchCo(dataSource);
    await dataSource.destroy();
    const cookie = await sessionCookie(url, ownerEmail);

    const choices: { page: string; signedIn: boolean; headers: Record<string, string> }[] = [
      { page: '/sign-in', signedIn: false, headers: {} },
      { page: '/users', signedIn: true, headers: { Cookie: cookie } },
    ];
    const pages = choices.filter(({ page }) => only.has(page.slice(1)));
    if (reportDir) mkdirSync(reportDir, { recursive: true });
    const results: PageResult[] = [];
    let version = '';
    let userAgent = '';
    for (const { page, signedIn, headers } of pages) {
      const all: Run[] = [];
      for (let i = 1; i <= runs; i++) {
        progress(`lighthouse ${page}${signedIn ? ' (signed in)' : ''}, run ${i} of ${runs}…`);
        const report = await lighthouse(`${url}${page}`, headers);
        version = report.lighthouseVersion;
        userAgent = report.environment.hostUserAgent;
        const figures = figuresOf(report, page);
        all.push(figures);
        progress(
          `  performance ${figures.performance}, accessibility ${figures.accessibility}, ` +
            `TBT ${Math.round(figures.totalBlockingTimeMs)} ms, ` +
            `LCP ${Math.round(figures.largestContentfulPaintMs)} ms, ` +
            `benchmarkIndex ${Math.round(figures.benchmarkIndex)}`,
        );
        if (reportDir) {
          const name = `${page.slice(1).replace(/\W+/g, '-')}-${i}.json`;
          writeFileSync(path.join(reportDir, name), JSON.stringify(report));
        }
      }
      results.push({ page, signedIn, runs: all, median: medianRun(all) });
    }

    const header =
      `Lighthouse ${version}, default mobile emulation and simulated throttling; ` +
      `${userAgent.replace(/.*(Chrome\/\S+).*/, '$1')} headless; median of ${runs} runs; ` +
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`;
    if (asJson) {
      process.stdout.write(`${JSON.stringify({ header, runs, pages: results }, null, 2)}\n`);
    } else {
      const row = ({ page, signedIn, median: m }: PageResult) =>
        `| ${page}${signedIn ? ' (signed in)' : ''} | ${m.performance} | ${m.accessibility} | ` +
        `${Math.round(m.totalBlockingTimeMs)} | ${Math.round(m.largestContentfulPaintMs)} | ` +
        `${Math.round(m.firstContentfulPaintMs)} | ${Math.round(m.benchmarkIndex)} |`;
      process.stdout.write(
        `\n${header}\n\n| page | performance | accessibility | TBT ms | LCP ms | FCP ms | benchmarkIndex |\n` +
          `|---|---|---|---|---|---|---|\n${results.map(row).join('\n')}\n`,
      );
    }
    failed = false;
  } finally {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        progress(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(
      `lighthouse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => process.exit());
