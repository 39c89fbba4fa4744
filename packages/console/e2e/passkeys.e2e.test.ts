import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@passkeys.test', password };
const reviewer = { email: 'rita@passkeys.test', password, name: 'Rita Reviewer' };
const shot = (name: string) => path.join(screenshotDir, `passkeys-${name}.png`);

/**
 * A platform authenticator in the tab (Chromium's DevTools WebAuthn domain): it verifies the user
 * and answers every prompt at once, as a fingerprint reader would.
 */
async function addVirtualAuthenticator(tab: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/**
 * docs/design.md, Passkeys and Remembered browsers, in a real browser: an owner lets App reviewers
 * use passkeys and remember a browser for 30 days; a reviewer registers a passkey at enrollment,
 * signs in with it and ticks "Remember this browser", then signs in without a second factor;
 * an administrator's reset forgets it all, and the next sign-in enrolls again.
 */
describe('passkeys and remembered browsers in Chromium', () => {
  let stack: ConsoleStack;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startConsoleStack({ name: 'passkeys', account: 'Passkey Co', owner });
    baseUrl = stack.baseUrl;
    // a production build and a server start: on two cores shared with other work, past 2 minutes
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('enrolls a passkey, signs in with it, remembers the browser, and enrolls again after a reset', () =>
    stack.withServerLog(async () => {
      const owners = await stack.openTab(1366);
      const ownerTab = owners.tab;

      // the owner: App reviewers must use 2FA, passkeys allowed, a browser remembered 30 days
      await stack.signIn(ownerTab, owner);
      await ownerTab.waitForURL(`${baseUrl}/`);
      await ownerTab.goto(`${baseUrl}/security`);
      const card = ownerTab.getByRole('region', { name: 'App reviewers' });
      await card.getByText('Required', { exact: true }).click();
      await card.getByLabel('Passkey (fingerprint, face or security key)').check();
      await card.getByLabel('Remember a browser for (days)').fill('30');
      await capture(ownerTab, shot('policy'));
      await card.getByRole('button', { name: 'Review and save' }).click();
      const review = ownerTab.getByRole('dialog');
      await review.getByText('After a second factor, a browser may skip it for 30 days.').waitFor();
      await capture(ownerTab, shot('policy-review'));
      await review.getByRole('button', { name: 'Save rule' }).click();
      await review.waitFor({ state: 'hidden' });

      // the reviewer is invited and accepts (through the API: the invitation pages are not
      // what this journey is about)
      const ownerApi = await signedIn(baseUrl, owner.email, password);
      const { createUser } = await ownerApi.ok<{ createUser: { id: string } }>(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
        {
          input: {
            email: reviewer.email,
            displayName: reviewer.name,
            userType: 'APP_REVIEWER',
            appIds: [],
            requireTwoFactor: false,
            sendInvitation: true,
          },
        },
      );
      const token = await stack.mailedLink(reviewer.email, 'invitation');
      await new ApiClient(baseUrl).ok(
        `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }`,
        { token, password },
      );

      // the reviewer's browser, with a fingerprint reader
      const reviewers = await stack.openTab(1366);
      const tab = reviewers.tab;
      const authenticator = await addVirtualAuthenticator(tab);

      // first sign-in: enrollment offers the passkey first, named after the browser
      await stack.signIn(tab, reviewer);
      await tab.waitForURL(`${baseUrl}/two-factor/setup`);
      const name = tab.getByLabel('Passkey name');
      await name.waitFor();
      expect(await name.inputValue()).toBe('Chrome on Linux');
      await capture(tab, shot('enroll'));
      await name.fill('Work laptop');
      await tab.getByRole('button', { name: 'Create a passkey' }).click();
      await tab.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
      const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
        authenticatorId: authenticator.id,
      });
      expect(credentials).toHaveLength(1);
      await capture(tab, shot('backup-codes'));
      await tab.getByLabel('I have saved them').check();
      await tab.getByRole('button', { name: 'Continue' }).click();
      await tab.waitForURL(`${baseUrl}/`);

      const signOut = async () => {
        await tab.getByRole('button', { name: new RegExp(reviewer.name) }).click();
        await tab.getByRole('menuitem', { name: 'Sign out' }).click();
        await tab.getByLabel('Email').waitFor();
      };
      await signOut();

      // second sign-in: the passkey first, and "Remember this browser for 30 days"
      await stack.signIn(tab, reviewer);
      await tab.waitForURL(`${baseUrl}/two-factor/verify`);
      const passkeyTab = tab.getByRole('tab', { name: 'Use a passkey' });
      await passkeyTab.waitFor();
      expect(await passkeyTab.getAttribute('aria-selected')).toBe('true');
      await tab.getByRole('checkbox', { name: /^Remember this browser for 30 days/ }).check();
      await capture(tab, shot('verify'));
      await tab.getByRole('button', { name: 'Use a passkey' }).click();
      await tab.waitForURL(`${baseUrl}/`);

      // the profile lists the passkey and this browser, remembered
      await tab.goto(`${baseUrl}/profile`);
      const passkeys = tab.getByRole('region', { name: 'Passkeys' });
      await passkeys.getByText('Work laptop').waitFor();
      const browsers = tab.getByRole('region', { name: 'Remembered browsers' });
      await browsers.getByText('This browser').waitFor();
      await capture(tab, shot('profile'));
      await signOut();

      // third sign-in: the remembered browser skips the second factor
      await stack.signIn(tab, reviewer);
      await tab.waitForURL(`${baseUrl}/`);
      await tab.getByRole('navigation', { name: 'Main' }).waitFor();
      await capture(tab, shot('remembered-home'));

      // the owner resets the reviewer's 2FA from the reviewer's page
      await ownerTab.goto(`${baseUrl}/users/${createUser.id}`);
      const twoFactor = ownerTab.getByRole('region', { name: 'Two-factor authentication' });
      await twoFactor.getByText('Passkey “Work laptop”').waitFor();
      await ownerTab
        .getByRole('region', { name: 'Remembered browsers' })
        .getByText('Chrome on Linux')
        .waitFor();
      await capture(ownerTab, shot('user-page'));
      await twoFactor.getByRole('button', { name: 'Reset all second factors' }).click();
      const reset = ownerTab.getByRole('dialog');
      await reset.getByLabel(/^Reason/).fill('New laptop');
      await capture(ownerTab, shot('reset'));
      await reset.getByRole('button', { name: 'Reset authenticator' }).click();
      await reset.waitFor({ state: 'hidden' });
      await ownerTab
        .getByRole('region', { name: 'Remembered browsers' })
        .getByText('No browser skips their second factor.')
        .waitFor();

      // the reviewer's session ended; the next sign-in asks to enroll again, not remembered
      await tab.goto(`${baseUrl}/sign-in`);
      await stack.signIn(tab, reviewer);
      await tab.waitForURL(`${baseUrl}/two-factor/setup`);
      await tab.getByLabel('Passkey name').waitFor();
      await capture(tab, shot('enroll-again'));

      expect([...owners.errors, ...reviewers.errors]).toEqual([]);
      await reviewers.close();
      await owners.close();
    }));
});
