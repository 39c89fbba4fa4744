import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { enroll, stepOf, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@detail.test', password };
const admin = { email: 'ada@detail.test', password, name: 'Ada Admin' };
const shot = (name: string) => path.join(screenshotDir, `user-detail-${name}.png`);

const chromeOnWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const safariOnIos =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/**
 * docs/design.md, Daily administration: an administrator opens a user from the users table and
 * unlocks them, removes one factor and ends their sessions, at 1366 and 390 px.
 */
describe('a user’s page in a real browser', () => {
  let stack: ConsoleStack;
  let baseUrl: string;
  let ownerApi: ApiClient;

  /** Creates `who` by invitation and accepts it by the mailed link, as a person would. */
  async function invited(who: { email: string; name: string }, userType: string) {
    const { createUser } = await ownerApi.ok<{ createUser: { id: string } }>(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email: who.email,
          displayName: who.name,
          userType,
          appIds: [],
          requireTwoFactor: false,
          sendInvitation: true,
        },
      },
    );
    const token = await stack.mailedLink(who.email, 'invitation');
    await new ApiClient(baseUrl).ok(
      `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }`,
      { token, password },
    );
    return createUser.id;
  }

  /** Signs `email` in from a browser that sends `userAgent` (a session to see in words). */
  async function signInFrom(email: string, userAgent: string): Promise<void> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({
        query: `mutation ($email: String!, $password: String!) {
          signIn(email: $email, password: $password, transport: BEARER) { token }
        }`,
        variables: { email, password },
      }),
    });
    expect(response.status).toBe(200);
  }

  /**
   * A reviewer with an authenticator app and a PIN, signed in from two browsers, whose five
   * wrong codes locked their second-factor step.
   */
  async function lockedReviewer(name: string): Promise<{ id: string; email: string }> {
    const who = { email: `${name.split(' ')[0]!.toLowerCase()}@detail.test`, name };
    const id = await invited(who, 'APP_REVIEWER');
    const api = await signedIn(baseUrl, who.email, password);
    const { secret } = await enroll(api);
    await api.ok(`mutation { setPin(pin: "2580", pinConfirmation: "2580") { session { stage } } }`);
    // the mails of the set-up ("enabled") are read: the removal's comes after them
    for (const _mail of stack.mailbox.unread(who.email)) await stack.mailbox.next(who.email);
    await signInFrom(who.email, chromeOnWindows);
    await signInFrom(who.email, safariOnIos);
    const guesser = await signedIn(baseUrl, who.email, password);
    const wrong = wrongCode(secret, stepOf(Date.now()));
    for (let i = 0; i < 5; i++) {
      expect(
        codesOf(await guesser.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
    }
    return { id, email: who.email };
  }

  beforeAll(async () => {
    stack = await startConsoleStack({
      name: 'user-detail',
      account: 'Detail Co',
      owner,
    });
    baseUrl = stack.baseUrl;
    ownerApi = await signedIn(baseUrl, owner.email, password);
    await invited(admin, 'ADMINISTRATOR');
    // a production build and a server start: on two cores shared with other work, past 2 minutes
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  const withServerLog = (steps: () => Promise<void>) => stack.withServerLog(steps);

  async function signIn(tab: Page) {
    await stack.signIn(tab, admin);
    await tab.waitForURL(`${baseUrl}/`);
  }

  it.each([
    [1366, 'Rita Reviewer'],
    [390, 'Rosa Reviewer'],
  ])(
    'at %i px: opens %s from the table, unlocks, removes the PIN, ends sessions',
    (width, name) =>
      withServerLog(async () => {
        const target = await lockedReviewer(name);
        const context = await stack.browser.newContext({ viewport: { width, height: 900 } });
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        tab.on('response', (response) => {
          if (response.status() === 404 && response.url().startsWith(baseUrl)) {
            errors.push(`404 ${response.url()}`);
          }
        });
        await signIn(tab);
        await tab.goto(`${baseUrl}/users`);
        await tab.getByRole('link', { name }).click();
        await tab.waitForURL(`${baseUrl}/users/${target.id}`);
        await tab.getByRole('heading', { level: 1, name }).waitFor();

        const twoFactor = tab.getByRole('region', { name: 'Two-factor authentication' });
        const sessions = tab.getByRole('region', { name: 'Open sessions' });
        await twoFactor.getByText(/5 wrong codes in a row/).waitFor();
        await sessions.getByText('Chrome on Windows (API token)').waitFor();
        await sessions.getByText('Safari on iOS (API token)').waitFor();
        const activity = tab.getByRole('region', { name: 'Recent security activity' });
        await activity.getByText(`${name} entered a wrong second-factor code`).first().waitFor();
        await capture(tab, shot(`${width}-locked`));

        // unlock: the lock goes, the factors stay
        await twoFactor.getByRole('button', { name: 'Unlock' }).click();
        const unlock = tab.getByRole('dialog', { name: `Unlock ${name}?` });
        await unlock.waitFor();
        await capture(tab, shot(`${width}-unlock-dialog`));
        await unlock.getByRole('button', { name: 'Unlock' }).click();
        await unlock.waitFor({ state: 'hidden' });
        await twoFactor.getByText('Locked out').waitFor({ state: 'detached' });
        await twoFactor.getByText('Enrolled').waitFor();
        await activity.getByText(`${admin.name} unlocked the second factor of ${name}`).waitFor();

        // remove the PIN alone
        const pinRow = twoFactor.getByText('PIN code (additional verification)');
        await pinRow.waitFor();
        await twoFactor
          .getByRole('listitem')
          .filter({ hasText: 'PIN code (additional verification)' })
          .getByRole('button', { name: 'Remove' })
          .click();
        const remove = tab.getByRole('dialog', { name: `Remove the PIN code of ${name}` });
        await remove.getByLabel('Reason').fill('The PIN was written on a sticky note');
        await capture(tab, shot(`${width}-remove-factor-dialog`));
        await remove.getByRole('button', { name: 'Remove factor' }).click();
        await remove.waitFor({ state: 'hidden' });
        await pinRow.waitFor({ state: 'detached' });
        await twoFactor.getByText('Authenticator app').waitFor();
        await activity
          .getByText(
            `${admin.name} removed the PIN code of ${name} — reason: “The PIN was written on a sticky note”`,
          )
          .waitFor();
        expect((await stack.mailbox.next(target.email)).subject).toBe(
          'A second factor of yours for Detail Co was removed',
        );

        // the removal signed them out; a new sign-in, then end every session
        await signInFrom(target.email, chromeOnWindows);
        await tab.reload();
        await sessions.getByText('Chrome on Windows (API token)').waitFor();
        await sessions.getByRole('button', { name: 'End all sessions' }).click();
        const end = tab.getByRole('dialog', { name: `End all sessions of ${name}?` });
        await end.getByText('Their open session ends at once', { exact: false }).waitFor();
        await end.getByRole('button', { name: 'End all sessions' }).click();
        await end.waitFor({ state: 'hidden' });
        await sessions.getByText('No open session.').waitFor();
        await capture(tab, shot(`${width}-done`));

        const { user } = await ownerApi.ok<{
          user: { twoFactorStatus: string; twoFactorMethods: string[]; sessions: unknown[] };
        }>(
          `query ($id: ID!) { user(id: $id) { twoFactorStatus twoFactorMethods sessions { id } } }`,
          {
            id: target.id,
          },
        );
        expect(user).toEqual({
          twoFactorStatus: 'ENROLLED',
          twoFactorMethods: ['AUTHENTICATOR_APP'],
          sessions: [],
        });
        expect(errors).toEqual([]);
        await context.close();
      }),
    240_000,
  );

  it('says so for an id that is not a user of the account, and shows the admin’s own page bare', () =>
    withServerLog(async () => {
      const context = await stack.browser.newContext({ viewport: { width: 1366, height: 900 } });
      const tab = await context.newPage();
      await signIn(tab);
      await tab.goto(`${baseUrl}/users/00000000-0000-4000-8000-000000000000`);
      await tab.getByRole('heading', { level: 1, name: 'User not found' }).waitFor();
      await capture(tab, shot('not-found'));

      const { viewer } = await (
        await signedIn(baseUrl, admin.email, password)
      ).ok<{ viewer: { id: string } }>('{ viewer { id } }');
      await tab.goto(`${baseUrl}/users/${viewer.id}`);
      await tab.getByText('This is you').waitFor();
      expect(await tab.getByRole('button', { name: 'Edit' }).count()).toBe(0);
      await capture(tab, shot('self'));
      await context.close();
    }));
});
