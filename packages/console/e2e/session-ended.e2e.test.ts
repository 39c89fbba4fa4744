import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { signedIn } from '@twofold/testkit/api-client';
import {
  assertChromiumInstalled,
  buildConsole,
  capture,
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

const owner = { email: 'owner@acme.test', password: 'correct horse battery staple' };
const screenshotDir = path.join(__dirname, 'screenshots');
const shot = (name: string) => path.join(screenshotDir, `session-ended-${name}.png`);

/** docs/design.md, Sign-in stages: a console whose session ended says so and returns after. */
describe('a session that ends under an open console', () => {
  let tempDir: string;
  let baseUrl: string;
  let server: ChildProcess | undefined;
  let serverExited: Promise<Run> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(screenshotDir, { recursive: true });
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-e2e-ended-'));
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const env = {
      TWOFOLD_DATA_DIR: path.join(tempDir, 'data'),
      TWOFOLD_CONSOLE_DIR: path.join(tempDir, 'console'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    };
    await buildConsole(env.TWOFOLD_CONSOLE_DIR);
    server = spawnServerScript('main.ts', [], env);
    serverExited = collect(server).exited;
    await waitForOk(`http://127.0.0.1:${port}/readyz`, { exited: serverExited });
    await runCli(
      [
        'create-account',
        '--name',
        'Acme',
        '--owner-email',
        owner.email,
        '--owner-password',
        owner.password,
      ],
      env,
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && serverExited) await stop(server, serverExited);
    rmSync(tempDir, { recursive: true, force: true });
  });

  it.each([1366, 390])(
    'at %i px: revoked elsewhere, the next page sends to sign-in, says why, and comes back',
    async (width) => {
      const context = await browser!.newContext({ viewport: { width, height: 900 } });
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('console', (message) => {
        // the refused request itself is the event under test
        if (message.type() === 'error' && !message.text().includes('401'))
          errors.push(message.text());
      });
      await tab.goto(`${baseUrl}/sign-in`);
      await tab.getByLabel('Email').fill(owner.email);
      await tab.getByLabel('Password', { exact: true }).fill(owner.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${baseUrl}/`);
      await tab.goto(`${baseUrl}/apps`);
      await tab.getByRole('heading', { level: 1, name: 'Apps' }).waitFor();

      // the same login ends the browser's session from another client
      const api = await signedIn(baseUrl, owner.email, owner.password);
      const { mySessions } = await api.ok<{ mySessions: { id: string; current: boolean }[] }>(
        '{ mySessions { id current } }',
      );
      for (const { id } of mySessions.filter((s) => !s.current)) {
        await api.ok('mutation ($id: ID!) { revokeSession(id: $id) }', { id });
      }

      // an in-app move: the page's first request meets the ended session
      if (width < 768) await tab.getByRole('button', { name: 'Toggle navigation' }).click();
      await tab
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Users' })
        .click();
      await tab.getByText('Your session has ended').waitFor();
      expect(new URL(tab.url()).pathname).toBe('/sign-in');
      await capture(tab, shot(String(width)));
      await tab.getByLabel('Email').fill(owner.email);
      await tab.getByLabel('Password', { exact: true }).fill(owner.password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${baseUrl}/users`);
      await tab.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
