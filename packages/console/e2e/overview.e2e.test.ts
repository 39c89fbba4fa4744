import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { enroll, stepOf, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@overview.test', password };
const reviewer = { email: 'rita@overview.test', password, name: 'Rita Reviewer' };
const shot = (name: string) => path.join(screenshotDir, `overview-${name}.png`);

/** docs/design.md, The overview: the home page of an owner and of a reviewer, in a real browser. */
describe('the overview in a real browser', () => {
  let stack: ConsoleStack;
  let baseUrl: string;
  let ownerApi: ApiClient;
  let fieldNotes = '';

  /** Creates a profile; with a password, its invitation is accepted and it signs in once. */
  async function person(
    name: string,
    userType: string,
    options: { accept?: boolean; apps?: string[] } = {},
  ): Promise<{ id: string; email: string; api?: ApiClient }> {
    const email = `${name.split(' ')[0]!.toLowerCase()}@overview.test`;
    const { createUser } = await ownerApi.ok<{ createUser: { id: string } }>(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          email,
          displayName: name,
          userType,
          appIds: options.apps ?? [],
          requireTwoFactor: false,
          sendInvitation: true,
        },
      },
    );
    if (options.accept === false) return { id: createUser.id, email };
    const token = await stack.mailedLink(email, 'invitation');
    await new ApiClient(baseUrl).ok(
      `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }`,
      { token, password },
    );
    return { id: createUser.id, email, api: await signedIn(baseUrl, email, password) };
  }

  beforeAll(async () => {
    stack = await startConsoleStack({
      name: 'overview',
      account: 'Overview Co',
      owner,
    });
    baseUrl = stack.baseUrl;

    // an account with a few users in different states: two app administrators in a grace
    // period, a reviewer with an authenticator, one locked out, one where 2FA is optional and
    // off, a report viewer who signs in, an invitation not yet accepted and a suspended user
    ownerApi = await signedIn(baseUrl, owner.email, owner.password);
    const { createApp } = await ownerApi.ok<{ createApp: { id: string } }>(
      `mutation ($input: CreateAppInput!) { createApp(input: $input) { id } }`,
      {
        input: {
          name: 'Field Notes',
          platform: 'IOS',
          bundleId: 'com.overview.fieldnotes',
          previewUrl: 'https://preview.overview.test/field-notes',
        },
      },
    );
    fieldNotes = createApp.id;
    await ownerApi.ok(
      `mutation ($input: SecurityPolicyInput!) { updateSecurityPolicy(input: $input) { userType } }`,
      {
        input: {
          userType: 'APP_ADMINISTRATOR',
          enforcement: 'REQUIRED',
          allowedMethods: ['AUTHENTICATOR_APP'],
          gracePeriodDays: 7,
        },
      },
    );
    await person('Gina Grace', 'APP_ADMINISTRATOR', { apps: [fieldNotes] });
    await person('Hugo Grace', 'APP_ADMINISTRATOR');
    await person(reviewer.name, 'APP_REVIEWER', { apps: [fieldNotes] });
    const eve = await person('Eve Enrolled', 'APP_REVIEWER', { apps: [fieldNotes] });
    await enroll(eve.api!);
    const lou = await person('Lou Locked', 'APP_REVIEWER');
    const { secret } = await enroll(lou.api!);
    // five wrong codes at the next sign-in lock the second factor
    const louAgain = await signedIn(baseUrl, lou.email, password);
    for (let i = 0; i < 5; i += 1) {
      await louAgain.request(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: wrongCode(secret, stepOf(Date.now())),
      });
    }
    await person('Vera Viewer', 'APP_REPORT_VIEWER', { apps: [fieldNotes] });
    await person('Ivy Invited', 'APP_REPORT_VIEWER', { accept: false });
    const sam = await person('Sam Suspended', 'APP_REPORT_VIEWER');
    await ownerApi.ok(
      `mutation ($id: ID!) { updateUser(id: $id, input: { status: SUSPENDED }) { id } }`,
      { id: sam.id },
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  const withServerLog = (steps: () => Promise<void>) => stack.withServerLog(steps);

  /** A fresh browser context at `width` px, recording console errors and 404s. */
  const openTab = (width: number) => stack.openTab(width);

  async function signIn(tab: Page, who: { email: string; password: string }) {
    await stack.signIn(tab, who);
    await tab.waitForURL(`${baseUrl}/`);
  }

  /** The main navigation; on a phone it opens from the header first. */
  async function goTo(tab: Page, width: number, page: string) {
    if (width < 768) await tab.getByRole('button', { name: 'Toggle navigation' }).click();
    await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: page }).click();
  }

  it.each([1366, 390])(
    'at %i px: the owner reads the dashboard, follows its links, and opens Compliance and a report',
    (width) =>
      withServerLog(async () => {
        const { tab, errors, close } = await openTab(width);
        await signIn(tab, owner);

        await tab.getByRole('heading', { name: 'Two-factor coverage' }).waitFor();
        const admins = tab.getByRole('region', { name: 'App administrators' });
        // two in a grace period, of two: none with a second factor yet
        await admins.getByText('0%', { exact: true }).waitFor();
        await admins.getByRole('link', { name: '2 App administrators: Grace period' }).waitFor();
        const reviewers = tab.getByRole('region', { name: 'App reviewers' });
        // Eve of Eve, Lou and Rita; Lou is locked
        await reviewers.getByText('33%', { exact: true }).waitFor();
        await reviewers.getByRole('link', { name: '1 of 3' }).waitFor();
        await reviewers.getByRole('link', { name: '1 App reviewers: Locked' }).waitFor();
        const grace = tab.getByRole('region', { name: 'In a grace period' });
        await grace.getByText('Gina Grace').waitFor();
        await grace.getByText('Hugo Grace').waitFor();
        await tab
          .getByRole('region', { name: 'Locked' })
          .getByText('Lou Locked', { exact: true })
          .waitFor();
        await tab
          .getByRole('region', { name: 'Pending invitations' })
          .getByText('Ivy Invited')
          .waitFor();
        await tab
          .getByRole('region', { name: 'Pending invitations' })
          .getByText('Invitation expires in 3 days')
          .waitFor();
        const events = tab.getByRole('region', { name: 'Recent security events' });
        await events.getByRole('link', { name: /suspended Sam Suspended$/ }).waitFor();
        // the owner's own 2FA is optional and off: the nudge shows above the dashboard
        await tab.getByRole('link', { name: 'Set up two-factor authentication' }).waitFor();
        await capture(tab, shot(`dashboard-${width}`));

        // a figure leads to the users table, filtered the same way
        await grace.getByRole('link', { name: 'See all 2 users in a grace period' }).click();
        await tab.waitForURL(`${baseUrl}/users?status=GRACE`);
        await tab.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
        expect(await tab.getByLabel('2FA status').inputValue()).toBe('GRACE');
        await tab.getByText('Hugo Grace').first().waitFor();
        expect(await tab.getByText('Eve Enrolled').count()).toBe(0);
        await capture(tab, shot(`users-grace-${width}`));

        await goTo(tab, width, 'Overview');
        await tab.getByRole('link', { name: 'See all 1 pending invitation' }).click();
        await tab.waitForURL(`${baseUrl}/users?userStatus=INVITED`);
        await tab.getByText('Ivy Invited').first().waitFor();
        expect(await tab.getByText('Gina Grace').count()).toBe(0);

        await goTo(tab, width, 'Compliance');
        await tab.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor();
        await tab.getByRole('link', { name: '2 App administrators: Grace period' }).waitFor();
        await tab.locator('.recharts-surface').first().waitFor();
        await capture(tab, shot(`compliance-${width}`));

        await goTo(tab, width, 'Apps');
        await tab.getByRole('link', { name: 'Field Notes' }).click();
        await tab.getByRole('heading', { name: 'Sign-ins by assigned users per day' }).waitFor();
        await tab.locator('.recharts-surface').first().waitFor();
        const danger = tab.getByRole('region', { name: 'Danger zone' });
        await danger.getByRole('button', { name: 'Remove app' }).waitFor();
        await capture(tab, shot(`app-report-${width}`));
        expect(errors).toEqual([]);
        await close();
      }),
  );

  it.each([1366, 390])(
    'at %i px: a reviewer whose 2FA is optional and off is asked to set it up',
    (width) =>
      withServerLog(async () => {
        const { tab, errors, close } = await openTab(width);
        await signIn(tab, reviewer);

        const nudge = tab.getByRole('region', {
          name: 'Protect your sign-in with two-factor authentication',
        });
        await nudge.waitFor();
        await tab
          .getByRole('region', { name: 'Your apps' })
          .getByRole('link', { name: 'Field Notes' })
          .waitFor();
        await tab
          .getByRole('region', { name: 'Your two-factor authentication' })
          .getByText('Optional, off')
          .waitFor();
        expect(await tab.getByRole('heading', { name: 'Two-factor coverage' }).count()).toBe(0);
        await capture(tab, shot(`reviewer-nudge-${width}`));

        await nudge.getByRole('link', { name: 'Set up two-factor authentication' }).click();
        await tab.waitForURL(`${baseUrl}/two-factor/setup`);
        await tab.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
        expect(errors).toEqual([]);
        await close();
      }),
  );
});
