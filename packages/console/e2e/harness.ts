import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort, tsScriptRunner } from '@twofold/testkit/process';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';

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

/** Where journeys keep their screenshots for a person to look at. */
export const screenshotDir = path.join(__dirname, 'screenshots');

/** A built console served by a real server on the embedded database, with mail and a browser. */
export interface ConsoleStack {
  baseUrl: string;
  mailbox: TestMailbox;
  browser: Browser;
  /** What the server has printed so far. */
  output: () => string;
  /** The token of the `/<kind>/` link in the next mails to `to` (other mails are skipped). */
  mailedLink(to: string, kind: string): Promise<string>;
  /** `steps`, with the server's output added to a failure. */
  withServerLog(steps: () => Promise<void>): Promise<void>;
  /**
   * A tab in a browser context of its own (its own cookies) at `width` px; `errors` collects
   * what its console prints as errors and every 404 it meets.
   */
  openTab(
    width: number,
    height?: number,
  ): Promise<{ tab: Page; errors: string[]; close: () => Promise<void> }>;
  /** Fills in and sends the sign-in form as `who`. */
  signIn(tab: Page, who: { email: string; password: string }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the console, starts the server on a database of its own with an SMTP server on
 * loopback, creates the account of `owner` and launches Chromium: what every journey starts from.
 */
export async function startConsoleStack(options: {
  /** Names the temporary folder. */
  name: string;
  account: string;
  owner: { email: string; password: string };
  /** More environment for the server (an SMS provider, say). */
  env?: Record<string, string>;
}): Promise<ConsoleStack> {
  assertChromiumInstalled();
  mkdirSync(screenshotDir, { recursive: true });
  const tempDir = mkdtempSync(path.join(os.tmpdir(), `twofold-e2e-${options.name}-`));
  const mailbox = await startSmtpServer();
  let server: ChildProcess | undefined;
  let exited: Promise<Run> | undefined;
  let output: () => string = () => '';
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    if (server && exited) await stop(server, exited);
    await mailbox.close();
    rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const env = {
      SMTP_URL: mailbox.url,
      ...options.env,
      TWOFOLD_DATA_DIR: path.join(tempDir, 'data'),
      TWOFOLD_CONSOLE_DIR: path.join(tempDir, 'console'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    };
    await buildConsole(env.TWOFOLD_CONSOLE_DIR);
    server = spawnServerScript('main.ts', [], env);
    ({ exited, output } = collect(server));
    await waitForOk(`http://127.0.0.1:${port}/readyz`, { exited });
    await runCli(
      [
        'create-account',
        '--name',
        options.account,
        '--owner-email',
        options.owner.email,
        '--owner-password',
        options.owner.password,
      ],
      env,
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    return {
      baseUrl,
      mailbox,
      browser,
      output: () => output(),
      async mailedLink(to, kind) {
        for (let i = 0; i < 5; i++) {
          const mail = await mailbox.next(to);
          if (mail.text.includes(`/${kind}/`)) return linkToken(mail, kind);
        }
        throw new Error(`no ${kind} link mailed to ${to}`);
      },
      withServerLog: (steps) => withServerLog(() => output(), steps),
      async openTab(width, height = 900) {
        const context = await browser!.newContext({ viewport: { width, height } });
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        tab.on('response', (response) => {
          if (response.status() === 404) errors.push(`404 ${response.url()}`);
        });
        return { tab, errors, close: () => context.close() };
      },
      async signIn(tab, who) {
        await tab.goto(`${baseUrl}/sign-in`);
        await tab.getByLabel('Email').fill(who.email);
        await tab.getByLabel('Password', { exact: true }).fill(who.password);
        await tab.getByRole('button', { name: 'Sign in' }).click();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
