import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page, type Request } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { startDnsServer, type TestDnsServer } from '@twofold/testkit/dns-server';
import { startOidcProvider, type TestOidcProvider } from '@twofold/testkit/oidc-provider';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { enroll, oathCode, stepOf } from '@twofold/testkit/two-factor';
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
const people = {
  owner: { email: 'owner@review.test', password },
  admin: { email: 'ada@review.test', password, name: 'Ada Admin' },
  reviewer: { email: 'rita@review.test', password, name: 'Rita Reviewer' },
  viewer: { email: 'vera@review.test', password, name: 'Vera Viewer' },
};
const oidcClientSecret = 'review-oidc-client-secret';
const screenshotDir = path.join(__dirname, 'screenshots');
const shot = (name: string) => path.join(screenshotDir, `admin-${name}.png`);

/** Reads a QR code from a screenshot of one element, as a phone camera pointed at it would. */
async function scan(page: Page, name: string, imageName: string | RegExp): Promise<string> {
  const file = shot(name);
  await page.getByRole('img', { name: imageName }).screenshot({ path: file });
  return execFileSync('zbarimg', ['--nodbus', '--raw', '-q', file], { encoding: 'utf8' }).trim();
}

/** Waits until the authenticator shows a code of a step after `used` (each code works once). */
async function codeAfter(secret: string, used: number): Promise<{ code: string; step: number }> {
  while (stepOf(Date.now()) + 1 <= used) await new Promise((r) => setTimeout(r, 500));
  const step = Math.max(used + 1, stepOf(Date.now()));
  return { code: oathCode(secret, step), step };
}

