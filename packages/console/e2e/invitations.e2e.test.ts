import path from 'node:path';
import type { Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@invite.test', password };
const admin = { email: 'ada@invite.test', password, name: 'Ada Admin' };
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;

/** docs/design.md, Invitations: an administrator sends, resends and revokes invitations. */
describe('managing invitations in a real browser', () => {
  let stack: ConsoleStack;
  let baseUrl: string;
  let ownerApi: ApiClient;

  const withServerLog = (steps: () => Promise<void>) => stack.withServerLog(steps);

  async function mailedLink(to: string): Promise<string> {
    return stack.mailedLink(to, 'invitation');
  }

  /** A profile created through the API, as another administrator would have. */
  async function created(email: string, displayName: string, sendInvitation: boolean) {
    await ownerApi.ok(CREATE_USER, {
      input: { email, displayName, userType: 'APP_REVIEWER', appIds: [], sendInvitation },
    });
    return sendInvitation ? mailedLink(email) : null;
  }

  beforeAll(async () => {
    stack = await startConsoleStack({
      name: 'invitations',
      account: 'Invite Co',
      owner,
    });
    baseUrl = stack.baseUrl;
    ownerApi = await signedIn(baseUrl, owner.email, password);
    await ownerApi.ok(CREATE_USER, {
      input: {
        email: admin.email,
        displayName: admin.name,
        userType: 'ADMINISTRATOR',
        appIds: [],
        sendInvitation: true,
      },
    });
    await new ApiClient(baseUrl).ok(ACCEPT, { token: await mailedLink(admin.email), password });
  });

  afterAll(async () => {
    await stack?.close();
  });

  const openTab = (width: number) => stack.openTab(width);

  /** A user's row, or on a phone the user's card (a list item headed by the name). */
  const rowOf = (tab: Page, name: string) =>
    tab
      .getByRole('row', { name: new RegExp(name) })
      .or(
        tab
          .getByRole('listitem')
          .filter({ has: tab.getByRole('heading', { name: new RegExp(name) }) }),
      );

  /** Opens a row's "More actions" menu and picks `action`. */
  async function rowAction(tab: Page, name: string, action: string) {
    await rowOf(tab, name).getByRole('button', { name: 'More actions' }).click();
    await tab.getByRole('menuitem', { name: action }).click();
  }

  /** Opens an invitation link in a fresh browser and submits `password`; answers what it says. */
  async function acceptInBrowser(width: number, token: string, shotName: string) {
    const invitee = await openTab(width);
    await invitee.tab.goto(`${baseUrl}/invitation/${token}`);
    await invitee.tab.getByLabel('Password', { exact: true }).fill(password);
    await invitee.tab.getByRole('button', { name: 'Accept invitation' }).click();
    const outcome = await Promise.race([
      invitee.tab
        .getByText('Your profile is ready.')
        .waitFor()
        .then(() => 'accepted' as const),
      invitee.tab
        .getByText('This link no longer works')
        .waitFor()
        .then(() => 'dead' as const),
    ]);
    await capture(invitee.tab, path.join(screenshotDir, `invitations-${width}-${shotName}.png`));
    // a dead link's refusal is the answer under test, not a console fault
    const errors = invitee.errors.filter((e) => !(outcome === 'dead' && e.includes('400')));
    await invitee.close();
    return { outcome, errors };
  }

  it.each([1366, 390])(
    'at %i px: invites, resends (the old link fails, the new one works), revokes, and sends a first invitation',
    (width) =>
      withServerLog(async () => {
        const shot = (name: string) => path.join(screenshotDir, `invitations-${width}-${name}.png`);
        const people = {
          invited: { email: `ivy-${width}@invite.test`, name: `Ivy Invited ${width}` },
          revoked: { email: `rosa-${width}@invite.test`, name: `Rosa Revoked ${width}` },
          never: { email: `nora-${width}@invite.test`, name: `Nora Never ${width}` },
        };
        const revokedLink = await created(people.revoked.email, people.revoked.name, true);
        await created(people.never.email, people.never.name, false);

        const { tab, errors, close } = await openTab(width);
        await tab.goto(`${baseUrl}/sign-in`);
        await tab.getByLabel('Email').fill(admin.email);
        await tab.getByLabel('Password', { exact: true }).fill(password);
        await tab.getByRole('button', { name: 'Sign in' }).click();
        await tab.waitForURL(`${baseUrl}/`);
        await tab.goto(`${baseUrl}/users`);
        await tab.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

        // (a) invite through the dialog: the row says when the link expires
        await tab.getByRole('button', { name: 'Invite user' }).click();
        const invite = tab.getByRole('dialog', { name: 'Invite user' });
        await invite.getByLabel('Email').fill(people.invited.email);
        await invite.getByLabel('Display name').fill(people.invited.name);
        await invite.getByLabel('User type').selectOption({ label: 'App reviewer' });
        await invite.getByRole('button', { name: 'Send invitation' }).click();
        await invite.waitFor({ state: 'hidden' });
        await rowOf(tab, people.invited.name).getByText('Invitation expires in 3 days').waitFor();
        await rowOf(tab, people.never.name).getByText('Not invited yet').waitFor();
        const firstLink = await mailedLink(people.invited.email);
        await capture(tab, shot('table'));

        // (b) resend: a confirmation that says the old link stops working, then a notice
        await rowAction(tab, people.invited.name, 'Resend invitation');
        const resend = tab.getByRole('dialog', {
          name: `Resend the invitation to ${people.invited.name}?`,
        });
        await resend.getByText('The link sent before stops working at once.').waitFor();
        await capture(tab, shot('resend-dialog'));
        await resend.getByRole('button', { name: 'Resend invitation' }).click();
        await resend.waitFor({ state: 'hidden' });
        await tab.getByText('Invitation sent again').waitFor();
        await capture(tab, shot('resent'));
        const secondLink = await mailedLink(people.invited.email);
        expect(secondLink).not.toBe(firstLink);

        const old = await acceptInBrowser(width, firstLink, 'old-link');
        expect(old).toEqual({ outcome: 'dead', errors: [] });
        const fresh = await acceptInBrowser(width, secondLink, 'new-link');
        expect(fresh).toEqual({ outcome: 'accepted', errors: [] });

        // (c) revoke another: the confirmation says what happens; the row says it was revoked
        await rowAction(tab, people.revoked.name, 'Revoke invitation');
        const revoke = tab.getByRole('dialog', {
          name: `Revoke the invitation of ${people.revoked.name}?`,
        });
        await revoke.getByText('They are not emailed about it.').waitFor();
        await capture(tab, shot('revoke-dialog'));
        await revoke.getByRole('button', { name: 'Revoke invitation' }).click();
        await revoke.waitFor({ state: 'hidden' });
        await tab.getByText('Invitation revoked', { exact: true }).first().waitFor();
        await rowOf(tab, people.revoked.name).getByText('Invitation revoked').waitFor();
        const revokedAttempt = await new ApiClient(baseUrl).request(ACCEPT, {
          token: revokedLink,
          password,
        });
        expect(revokedAttempt.errors?.[0]?.extensions?.reason).toBe('INVALID_LINK');

        // (d) a user created without an invitation is sent their first one, and can join
        await rowAction(tab, people.never.name, 'Send invitation');
        const send = tab.getByRole('dialog', { name: `Invite ${people.never.name}?` });
        await send.getByRole('button', { name: 'Send invitation' }).click();
        await send.waitFor({ state: 'hidden' });
        await rowOf(tab, people.never.name).getByText('Invitation expires in 3 days').waitFor();
        await tab.reload();
        await rowOf(tab, people.invited.name).getByText('Active').waitFor();
        await rowOf(tab, people.revoked.name).getByText('Invitation revoked').waitFor();
        await capture(tab, shot('after'));
        const neverLink = await mailedLink(people.never.email);
        expect(
          await new ApiClient(baseUrl).ok(ACCEPT, {
            token: neverLink,
            password: 'nora password 1',
          }),
        ).toEqual({ acceptInvitation: true });

        // (e) the audit log says what was done, in words
        await tab.goto(`${baseUrl}/audit`);
        await tab
          .getByText(`${admin.name} revoked the invitation of ${people.revoked.name}`)
          .waitFor();
        await tab.getByText(`${admin.name} sent ${people.invited.name} a new invitation`).waitFor();
        await tab.getByText(`${admin.name} sent ${people.never.name} an invitation`).waitFor();
        await capture(tab, shot('audit'));

        expect(errors).toEqual([]);
        await close();
      }),
  );
});
