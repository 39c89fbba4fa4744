import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { oathCode, stepOf } from '@twofold/testkit/two-factor';
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
  withServerLog,
} from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@first.test', password };
const screenshotDir = path.join(__dirname, 'screenshots');
const shot = (name: string) => path.join(screenshotDir, `first-sign-in-${name}.png`);

/**
 * docs/design.md, Second-factor rules (First sign-in) and Sign-in stages: an invitee whose 2FA is
 * required is not "Overdue" before they could sign in, their first screen shows no past deadline,
 * and leaving the backup codes early warns once and lands in the full console.
 */
describe('an invitee’s first sign-in, with 2FA required of them', () => {
  let tempDir: string;
  let baseUrl: string;
  let server: ChildProcess | undefined;
  let serverExited: Promise<Run> | undefined;
  let serverOutput: () => string = () => '';
  let browser: Browser | undefined;
  let mailbox: TestMailbox | undefined;

  async function mailedLink(to: string, kind: string): Promise<string> {
    for (let i = 0; i < 5; i++) {
      const mail = await mailbox!.next(to);
      if (mail.text.includes(`/${kind}/`)) return linkToken(mail, kind);
    }
    throw new Error(`no ${kind} link mailed to ${to}`);
  }

  async function signIn(tab: Page, who: { email: string; password: string }) {
    await tab.goto(`${baseUrl}/sign-in`);
    await tab.getByLabel('Email').fill(who.email);
    await tab.getByLabel('Password', { exact: true }).fill(who.password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    assertChromiumInstalled();
    mkdirSync(screenshotDir, { recursive: true });
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-e2e-first-'));
    mailbox = await startSmtpServer();
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    const env = {
      TWOFOLD_DATA_DIR: path.join(tempDir, 'data'),
      TWOFOLD_CONSOLE_DIR: path.join(tempDir, 'console'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      SMTP_URL: mailbox.url,
    };
    await buildConsole(env.TWOFOLD_CONSOLE_DIR);
    server = spawnServerScript('main.ts', [], env);
    const collected = collect(server);
    serverExited = collected.exited;
    serverOutput = collected.output;
    await waitForOk(`http://127.0.0.1:${port}/readyz`, { exited: serverExited });
    await runCli(
      [
        'create-account',
        '--name',
        'First Co',
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
    await mailbox?.close();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it.each([1366, 390])(
    'at %i px: invited, shown as setting up at first sign-in, enrolls, leaves the codes early',
    (width) =>
      withServerLog(serverOutput, async () => {
        const invitee = { email: `rita-${width}@first.test`, password, name: `Rita ${width}` };
        const context = await browser!.newContext({ viewport: { width, height: 900 } });
        const errors: string[] = [];
        const notFound: string[] = [];
        const ownerTab = await context.newPage();
        ownerTab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        ownerTab.on('response', (r) => r.status() === 404 && notFound.push(r.url()));

        // the owner invites with "Enable two-factor authentication for this user"
        await signIn(ownerTab, owner);
        await ownerTab.waitForURL(`${baseUrl}/`);
        await ownerTab.goto(`${baseUrl}/users`);
        await ownerTab.getByRole('button', { name: 'Invite user' }).click();
        const invite = ownerTab.getByRole('dialog');
        await invite.getByLabel('Email').fill(invitee.email);
        await invite.getByLabel('Display name').fill(invitee.name);
        await invite.getByLabel('User type').selectOption({ label: 'App reviewer' });
        await invite.getByLabel('Enable two-factor authentication for this user').check();
        await invite.getByRole('button', { name: 'Send invitation' }).click();
        await invite.waitFor({ state: 'hidden' });
        // not "Overdue": they have not had a chance to sign in
        // (the status filter's options carry the same words, hidden: only what is shown counts)
        await ownerTab.getByText(invitee.email).filter({ visible: true }).first().waitFor();
        await ownerTab
          .getByText('Sets up at first sign-in')
          .filter({ visible: true })
          .first()
          .waitFor();
        expect(await ownerTab.getByText('Overdue').filter({ visible: true }).count()).toBe(0);
        await capture(ownerTab, shot(`users-${width}`));

        // the invitee, in a browser of their own, accepts, signs in, and reads of no past deadline
        const own = await browser!.newContext({ viewport: { width, height: 900 } });
        const tab = await own.newPage();
        tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        tab.on('response', (r) => r.status() === 404 && notFound.push(r.url()));
        await tab.goto(`${baseUrl}/invitation/${await mailedLink(invitee.email, 'invitation')}`);
        await tab.getByLabel('Password', { exact: true }).fill(invitee.password);
        await tab.getByRole('button', { name: 'Accept invitation' }).click();
        await tab.getByText('Your profile is ready.').waitFor();
        await signIn(tab, invitee);
        await tab.waitForURL(`${baseUrl}/two-factor/setup`);
        const qr = tab.getByRole('img', { name: 'QR code to scan with your authenticator app' });
        await qr.waitFor();
        await tab.getByText(/requires a second factor before you can use the console/).waitFor();
        expect(await tab.getByText(/deadline/i).count()).toBe(0);
        await capture(tab, shot(`setup-${width}`));
        await qr.screenshot({ path: shot(`qr-${width}`) });
        const uri = execFileSync('zbarimg', ['--nodbus', '--raw', '-q', shot(`qr-${width}`)], {
          encoding: 'utf8',
        }).trim();
        const secret = new URL(uri).searchParams.get('secret') ?? '';
        await tab.getByRole('textbox', { name: 'Code' }).fill(oathCode(secret, stepOf(Date.now())));
        await tab.getByRole('button', { name: 'Verify' }).click();

        // leaving the backup codes early warns once, then lands in the whole console
        await tab.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
        await tab.getByRole('button', { name: 'Your profile' }).click();
        await tab.getByRole('alert', { name: /will not be shown again/ }).waitFor();
        await capture(tab, shot(`leave-codes-${width}`));
        await tab.getByRole('button', { name: 'Leave without them' }).click();
        await tab.waitForURL(`${baseUrl}/profile`);
        await tab.getByRole('heading', { level: 1 }).first().waitFor();
        await capture(tab, shot(`profile-${width}`));
        if (width < 768) await tab.getByRole('button', { name: 'Toggle navigation' }).click();
        await tab.getByRole('navigation', { name: 'Main' }).waitFor();
        await tab.getByRole('button', { name: new RegExp(invitee.name) }).click();
        await tab.getByRole('menuitem', { name: 'Sign out' }).click();
        await tab.getByText('You are signed out').or(tab.getByLabel('Email')).first().waitFor();

        expect(errors).toEqual([]);
        expect(notFound).toEqual([]);
        await own.close();
        await context.close();
      }),
  );
});
