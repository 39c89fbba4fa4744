import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  assertChromiumInstalled,
  buildConsole,
  chromiumArgs,
  chromiumPath,
  collect,
  freePort,
  type Run,
  runCli,
  spawnServerScript,
  stop,
  waitForOk,
} from './harness';

const e2eOwner = { email: 'owner@e2e.test', password: 'correct horse battery staple' };
/** The demo owner printed once by the first start on an empty embedded database. */
let owner = { email: '', password: '' };
const screenshots = {
  wrongPassword: path.join(os.tmpdir(), 'e2e-wrong-password.png'),
  signedIn: path.join(os.tmpdir(), 'e2e-signed-in.png'),
};

describe('signing in to the console in a real browser', () => {
  let tempDir: string;
  let baseUrl: string;
  let server: ChildProcess | undefined;
  let serverExited: Promise<Run> | undefined;
  let serverOutput: () => string = () => '';
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    assertChromiumInstalled();
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-e2e-'));
    const consoleDir = path.join(tempDir, 'console');
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const env = {
      TWOFOLD_DATA_DIR: path.join(tempDir, 'data'),
      TWOFOLD_CONSOLE_DIR: consoleDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    };

    await buildConsole(consoleDir);
    server = spawnServerScript('main.ts', [], env);
    ({ exited: serverExited, output: serverOutput } = collect(server));
    await waitForOk(`http://127.0.0.1:${port}/readyz`, { exited: serverExited });
    const printed = /email:\s+(\S+)\n\s+password:\s+(\S+)/.exec(serverOutput());
    if (!printed?.[1] || !printed[2])
      throw new Error(`no demo credentials printed:\n${serverOutput()}`);
    owner = { email: printed[1], password: printed[2] };
    // the CLI's account, signed in to below as a second login
    await runCli(
      [
        'create-account',
        '--name',
        'E2E Co',
        '--owner-email',
        e2eOwner.email,
        '--owner-password',
        e2eOwner.password,
      ],
      env,
    );

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && serverExited) await stop(server, serverExited);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  /** Runs browser steps; a failure carries the server's log, the first thing to read. */
  async function withServerLog(steps: () => Promise<void>): Promise<void> {
    try {
      await steps();
    } catch (error) {
      if (error instanceof Error) error.message += `\n\nserver output:\n${serverOutput()}`;
      throw error;
    }
  }

  it('signs in as the demo owner printed at first start, keeps the session across a reload, and signs out', () =>
    withServerLog(async () => {
      await page.goto(`${baseUrl}/users`);
      await page.waitForURL(`${baseUrl}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in to Twofold' }).waitFor();
      await page.getByText(/^API is reachable/).waitFor();

      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.screenshot({
        path: screenshots.wrongPassword,
        fullPage: true,
        animations: 'disabled',
      });

      await page.getByLabel('Password', { exact: true }).fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const signedIn = page.getByText(`(${owner.email}) — Twofold Demo`, { exact: false });
      await signedIn.waitFor();
      expect(await page.getByText('Administrator', { exact: true }).isVisible()).toBe(true);
      await page.screenshot({ path: screenshots.signedIn, fullPage: true, animations: 'disabled' });

      const cookies = await page.context().cookies();
      expect(cookies.find((cookie) => cookie.name === 'twofold_session')).toMatchObject({
        httpOnly: true,
        sameSite: 'Lax',
      });

      await page.reload();
      await signedIn.waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${baseUrl}/sign-in`);
      await page.getByRole('heading', { name: 'Sign in to Twofold' }).waitFor();

      // the server forgot the session: a reload stays signed out
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');

      // the account made with `pnpm twofold create-account` signs in too
      await page.getByLabel('Email').fill(e2eOwner.email);
      await page.getByLabel('Password', { exact: true }).fill(e2eOwner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Signed in as owner (owner@e2e.test) — E2E Co').waitFor();
    }));
});
