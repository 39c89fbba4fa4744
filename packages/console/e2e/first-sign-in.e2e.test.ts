import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { oathCode, stepOf } from '@twofold/testkit/two-factor';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@first.test', password };
const shot = (name: string) => path.join(screenshotDir, `first-sign-in-${name}.png`);

/**
 * docs/design.md, Second-factor rules (First sign-in) and Sign-in stages: an invitee whose 2FA is
 * required is not "Overdue" before they could sign in, their first screen shows no past deadline,
 * and leaving the backup codes early warns once and lands in the full console.
 */
describe('an invitee’s first sign-in, with 2FA required of them', () => {
  let stack: ConsoleStack;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startConsoleStack({ name: 'first', account: 'First Co', owner });
    baseUrl = stack.baseUrl;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it.each([1366, 390])(
    'at %i px: invited, shown as setting up at first sign-in, enrolls, leaves the codes early',
    (width) =>
      stack.withServerLog(async () => {
        const invitee = { email: `rita-${width}@first.test`, password, name: `Rita ${width}` };
        const { tab: ownerTab, errors, close } = await stack.openTab(width);

        // the owner invites with "Enable two-factor authentication for this user"
        await stack.signIn(ownerTab, owner);
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
        const invitees = await stack.openTab(width);
        const { tab } = invitees;
        await tab.goto(
          `${baseUrl}/invitation/${await stack.mailedLink(invitee.email, 'invitation')}`,
        );
        await tab.getByLabel('Password', { exact: true }).fill(invitee.password);
        await tab.getByRole('button', { name: 'Accept invitation' }).click();
        await tab.getByText('Your profile is ready.').waitFor();
        await stack.signIn(tab, invitee);
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

        // no console error and no 404 in either browser
        expect([...errors, ...invitees.errors]).toEqual([]);
        await invitees.close();
        await close();
      }),
  );
});
