import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ApiClient, signedIn } from '@twofold/testkit/api-client';
import { startOidcProvider, type TestOidcProvider } from '@twofold/testkit/oidc-provider';
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
  withServerLog as withServerLogOf,
} from './harness';

const password = 'correct horse battery staple';
const victim = { email: 'owner@victim.test' };
const attacker = { email: 'mallory@evil.test', login: 'mallory' };
const clientSecret = 'csrf-oidc-client-secret';
const screenshotDir = path.join(__dirname, 'screenshots');
const shot = (name: string) => path.join(screenshotDir, `openid-csrf-${name}.png`);

describe('another site cannot start an OpenID sign-in in the browser', () => {
  let tempDir: string;
  let baseUrl: string;
  let server: ChildProcess | undefined;
  let serverExited: Promise<Run> | undefined;
  let serverOutput: () => string = () => '';
  let oidcProvider: TestOidcProvider | undefined;
  let browser: Browser | undefined;
  /** The attacker's site: a second origin (another loopback port) with two pages. */
  let evil: Server | undefined;
  let evilOrigin = '';
  let providerId = '';
  /** Requests the browser sent to the identity provider. */
  const providerRequests: string[] = [];

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(screenshotDir, { recursive: true });
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-e2e-csrf-'));
    const consoleDir = path.join(tempDir, 'console');
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    oidcProvider = await startOidcProvider({
      clients: [
        {
          client_id: 'twofold-csrf',
          client_secret: clientSecret,
          redirect_uris: [`${baseUrl}/oidc/callback`],
        },
      ],
    });
    // the attacker holds an account at the provider for a profile of their own
    await oidcProvider.setAccount({
      login: attacker.login,
      sub: 'mallory-1',
      email: attacker.email,
      email_verified: true,
      name: 'Mallory',
    });
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
    // the attacker is a tenant too: their own account, with their own identity provider
    for (const [name, email] of [
      ['Victim Co', victim.email],
      ['Evil Co', attacker.email],
    ]) {
      await runCli(
        ['create-account', '--name', name!, '--owner-email', email!, '--owner-password', password],
        env,
      );
    }
    const attackerApi: ApiClient = await signedIn(baseUrl, attacker.email, password);
    providerId = (
      await attackerApi.ok<{ createIdentityProvider: { id: string } }>(
        `mutation ($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
        {
          input: {
            displayName: 'Evil ID',
            issuerUrl: oidcProvider.issuer,
            clientId: 'twofold-csrf',
            clientSecret,
          },
        },
      )
    ).createIdentityProvider.id;

    const start = `${baseUrl}/oidc/start`;
    evil = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      if (request.url === '/form') {
        // a form that submits itself to Twofold's start route as soon as the page opens
        response.end(
          `<!doctype html><title>Win a prize</title><form method="post" action="${start}">` +
            `<input type="hidden" name="provider" value="${providerId}"></form>` +
            `<script>document.forms[0].submit()</script>`,
        );
      } else {
        // a plain navigation, as a link or a redirect would do
        response.end(
          `<!doctype html><title>Win a prize</title>` +
            `<script>location.href = ${JSON.stringify(`${start}?provider=${providerId}`)}</script>`,
        );
      }
    });
    await new Promise<void>((resolve) => evil!.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    if (server && serverExited) await stop(server, serverExited);
    await oidcProvider?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const withServerLog = (steps: () => Promise<void>) =>
    withServerLogOf(() => serverOutput(), steps);

  async function openTab() {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    tab.on('request', (request) => {
      if (request.url().startsWith(oidcProvider!.issuer)) providerRequests.push(request.url());
    });
    return { tab, context, close: () => context.close() };
  }

  /**
   * Lets the navigation the attacker's page began settle. Should it reach the provider's sign-in
   * page, it plays the attacker's provider, which approves at once: it signs in as the attacker.
   */
  async function settle(tab: Page): Promise<void> {
    await tab.waitForURL(
      (url) => url.href.startsWith(oidcProvider!.issuer) || url.href.startsWith(baseUrl),
    );
    if (tab.url().startsWith(oidcProvider!.issuer)) {
      await tab.getByLabel('Login').fill(attacker.login);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL((url) => url.href.startsWith(baseUrl));
    }
    await tab.waitForLoadState('networkidle');
  }

  it.each([
    ['a form that posts itself', '/form'],
    ['a navigation', '/link'],
  ])('keeps the victim signed in when %s on another site starts a sign-in', (_, page) =>
    withServerLog(async () => {
      const { tab, context, close } = await openTab();
      await tab.goto(`${baseUrl}/sign-in`);
      await tab.getByLabel('Email').fill(victim.email);
      await tab.getByLabel('Password', { exact: true }).fill(password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${baseUrl}/`);
      const sessionCookie = (await context.cookies(baseUrl)).find(
        (cookie) => cookie.name === 'twofold_session',
      )?.value;
      expect(sessionCookie).toBeDefined();
      providerRequests.length = 0;

      await tab.goto(`${evilOrigin}${page}`);
      await settle(tab);
      await capture(tab, shot(`after${page.replace('/', '-')}`));
      expect(providerRequests).toEqual([]);
      expect(
        (await context.cookies(baseUrl)).find((cookie) => cookie.name === 'twofold_session')?.value,
      ).toBe(sessionCookie);
      // still the victim, on their own page
      await tab.goto(`${baseUrl}/`);
      await tab.getByText(`Signed in as`, { exact: false }).first().waitFor();
      expect(await tab.getByText(attacker.email).count()).toBe(0);
      expect(await tab.getByText('Evil Co').count()).toBe(0);
      await close();
    }),
  );

  it('asks before a provider answer for another login replaces the signed-in session', () =>
    withServerLog(async () => {
      const { tab, context, close } = await openTab();
      await tab.goto(`${baseUrl}/sign-in`);
      await tab.getByLabel('Email').fill(victim.email);
      await tab.getByLabel('Password', { exact: true }).fill(password);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${baseUrl}/`);
      const sessionOf = async () =>
        (await context.cookies(baseUrl)).find((cookie) => cookie.name === 'twofold_session')?.value;
      const before = await sessionOf();
      // a start from Twofold's own origin (as a script on its page could do), answered by the
      // provider for the attacker
      await tab.evaluate((id) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/oidc/start';
        const input = document.createElement('input');
        input.name = 'provider';
        input.value = id;
        form.append(input);
        document.body.append(form);
        form.submit();
      }, providerId);
      await tab.waitForURL((url) => url.href.startsWith(oidcProvider!.issuer));
      await tab.getByLabel('Login').fill(attacker.login);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL(`${baseUrl}/sign-in/another-login`);
      await tab.getByRole('heading', { name: 'You are still signed in' }).waitFor();
      await capture(tab, shot('another-login'));
      expect(await sessionOf()).toBe(before);
      await tab.getByRole('link', { name: /^Stay signed in as / }).click();
      await tab.waitForURL(`${baseUrl}/`);
      await tab.getByText('Signed in as', { exact: false }).first().waitFor();
      expect(await tab.getByText('Evil Co').count()).toBe(0);
      await close();
    }));

  it('tells a signed-out visitor that the sign-in was not started from Twofold', () =>
    withServerLog(async () => {
      const { tab, close } = await openTab();
      providerRequests.length = 0;
      await tab.goto(`${evilOrigin}/form`);
      await settle(tab);
      expect(providerRequests).toEqual([]);
      expect(new URL(tab.url()).pathname).toBe('/sign-in');
      await tab
        .getByRole('alert')
        .filter({ hasText: 'That sign-in was not started from this page' })
        .waitFor();
      await capture(tab, shot('refused-signed-out'));
      await close();
    }));
});