describe('administering an account in a real browser', () => {
  let tempDir: string;
  let baseUrl: string;
  let server: ChildProcess | undefined;
  let serverExited: Promise<Run> | undefined;
  let serverOutput: () => string = () => '';
  let browser: Browser | undefined;
  let mailbox: TestMailbox | undefined;
  let oidcProvider: TestOidcProvider | undefined;
  let dns: TestDnsServer | undefined;
  let owner: ApiClient;
  let adminSecret = '';
  let adminStep = 0;
  const appIds: Record<string, string> = {};

  async function mailedLink(to: string, kind: string): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const mail = await mailbox!.next(to);
      if (mail.text.includes(`/${kind}/`)) return linkToken(mail, kind);
    }
    throw new Error(`no ${kind} link mailed to ${to}`);
  }

  /** An invited profile that accepted by the mailed link (the API path; the browser path is tested below). */
  async function invited(
    who: { email: string; password: string; name: string },
    userType: string,
    apps: string[],
  ): Promise<void> {
    await owner.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        email: who.email,
        displayName: who.name,
        userType,
        appIds: apps.map((name) => appIds[name]),
        requireTwoFactor: false,
        sendInvitation: true,
      },
    });
    await new ApiClient(baseUrl).ok(
      `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }`,
      { token: await mailedLink(who.email, 'invitation'), password: who.password },
    );
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(screenshotDir, { recursive: true });
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-e2e-admin-'));
    const consoleDir = path.join(tempDir, 'console');
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    mailbox = await startSmtpServer();
    // the account's OpenID provider: a real oidc-provider on loopback, Twofold registered with it
    oidcProvider = await startOidcProvider({
      clients: [
        {
          client_id: 'twofold-review',
          client_secret: oidcClientSecret,
          redirect_uris: [`${baseUrl}/oidc/callback`],
        },
      ],
    });
    await oidcProvider.setAccount({
      login: 'ada.lovelace',
      sub: 'review-ada-1',
      email: people.admin.email,
      email_verified: true,
      name: people.admin.name,
      amr: ['pwd'],
    });
    await oidcProvider.setAccount({
      login: 'stranger',
      sub: 'review-stranger-1',
      email: 'stranger@review.test',
      email_verified: true,
      name: 'Stranger',
    });
    // the DNS the server asks when the owner verifies the account's email domain
    dns = await startDnsServer();
    const env = {
      DNS_SERVERS: dns.address,
      SMTP_URL: mailbox.url,
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
    await runCli(
      [
        'create-account',
        '--name',
        'Review Co',
        '--owner-email',
        people.owner.email,
        '--owner-password',
        password,
      ],
      env,
    );

    // the account as an owner would have set it up: three apps, an administrator with an
    // authenticator, a report viewer of one app, and two reviewers invited earlier
    owner = await signedIn(baseUrl, people.owner.email, password);
    for (const [name, platform] of [
      ['Field Notes', 'IOS'],
      ['Atlas', 'ANDROID'],
      ['Ledger', 'WEB'],
    ] as const) {
      const slug = name.toLowerCase().replace(/\s/g, '-');
      const created = await owner.ok<{ createApp: { id: string } }>(
        `mutation ($input: CreateAppInput!) { createApp(input: $input) { id } }`,
        {
          input: {
            name,
            platform,
            bundleId: `com.review.${slug.replace('-', '')}`,
            previewUrl: `https://preview.review.test/${slug}`,
          },
        },
      );
      appIds[name] = created.createApp.id;
    }
    await invited(people.admin, 'ADMINISTRATOR', []);
    await invited(people.viewer, 'APP_REPORT_VIEWER', ['Field Notes']);
    for (const name of ['Rex Early', 'Rosa Early']) {
      await owner.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: {
          email: `${name.split(' ')[0]!.toLowerCase()}@review.test`,
          displayName: name,
          userType: 'APP_REVIEWER',
          appIds: [],
          requireTwoFactor: false,
          sendInvitation: false,
        },
      });
    }
    const adminApi = await signedIn(baseUrl, people.admin.email, password);
    const enrolled = await enroll(adminApi);
    adminSecret = enrolled.secret;
    adminStep = enrolled.step;

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && serverExited) await stop(server, serverExited);
    await mailbox?.close();
    await oidcProvider?.close();
    await dns?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  const withServerLog = (steps: () => Promise<void>) =>
    withServerLogOf(() => serverOutput(), steps);

  /** A fresh browser context and tab recording console errors and 404s. */
  async function openTab() {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' && message.location().url.startsWith(baseUrl)) {
        errors.push(message.text());
      }
    });
    tab.on('response', (response) => {
      // the console's own requests (an identity provider's pages are not ours to judge)
      if (response.status() === 404 && response.url().startsWith(baseUrl)) {
        errors.push(`404 ${response.url()}`);
      }
    });
    return { tab, errors, close: () => context.close() };
  }

  async function signIn(tab: Page, who: { email: string; password: string }) {
    await tab.goto(`${baseUrl}/sign-in`);
    await tab.getByLabel('Email').fill(who.email);
    await tab.getByLabel('Password', { exact: true }).fill(who.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
  }

  const nav = (tab: Page) => tab.getByRole('navigation', { name: 'Main' });

  /** Enrolls an authenticator from a screenshot of the setup page's QR code. */
  async function enrollInBrowser(tab: Page, name: string): Promise<string> {
    await startSetup(tab);
    const uri = await scan(tab, name, 'QR code to scan with your authenticator app');
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    await tab.getByRole('textbox', { name: 'Code' }).fill(oathCode(secret, stepOf(Date.now())));
    await tab.getByRole('button', { name: 'Verify' }).click();
    await tab.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
    await tab.getByLabel('I have saved them').check();
    await tab.getByRole('button', { name: 'Continue' }).click();
    await tab.waitForURL(`${baseUrl}/`);
    return secret;
  }

  /** After a sign-in that requires 2FA: the setup at once, or from the grace banner. */
  async function startSetup(tab: Page): Promise<void> {
    await tab.waitForURL((url) => ['/', '/two-factor/setup'].includes(url.pathname));
    if (new URL(tab.url()).pathname === '/') {
      await capture(tab, shot(`grace-banner-${Date.now()}`));
      await tab.getByRole('link', { name: 'Set it up now' }).click();
      await tab.waitForURL(`${baseUrl}/two-factor/setup`);
    }
  }

  it('(a) lets the owner require 2FA of App reviewers after previewing who it affects', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab();
      await signIn(tab, people.owner);
      await tab.waitForURL(`${baseUrl}/`);
      for (const link of [
        'Overview',
        'Users',
        'Apps',
        'Security',
        'Compliance',
        'Audit log',
        'API',
      ]) {
        await nav(tab).getByRole('link', { name: link }).waitFor();
      }
      await nav(tab).getByRole('link', { name: 'Security' }).click();
      await tab.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
      await capture(tab, shot('security'));

      const card = tab.getByRole('region', { name: 'App reviewers' });
      // a new account allows SMS to no country: ticking SMS says so and links to the list
      const sms = card.getByLabel('Text message (SMS)');
      await sms.check();
      await card.getByText('SMS needs a country').waitFor();
      expect(await card.getByRole('button', { name: 'Review and save' }).isDisabled()).toBe(true);
      await card.getByRole('link', { name: 'Choose the SMS countries' }).click();
      await tab.waitForURL(`${baseUrl}/security#sms-countries`);
      const countries = tab.getByRole('region', { name: 'SMS countries' });
      await countries
        .getByText('None is allowed yet, so nobody can set up SMS.', { exact: false })
        .waitFor();
      await capture(tab, shot('security-sms-needs-country'));
      await sms.uncheck();
      await card.getByText('SMS needs a country').waitFor({ state: 'detached' });
      await card.getByText('Required', { exact: true }).click();
      await card.getByLabel('Grace period (days)').fill('7');
      await card.getByRole('button', { name: 'Review and save' }).click();
      const dialog = tab.getByRole('dialog', { name: 'Save the rule for App reviewers?' });
      // the two reviewers invited earlier: not enrolled, a week to do it
      await dialog
        .getByText(/^2 App reviewers are not enrolled; they must enroll by \w+/)
        .waitFor();
      await capture(tab, shot('security-impact'));
      await dialog.getByRole('button', { name: 'Save rule' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await tab.getByText('The rule for App reviewers is saved.').waitFor();

      const { securityPolicies } = await owner.ok<{
        securityPolicies: { userType: string; enforcement: string; gracePeriodDays: number }[];
      }>('{ securityPolicies { userType enforcement gracePeriodDays } }');
      expect(securityPolicies.find((p) => p.userType === 'APP_REVIEWER')).toMatchObject({
        enforcement: 'REQUIRED',
        gracePeriodDays: 7,
      });

      // the other pages an owner reaches, each looked at
      await nav(tab).getByRole('link', { name: 'Compliance' }).click();
      await tab.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();
      // Rex and Rosa have never signed in: they set up at their first sign-in, not Overdue
      const awaiting = tab.getByRole('link', {
        name: '2 App reviewers: Sets up at first sign-in',
      });
      await awaiting.waitFor();
      await capture(tab, shot('compliance'));
      await awaiting.click();
      await tab.waitForURL(/\/users\?.*type=APP_REVIEWER/);
      await tab.getByRole('row', { name: /Rex Early/ }).waitFor();
      await capture(tab, shot('users-filtered'));
      await nav(tab).getByRole('link', { name: 'Audit log' }).click();
      await tab
        .getByText(/changed the two-factor rule for App reviewers/)
        .first()
        .waitFor();
      await capture(tab, shot('audit'));
      expect(errors).toEqual([]);
      await close();
    }));

  it('(b) lets an administrator invite a reviewer who enrolls, then reset them with the telephone icon', () =>
    withServerLog(async () => {
      const admin = await openTab();
      await signIn(admin.tab, people.admin);
      await admin.tab.waitForURL(`${baseUrl}/two-factor/verify`);
      const signInCode = await codeAfter(adminSecret, adminStep);
      adminStep = signInCode.step;
      await admin.tab.getByRole('textbox', { name: 'Code' }).fill(signInCode.code);
      await admin.tab.getByRole('button', { name: 'Verify' }).click();
      await admin.tab.waitForURL(`${baseUrl}/`);
      // administrators read the rules but do not change them
      await nav(admin.tab).getByRole('link', { name: 'Security' }).click();
      await admin.tab.getByText('Only the account owner can change them.').waitFor();
      expect(await admin.tab.getByRole('button', { name: 'Review and save' }).count()).toBe(0);

      await nav(admin.tab).getByRole('link', { name: 'Users' }).click();
      await admin.tab.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await capture(admin.tab, shot('users'));
      // a filter, then a search: the table answers them and then asks nothing more
      const usersQueries: string[] = [];
      const countUsers = (request: Request) => {
        const body = request.postData() ?? '';
        if (request.url().endsWith('/graphql') && body.includes('"operationName":"Users"')) {
          usersQueries.push(body);
        }
      };
      admin.tab.on('request', countUsers);
      await admin.tab.getByLabel('2FA status').selectOption('ENROLLED');
      await admin.tab.waitForURL((url) => url.searchParams.get('status') === 'ENROLLED');
      await admin.tab.getByLabel('Search').fill('Ada');
      await admin.tab.waitForURL((url) => url.searchParams.get('q') === 'Ada');
      await admin.tab.getByRole('row', { name: /Ada Admin/ }).waitFor();
      await admin.tab.getByLabel('Loading users').waitFor({ state: 'detached' });
      // settled: the last question is the filtered search
      const settled = usersQueries.length;
      expect(settled).toBeGreaterThanOrEqual(2);
      expect(usersQueries[settled - 1]).toContain('"search":"Ada"');
      await admin.tab.goto(`${baseUrl}/users`);
      await admin.tab.getByRole('row', { name: /Ada Admin/ }).waitFor();
      await admin.tab.getByLabel('Loading users').waitFor({ state: 'detached' });
      admin.tab.off('request', countUsers);
      // the page opened afresh asked exactly once more: a refetch loop of the filtered table
      // would have asked again meanwhile
      expect(usersQueries.slice(settled).map((q) => q.includes('"filter":{}'))).toEqual([true]);
      await admin.tab.getByRole('button', { name: 'Invite user' }).click();
      const invite = admin.tab.getByRole('dialog');
      await invite.getByLabel('Email').fill(people.reviewer.email);
      await invite.getByLabel('Display name').fill(people.reviewer.name);
      await invite.getByLabel('User type').selectOption({ label: 'App reviewer' });
      await invite.getByLabel('Apps', { exact: true }).click();
      await admin.tab.getByRole('option', { name: 'Field Notes' }).click();
      await admin.tab.getByRole('option', { name: 'Atlas' }).click();
      await invite.getByLabel('Display name').click();
      await invite.getByLabel('Enable two-factor authentication for this user').check();
      await capture(admin.tab, shot('users-invite'));
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await invite.waitFor({ state: 'hidden' });
      await admin.tab.getByRole('row', { name: new RegExp(people.reviewer.name) }).waitFor();

      // the reviewer accepts by the mailed link and enrolls at once (required for them)
      const reviewer = await openTab();
      await reviewer.tab.goto(
        `${baseUrl}/invitation/${await mailedLink(people.reviewer.email, 'invitation')}`,
      );
      await reviewer.tab.getByLabel('Password', { exact: true }).fill(password);
      await reviewer.tab.getByRole('button', { name: 'Accept invitation' }).click();
      await reviewer.tab.getByText('Your profile is ready.').waitFor();
      await signIn(reviewer.tab, people.reviewer);
      await enrollInBrowser(reviewer.tab, 'reviewer-enroll');

      // the administrator resets them: the telephone icon, a reason and the admin's own code
      await admin.tab.reload();
      const row = admin.tab.getByRole('row', { name: new RegExp(people.reviewer.name) });
      await row.getByText('Enrolled').waitFor();
      await row.getByRole('button', { name: 'Reset authenticator' }).click();
      const reset = admin.tab.getByRole('dialog', {
        name: `Reset authenticator of ${people.reviewer.name}`,
      });
      await reset.getByLabel('Reason').fill('Lost her phone on a trip');
      const resetCode = await codeAfter(adminSecret, adminStep);
      adminStep = resetCode.step;
      await reset.getByRole('textbox', { name: /code/i }).fill(resetCode.code);
      await capture(admin.tab, shot('users-reset'));
      await reset.getByRole('button', { name: 'Reset authenticator' }).click();
      await reset.waitFor({ state: 'hidden' });

      // their session has ended, they got the mail, and they link again at the next sign-in
      await reviewer.tab.reload();
      await reviewer.tab.waitForURL(`${baseUrl}/sign-in`);
      let mailed = false;
      for (let i = 0; i < 5 && !mailed; i++) {
        const mail = await mailbox!.next(people.reviewer.email);
        mailed = /reset/i.test(mail.subject ?? '') || /reset/i.test(mail.text);
      }
      expect(mailed).toBe(true);
      await signIn(reviewer.tab, people.reviewer);
      await enrollInBrowser(reviewer.tab, 'reviewer-relink');

      // (c) the reviewer sees only their apps and decodes a preview QR code from a screenshot
      await nav(reviewer.tab).getByRole('link', { name: 'Apps' }).waitFor();
      const links = nav(reviewer.tab).getByRole('link');
      expect(await links.allInnerTexts()).toEqual(['Overview', 'Apps', 'API']);
      await nav(reviewer.tab).getByRole('link', { name: 'Apps' }).click();
      await reviewer.tab.getByRole('link', { name: 'Field Notes' }).waitFor();
      await reviewer.tab.getByRole('link', { name: 'Atlas' }).waitFor();
      expect(await reviewer.tab.getByRole('link', { name: 'Ledger' }).count()).toBe(0);
      await capture(reviewer.tab, shot('reviewer-apps'));
      await reviewer.tab.getByRole('link', { name: 'Field Notes' }).click();
      const preview = await scan(
        reviewer.tab,
        'reviewer-preview-qr',
        'Preview QR code for Field Notes',
      );
      expect(preview).toBe('https://preview.review.test/field-notes');
      expect(await reviewer.tab.getByRole('heading', { name: 'Reports' }).count()).toBe(0);
      await capture(reviewer.tab, shot('reviewer-app'));
      // pages of other roles are not reachable by their address either
      await reviewer.tab.goto(`${baseUrl}/users`);
      await reviewer.tab.waitForURL(`${baseUrl}/`);
      expect(admin.errors).toEqual([]);
      expect(reviewer.errors).toEqual([]);
      await admin.close();
      await reviewer.close();
    }));

  it('(d) shows a report viewer the reports of their app, with charts, and no settings; (e) runs a query on the API page', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab();
      await signIn(tab, people.viewer);
      await tab.waitForURL(`${baseUrl}/`);
      await nav(tab).getByRole('link', { name: 'Apps' }).click();
      await tab.getByRole('link', { name: 'Field Notes' }).click();
      await tab.getByRole('heading', { name: 'Reports' }).waitFor();
      await tab.getByRole('heading', { name: 'Sign-ins by assigned users per day' }).waitFor();
      await tab.locator('.recharts-surface').first().waitFor();
      expect(await tab.getByRole('heading', { name: 'Settings' }).count()).toBe(0);
      expect(await tab.getByRole('img', { name: /Preview QR code/ }).count()).toBe(0);
      await capture(tab, shot('viewer-reports'));

      // (e) the API explorer, with the session
      await nav(tab).getByRole('link', { name: 'API' }).click();
      await tab.getByRole('heading', { name: 'API explorer' }).waitFor();
      await tab.locator('.graphiql-container').waitFor();
      // the editor has loaded the starting query: run it as a person would
      await tab.locator('.graphiql-query-editor .view-lines').getByText('displayName').waitFor();
      const ran = tab.waitForResponse(
        (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST',
      );
      await tab.getByRole('button', { name: /execute query/i }).click();
      expect((await ran).status()).toBe(200);
      await tab.locator('.graphiql-response .view-lines').getByText(people.viewer.name).waitFor();
      // GraphiQL's own tab strip nests its close buttons in role=tab items (graphiql 5.4); the
      // rest of the page, GraphiQL's editors and toolbar included, is scanned
      await capture(tab, shot('api'), ['.graphiql-tabs']);
      const sdl = await tab.evaluate(async () => {
        const response = await fetch('/schema.graphql');
        return { status: response.status, text: await response.text() };
      });
      expect(sdl.status).toBe(200);
      expect(sdl.text).toContain('type Query');
      expect(errors).toEqual([]);
      await close();
    }));

  it('(f) lets the owner add and test an OpenID provider, and an administrator sign in with it, then pass the second factor', () =>
    withServerLog(async () => {
      const ownerTab = await openTab();
      await signIn(ownerTab.tab, people.owner);
      await ownerTab.tab.waitForURL(`${baseUrl}/`);
      await nav(ownerTab.tab).getByRole('link', { name: 'Security' }).click();
      await ownerTab.tab.getByRole('heading', { name: 'Identity providers' }).waitFor();
      await ownerTab.tab.getByRole('button', { name: 'Add identity provider' }).click();
      const form = ownerTab.tab.getByRole('dialog', { name: 'Add identity provider' });
      await form.getByLabel('Name').fill('Review ID');
      await form.getByLabel('Issuer URL').fill(oidcProvider!.issuer);
      await form.getByLabel('Client ID').fill('twofold-review');
      await form.getByLabel('Client secret').fill(oidcClientSecret);
      await form.getByLabel('Allowed email domains').fill('review.test');
      await form.getByLabel('Allowed email domains').press('Enter');
      await form.getByLabel("Require Twofold's second factor").check();
      await capture(ownerTab.tab, shot('security-provider-form'));
      await form.getByRole('button', { name: 'Save provider' }).click();
      await form.waitFor({ state: 'hidden' });
      await ownerTab.tab.getByText(oidcProvider!.issuer).waitFor();
      await ownerTab.tab.getByText(`${baseUrl}/oidc/callback`).first().waitFor();
      await capture(ownerTab.tab, shot('security-providers'));

      // the owner's test sign-in: to the provider and back, signed in as before
      await ownerTab.tab.getByRole('button', { name: 'Test sign-in with Review ID' }).click();
      await ownerTab.tab.getByRole('heading', { name: 'Test provider sign-in' }).waitFor();
      await ownerTab.tab.getByLabel('Login').fill('ada.lovelace');
      await ownerTab.tab.getByRole('button', { name: 'Sign in' }).click();
      await ownerTab.tab.waitForURL((url) => url.pathname === '/security');
      await ownerTab.tab
        .getByRole('status')
        .filter({ hasText: 'Test sign-in succeeded' })
        .waitFor();
      await capture(ownerTab.tab, shot('security-provider-tested'));

      // the account proves review.test, so its provider is offered on /sign-in for its emails
      const domains = ownerTab.tab.getByRole('region', { name: 'Domains' });
      await domains.getByLabel('Domain', { exact: true }).fill('review.test');
      await domains.getByRole('button', { name: 'Add domain' }).click();
      const claimed = domains.getByRole('article', { name: 'review.test' });
      const record = claimed.getByText(/^twofold-verification=/);
      await record.waitFor();
      dns!.setTxt('_twofold.review.test', [(await record.textContent()) ?? '']);
      await capture(ownerTab.tab, shot('security-domain-added'));
      await claimed.getByRole('button', { name: 'Verify review.test' }).click();
      await claimed.getByText('Verified', { exact: true }).waitFor();
      await capture(ownerTab.tab, shot('security-domain-verified'));
      expect(ownerTab.errors).toEqual([]);
      await ownerTab.close();

      // someone the account does not know is turned away with a reason
      const stranger = await openTab();
      const slug = 'review-co';
      await stranger.tab.goto(`${baseUrl}/a/${slug}`);
      await stranger.tab.getByRole('button', { name: 'Sign in with Review ID' }).waitFor();
      await capture(stranger.tab, shot('sign-in-account-url'));
      await stranger.tab.getByRole('button', { name: 'Sign in with Review ID' }).click();
      await stranger.tab.getByLabel('Login').fill('stranger');
      await stranger.tab.getByRole('button', { name: 'Sign in' }).click();
      await stranger.tab.waitForURL((url) => url.pathname === '/sign-in');
      await stranger.tab
        .getByRole('alert')
        .filter({ hasText: 'No active Twofold user matches' })
        .waitFor();
      await capture(stranger.tab, shot('sign-in-openid-refused'));
      await stranger.close();

      // the administrator signs in with the provider, then gives Twofold's second factor
      const admin = await openTab();
      await admin.tab.goto(`${baseUrl}/sign-in`);
      await admin.tab.getByLabel('Email').fill(people.admin.email);
      const button = admin.tab.getByRole('button', { name: 'Sign in with Review ID' });
      await button.waitFor();
      await capture(admin.tab, shot('sign-in-with-provider'));
      await button.click();
      await admin.tab.getByRole('heading', { name: 'Test provider sign-in' }).waitFor();
      await admin.tab.getByLabel('Login').fill('ada.lovelace');
      await admin.tab.getByRole('button', { name: 'Sign in' }).click();
      await admin.tab.waitForURL(`${baseUrl}/two-factor/verify`);
      const code = await codeAfter(adminSecret, adminStep);
      adminStep = code.step;
      await admin.tab.getByRole('textbox', { name: 'Code' }).fill(code.code);
      await admin.tab.getByRole('button', { name: 'Verify' }).click();
      await admin.tab.waitForURL(`${baseUrl}/`);
      await admin.tab.getByText('Signed in with Review ID').first().waitFor();
      await capture(admin.tab, shot('signed-in-with-provider'));
      // the provider speaks for this account's profile, not for the login's activity elsewhere
      await admin.tab.goto(`${baseUrl}/profile`);
      await admin.tab
        .getByText('You signed in with your organization’s identity provider.', { exact: false })
        .waitFor();
      await capture(admin.tab, shot('profile-provider-session'));
      // an administrator reads the providers but changes none
      await nav(admin.tab).getByRole('link', { name: 'Security' }).click();
      await admin.tab.getByRole('rowheader', { name: 'Review ID' }).waitFor();
      await admin.tab
        .getByText('Only the account owner can add, change, test or remove identity providers.')
        .waitFor();
      expect(await admin.tab.getByRole('button', { name: 'Add identity provider' }).count()).toBe(
        0,
      );
      expect(await admin.tab.getByRole('button', { name: /^Edit Review ID$/ }).count()).toBe(0);
      await capture(admin.tab, shot('security-providers-administrator'));
      expect(admin.errors).toEqual([]);
      await admin.close();
    }));
});
