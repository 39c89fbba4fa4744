import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { freePort, tsScriptRunner } from '@twofold/testkit/process';

export { freePort };

export const consoleRoot = path.resolve(__dirname, '..');
export const repoRoot = path.resolve(consoleRoot, '..', '..');
/** Started from its sources, never imported: the console knows the server only over HTTP. */
const serverRoot = path.join(repoRoot, 'packages', 'server');

/** Runs a server source file (main.ts, cli.ts) the way `pnpm start`/`pnpm twofold` run it. */
export const spawnServerScript = tsScriptRunner({
  dir: path.join(serverRoot, 'src'),
  tsconfig: path.join(serverRoot, 'tsconfig.json'),
  cwd: repoRoot,
});

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Fails loudly instead of skipping: CI installs Chromium, so a missing one is a broken setup. */
export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `The console e2e tests need Chromium at ${chromiumPath}. Install it with ` +
        '`apt-get install -y --no-install-recommends chromium` (Playwright cannot download ' +
        'browsers here).',
    );
  }
}

export interface Run {
  code: number | null;
  output: string;
}

/** Collects stdout and stderr together and resolves when the process exits. */
export function collect(child: ChildProcess): { exited: Promise<Run>; output: () => string } {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Run>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
  return { exited, output: () => output };
}

async function mustSucceed(child: ChildProcess, what: string): Promise<string> {
  const { code, output } = await collect(child).exited;
  if (code !== 0) throw new Error(`${what} exited with code ${String(code)}:\n${output}`);
  return output;
}

/** Builds the console for production, as `pnpm build` does, into `outDir`. */
export function buildConsole(outDir: string): Promise<string> {
  const vite = path.join(consoleRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build
    {
      cwd: consoleRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return mustSucceed(child, 'vite build');
}

export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return mustSucceed(spawnServerScript('cli.ts', args, env), `twofold ${args[0] ?? ''}`);
}

/** Polls `url` until it answers 200; fails early with the server's output if it dies. */
export async function waitForOk(
  url: string,
  server: { exited: Promise<Run> },
  timeoutMs = 60_000,
): Promise<void> {
  let died: Run | undefined;
  void server.exited.then((run) => (died = run));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (died) {
      throw new Error(`the server exited with code ${String(died.code)}:\n${died.output}`);
    }
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGTERM, then SIGKILL if the server has not stopped within `graceMs`. */
export async function stop(child: ChildProcess, exited: Promise<Run>, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited.catch(() => undefined);
  clearTimeout(timer);
}

/**
 * Keeps a screenshot of the page for a person to look at, and scans it for accessibility: no
 * serious or critical axe violation on any page a journey visits.
 */
export async function capture(page: Page, file: string, exclude: string[] = []): Promise<void> {
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  const axe = new AxeBuilder({ page });
  for (const selector of exclude) axe.exclude(selector);
  const { violations } = await axe.analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect([path.basename(file), serious]).toEqual([path.basename(file), []]);
}

/** Runs browser steps; a failure carries the server's log (`output` of `collect`). */
export async function withServerLog(
  output: () => string,
  steps: () => Promise<void>,
): Promise<void> {
  try {
    await steps();
  } catch (error) {
    if (error instanceof Error) error.message += `\n\nserver output:\n${output()}`;
    throw error;
  }
}
