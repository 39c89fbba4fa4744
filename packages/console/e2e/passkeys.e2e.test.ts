import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@passkeys.test', password };
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
  let ownerApi: ApiClient;

  beforeAll(async () => {
    stack = await startConsoleStack({ name: 'passkeys', account: 'Passkey Co', owner });
    baseUrl = stack.baseUrl;
    ownerApi = await signedIn(baseUrl, owner.email, password);
    // a production build and a server start: on two cores shared with other work, past 2 minutes
  }, 300_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('lets the owner require 2FA of App reviewers with passkeys and 30 remembered days', () =>
    stack.withServerLog(async () => {
      const { tab, errors, close } = await stack.openTab(1366);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await tab.goto(`${baseUrl}/security`);
      const card = tab.getByRole('region', { name: 'App reviewers' });
      await card.getByText('Required', { exact: true }).click();
      await card.getByLabel('Passkey (fingerprint, face or security key)').check();
      await card.getByLabel('Remember a browser for (days)').fill('30');
      await capture(tab, shot('policy'));
      await card.getByRole('button', { name: 'Review and save' }).click();
      const review = tab.getByRole('dialog');
      await review.getByText('After a second factor, a browser may skip it for 30 days.').waitFor();
      await capture(tab, shot('policy-review'));
      await review.getByRole('button', { name: 'Save rule' }).click();
      await review.waitFor({ state: 'hidden' });
      const { securityPolicies } = await ownerApi.ok<{
        securityPolicies: {
          userType: string;
          enforcement: string;
          allowedMethods: string[];
          rememberDeviceDays: number;
        }[];
      }>('{ securityPolicies { userType enforcement allowedMethods rememberDeviceDays } }');
      expect(securityPolicies.find((p) => p.userType === 'APP_REVIEWER')).toEqual({
        userType: 'APP_REVIEWER',
        enforcement: 'REQUIRED',
        allowedMethods: expect.arrayContaining(['PASSKEY']) as unknown,
        rememberDeviceDays: 30,
      });
      expect(errors).toEqual([]);
      await close();
    }));

  it.each([
    [1366, 'Rita Reviewer'],
    [390, 'Rosa Reviewer'],
  ])(
    'at %i px: %s enrolls a passkey, signs in with it, is remembered, and enrolls again after a reset',
    (width, name) =>
      stack.withServerLog(async () => {
        const reviewer = {
          email: `${name.split(' ')[0]!.toLowerCase()}@passkeys.test`,
          password,
          name,
        };
        const phone = width < 768;
        const at = (page: string) => shot(`${page}-${width}`);

        // invited and accepted through the API: the invitation pages are not this journey's
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
        const reviewers = await stack.openTab(width);
        const tab = reviewers.tab;
        const authenticator = await addVirtualAuthenticator(tab);
        const signOut = async () => {
          if (phone) await tab.getByRole('button', { name: 'Toggle navigation' }).click();
          await tab.getByRole('button', { name: new RegExp(reviewer.name) }).click();
          await tab.getByRole('menuitem', { name: 'Sign out' }).click();
          await tab.getByLabel('Email').waitFor();
        };

        // first sign-in: enrollment offers a passkey, named after the browser
        await stack.signIn(tab, reviewer);
        await tab.waitForURL(`${baseUrl}/two-factor/setup`);
        await tab
          .getByRole('radiogroup', { name: 'Method' })
          .locator('label')
          .filter({ hasText: 'Passkey' })
          .click();
        const passkeyName = tab.getByLabel('Passkey name');
        await passkeyName.waitFor();
        expect(await passkeyName.inputValue()).toBe('Chrome on Linux');
        await capture(tab, at('enroll'));
        await passkeyName.fill('Work laptop');
        await tab.getByRole('button', { name: 'Create a passkey' }).click();
        await tab.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
        const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', {
          authenticatorId: authenticator.id,
        });
        expect(credentials).toHaveLength(1);
        await capture(tab, at('backup-codes'));
        await tab.getByLabel('I have saved them').check();
        await tab.getByRole('button', { name: 'Continue' }).click();
        await tab.waitForURL(`${baseUrl}/`);
        await signOut();

        // second sign-in: the passkey first, and "Remember this browser for 30 days"
        await stack.signIn(tab, reviewer);
        await tab.waitForURL(`${baseUrl}/two-factor/verify`);
        const passkeyTab = tab.getByRole('tab', { name: 'Use a passkey' });
        await passkeyTab.waitFor();
        expect(await passkeyTab.getAttribute('aria-selected')).toBe('true');
        await tab.getByRole('checkbox', { name: /^Remember this browser for 30 days/ }).check();
        await capture(tab, at('verify'));
        await tab.getByRole('button', { name: 'Use a passkey' }).click();
        await tab.waitForURL(`${baseUrl}/`);

        // the profile lists the passkey and this browser, remembered
        await tab.goto(`${baseUrl}/profile`);
        await tab.getByRole('region', { name: 'Passkeys' }).getByText('Work laptop').waitFor();
        await tab
          .getByRole('region', { name: 'Remembered browsers' })
          .getByText('This browser')
          .waitFor();
        await capture(tab, at('profile'));
        await signOut();

        // third sign-in: the remembered browser skips the second factor
        await stack.signIn(tab, reviewer);
        await tab.waitForURL(`${baseUrl}/`);
        await tab.getByRole('heading', { name: `Welcome, ${reviewer.name}` }).waitFor();
        await capture(tab, at('remembered-home'));

        // the owner sees the passkey by name in the table and on the reviewer's page, and resets
        const owners = await stack.openTab(width);
        const ownerTab = owners.tab;
        await stack.signIn(ownerTab, owner);
        await ownerTab.waitForURL(`${baseUrl}/`);
        await ownerTab.goto(`${baseUrl}/users`);
        await ownerTab.getByRole('link', { name }).waitFor();
        // the methods column names the passkey (a phone shows the users as cards)
        await ownerTab
          .getByText('Passkey (fingerprint, face or security key)')
          .filter({ visible: true })
          .first()
          .waitFor();
        await capture(ownerTab, at('users'));
        await ownerTab.getByRole('link', { name }).click();
        await ownerTab.waitForURL(`${baseUrl}/users/${createUser.id}`);
        const twoFactor = ownerTab.getByRole('region', { name: 'Two-factor authentication' });
        await twoFactor.getByText('Passkey “Work laptop”').waitFor();
        await ownerTab
          .getByRole('region', { name: 'Remembered browsers' })
          .getByText('Chrome on Linux')
          .waitFor();
        await capture(ownerTab, at('user-page'));
        await twoFactor.getByRole('button', { name: 'Reset all second factors' }).click();
        const reset = ownerTab.getByRole('dialog');
        await reset.getByLabel(/^Reason/).fill('New laptop');
        await capture(ownerTab, at('reset'));
        await reset.getByRole('button', { name: 'Reset authenticator' }).click();
        await reset.waitFor({ state: 'hidden' });
        await ownerTab
          .getByRole('region', { name: 'Remembered browsers' })
          .getByText('No browser skips their second factor.')
          .waitFor();

        // the reviewer's session ended; the next sign-in asks to enroll again, not remembered
        await stack.signIn(tab, reviewer);
        await tab.waitForURL(`${baseUrl}/two-factor/setup`);
        await tab.getByRole('radiogroup', { name: 'Method' }).waitFor();
        await tab
          .getByRole('img', { name: 'QR code to scan with your authenticator app' })
          .waitFor();
        await capture(tab, at('enroll-again'));

        expect([...owners.errors, ...reviewers.errors]).toEqual([]);
        await reviewers.close();
        await owners.close();
      }),
  );

  it('shows the compliance page once passkeys are in use', () =>
    stack.withServerLog(async () => {
      const { tab, errors, close } = await stack.openTab(1366);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await tab.goto(`${baseUrl}/compliance`);
      await tab.getByRole('heading', { level: 1 }).first().waitFor();
      await capture(tab, shot('compliance'));
      expect(errors).toEqual([]);
      await close();
    }));
});
