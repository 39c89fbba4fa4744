import path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { startSmsProvider, type TestSmsProvider } from '@twofold/testkit/sms-provider';
import { enroll, oathCode, stepOf, wrongCode } from '@twofold/testkit/two-factor';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@phones.test', password };
const reviewer = { email: 'rita@phones.test', password, name: 'Rita Reviewer' };
const shot = (name: string) => path.join(screenshotDir, `phones-${name}.png`);

/** Where each element's box is, for "one row" and "not cut" checks. */
async function boxesOf(locator: Locator) {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return {
        top: Math.round(box.top),
        bottom: Math.round(box.bottom),
        left: Math.round(box.left),
        right: Math.round(box.right),
        cut: element.scrollWidth > element.clientWidth + 1,
      };
    }),
  );
}

/**
 * An input's text size, and the height of the box a person taps: the input itself, or the
 * bordered field around it (a password input sits inside one, beside its eye button).
 */
async function inputSize(input: Locator) {
  const { fontSize, height } = await input.evaluate((element) => ({
    fontSize: getComputedStyle(element).fontSize,
    height: (element.closest('.mantine-Input-input') ?? element).getBoundingClientRect().height,
  }));
  return { fontSize, atLeast44: height >= 44 };
}

const phoneSize = { fontSize: '16px', atLeast44: true };

/** True when nothing makes the page scroll sideways. */
const fitsTheWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * docs/design.md, Who uses it: the console on a phone (390 px) and a laptop (1366 px) — users as
 * cards, inputs iOS does not zoom into, tabs on one row, and the words of issue 21.
 */
describe('the console on a phone', () => {
  let stack: ConsoleStack;
  let baseUrl: string;
  let sms: TestSmsProvider | undefined;
  let reviewerSecret = '';
  let reviewerStep = 0;

  beforeAll(async () => {
    sms = await startSmsProvider();
    stack = await startConsoleStack({
      name: 'phones',
      account: 'Phones',
      owner,
      env: sms.env(),
    });
    baseUrl = stack.baseUrl;

    // every method on offer: SMS to the UK, optional for administrators and reviewers
    const api = await signedIn(baseUrl, owner.email, owner.password);
    await api.ok('mutation { updateAllowedSmsCountries(countries: ["GB"]) { id } }');
    for (const userType of ['ADMINISTRATOR', 'APP_REVIEWER']) {
      await api.ok(
        `mutation { updateSecurityPolicy(input: { userType: ${userType}, enforcement: OPTIONAL,
          allowedMethods: [AUTHENTICATOR_APP, SMS, PIN], gracePeriodDays: 0 }) { enforcement } }`,
      );
    }
    const { createApp } = await api.ok<{ createApp: { id: string } }>(
      `mutation { createApp(input: { name: "Shop iOS", platform: IOS, bundleId: "com.phones.shop",
        previewUrl: "https://shop.phones.test/preview" }) { id } }`,
    );
    const create = (input: Record<string, unknown>) =>
      api.ok('mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
        input: { appIds: [], requireTwoFactor: false, sendInvitation: false, ...input },
      });
    await create({
      email: reviewer.email,
      displayName: reviewer.name,
      userType: 'APP_REVIEWER',
      appIds: [createApp.id],
      sendInvitation: true,
    });
    await create({ email: 'ada@phones.test', displayName: 'Ada Admin', userType: 'ADMINISTRATOR' });
    await create({
      email: 'maximilian.featherstonehaugh-smythe@subsidiary.phones.test',
      displayName: 'Maximilian Alexander Featherstonehaugh-Smythe',
      userType: 'APP_REPORT_VIEWER',
      requireTwoFactor: true,
    });

    // the reviewer accepts and sets up every method: four tabs at the second-factor step
    const invitation = await stack.mailedLink(reviewer.email, 'invitation');
    await new ApiClient(baseUrl).ok(
      'mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }',
      { token: invitation, password: reviewer.password },
    );
    const rita = await signedIn(baseUrl, reviewer.email, reviewer.password);
    const enrolled = await enroll(rita);
    reviewerSecret = enrolled.secret;
    reviewerStep = enrolled.step;
    await rita.ok(
      'mutation { beginSmsEnrollment(countryCode: "GB", phoneNumber: "07400 123456") }',
    );
    await rita.ok(
      'mutation ($code: String!) { confirmSmsEnrollment(code: $code) { backupCodes } }',
      {
        code: sms.last('+447400123456').code,
      },
    );
    await rita.ok('mutation { setPin(pin: "2580", pinConfirmation: "2580") { backupCodes } }');
  });

  afterAll(async () => {
    await stack?.close();
    await sms?.close();
  });

  const withServerLog = (steps: () => Promise<void>) => stack.withServerLog(steps);

  /** A fresh browser at `width`, with every console error and 404 it meets. */
  // a phone's screen; a refused sign-in answers 200, so any error printed is a fault
  const openTab = (width: number) => stack.openTab(width, 844);

  async function openPage(tab: Page, width: number, link: string, heading: string) {
    if (width < 768) await tab.getByRole('button', { name: 'Toggle navigation' }).click();
    await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await tab.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  it('lists users as cards at 390 px, named, with their actions at hand for a keyboard', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab(390);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await openPage(tab, 390, 'Users', 'Users');

      const list = tab.getByRole('list', { name: '4 users' });
      await list.waitFor();
      expect(await tab.getByRole('table').count()).toBe(0);
      expect(await list.getByRole('listitem').count()).toBe(4);
      const card = list.getByRole('listitem').filter({
        has: tab.getByRole('heading', { level: 2, name: reviewer.name }),
      });
      for (const text of [reviewer.email, 'App reviewer', 'Enrolled', 'Shop iOS', 'Apps']) {
        await card.getByText(text, { exact: true }).waitFor();
      }
      const ada = list.getByRole('listitem').filter({ hasText: 'Ada Admin' });
      await ada.getByText('All apps', { exact: true }).waitFor();
      await list
        .getByRole('listitem')
        .filter({ hasText: 'Maximilian' })
        .getByText('2FA required for this user')
        .waitFor();
      expect(await fitsTheWidth(tab)).toBe(true);
      await capture(tab, shot('users-cards-390'));

      // the card's actions by keyboard: from the telephone to the menu, opened and closed
      const reset = card.getByRole('button', { name: 'Reset authenticator' });
      const more = card.getByRole('button', { name: 'More actions' });
      const described = await more.getAttribute('aria-describedby');
      expect(await tab.locator(`[id="${described}"]`).innerText()).toBe(reviewer.name);
      await reset.focus();
      await tab.keyboard.press('Tab');
      expect(await more.evaluate((button) => button === document.activeElement)).toBe(true);
      await tab.keyboard.press('Enter');
      await tab.getByRole('menuitem', { name: 'Edit' }).waitFor();
      await capture(tab, shot('users-card-menu-390'));
      await tab.keyboard.press('Escape');
      await tab.getByRole('menuitem', { name: 'Edit' }).waitFor({ state: 'hidden' });

      // an input on a phone: 16 px text (no iOS zoom) and 44 px tall, selects as text boxes
      for (const input of [tab.getByLabel('Search'), tab.getByLabel('User type')]) {
        expect(await inputSize(input)).toEqual(phoneSize);
      }
      expect(errors).toEqual([]);
      await close();
    }));

  it('keeps the table at 1366 px, administrators on all apps', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab(1366);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await openPage(tab, 1366, 'Users', 'Users');
      const ada = tab.getByRole('row', { name: /Ada Admin/ });
      await ada.getByText('All apps', { exact: true }).waitFor();
      expect(await tab.getByRole('list', { name: '4 users' }).count()).toBe(0);
      await capture(tab, shot('users-table-1366'));
      expect(errors).toEqual([]);
      await close();
    }));

  it.each([390, 1366])('at %i px a wrong password puts the focus on why', (width) =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab(width);
      await stack.signIn(tab, { email: owner.email, password: 'not the password at all' });
      const alert = tab.getByRole('alert').filter({ hasText: 'Wrong email or password.' });
      await alert.waitFor();
      await tab.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert');
      expect(await alert.evaluate((element) => element === document.activeElement)).toBe(true);
      // no line about the API under the form
      expect(await tab.getByText(/API/).count()).toBe(0);
      if (width === 390) {
        for (const input of [
          tab.getByLabel('Email'),
          tab.getByLabel('Password', { exact: true }),
        ]) {
          expect(await inputSize(input)).toEqual(phoneSize);
        }
      }
      await capture(tab, shot(`wrong-password-${width}`));
      // the refused sign-in is a 401-free answer: nothing printed
      expect(errors).toEqual([]);
      await close();
    }),
  );

  it.each([390, 1366])(
    'at %i px the second-factor tabs stay on one row, and a wrong code says the tries left',
    (width) =>
      withServerLog(async () => {
        const { tab, errors, close } = await openTab(width);
        await stack.signIn(tab, reviewer);
        await tab.waitForURL(`${baseUrl}/two-factor/verify`);
        const tabs = tab.getByRole('tab');
        await tab.getByRole('tab', { name: 'Use a backup code' }).waitFor();
        // named in full whatever shows
        expect(await tabs.evaluateAll((all) => all.map((t) => t.textContent))).toEqual([
          expect.stringContaining('Authenticator app'),
          expect.stringContaining('Text message'),
          expect.stringContaining('PIN code'),
          expect.stringContaining('Use a backup code'),
        ]);
        const boxes = await boxesOf(tabs);
        expect(new Set(boxes.map((box) => box.top)).size).toBe(1);
        expect(Math.max(...boxes.map((box) => box.right))).toBeLessThanOrEqual(width);
        expect(boxes.filter((box) => box.cut)).toEqual([]);

        const code = tab.getByRole('textbox', { name: 'Code' });
        if (width === 390) expect(await inputSize(code)).toEqual(phoneSize);

        // a wrong code: how many tries are left before the lockout
        await code.fill(wrongCode(reviewerSecret, stepOf(Date.now())));
        await tab.getByRole('button', { name: 'Verify' }).click();
        await tab
          .getByRole('alert')
          .filter({ hasText: 'You have 4 tries left before a lockout.' })
          .waitFor();
        await capture(tab, shot(`verify-tabs-${width}`));

        // and the right one signs in (the count starts over)
        while (stepOf(Date.now()) <= reviewerStep) await new Promise((r) => setTimeout(r, 500));
        reviewerStep = stepOf(Date.now());
        await code.fill(oathCode(reviewerSecret, reviewerStep));
        await tab.getByRole('button', { name: 'Verify' }).click();
        await tab.waitForURL(`${baseUrl}/`);
        expect(errors).toEqual([]);
        await close();
      }),
  );

  it.each([390, 1366])(
    'at %i px the profile names one method per add link, opening the setup on it, one row of methods',
    (width) =>
      withServerLog(async () => {
        const { tab, errors, close } = await openTab(width);
        await stack.signIn(tab, owner);
        await tab.waitForURL(`${baseUrl}/`);
        await tab.goto(`${baseUrl}/profile`);
        await tab.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
        const add = tab.getByRole('list', { name: 'Add a method' });
        expect(await add.getByRole('link').allInnerTexts()).toEqual([
          'Authenticator app',
          'Text message (SMS)',
          'PIN code (additional verification)',
        ]);
        const links = await boxesOf(add.getByRole('listitem'));
        expect(new Set(links.map((box) => box.top)).size).toBe(3);

        // the current session's badge is whole
        const badge = tab.getByText('This session', { exact: true });
        await badge.waitFor();
        const [whole] = await boxesOf(badge);
        expect(whole?.cut).toBe(false);
        expect(whole?.right).toBeLessThanOrEqual(width);
        expect(await fitsTheWidth(tab)).toBe(true);
        await capture(tab, shot(`profile-${width}`));

        await add.getByRole('link', { name: 'Text message (SMS)' }).click();
        await tab.waitForURL(`${baseUrl}/two-factor/setup?method=SMS`);
        const methods = tab.getByRole('radiogroup', { name: 'Method' });
        await methods.waitFor();
        expect(await tab.getByRole('radio', { name: 'Text message (SMS)' }).isChecked()).toBe(true);
        const labels = await boxesOf(methods.locator('label'));
        expect(labels).toHaveLength(3);
        expect(new Set(labels.map((box) => box.top)).size).toBe(1);
        expect(labels.filter((box) => box.cut)).toEqual([]);
        expect(Math.max(...labels.map((box) => box.right))).toBeLessThanOrEqual(width);
        expect(await fitsTheWidth(tab)).toBe(true);
        await capture(tab, shot(`setup-methods-${width}`));
        expect(errors).toEqual([]);
        await close();
      }),
  );

  it('opening the API page leaves the console’s typeface as it was', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab(1366);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await openPage(tab, 1366, 'Users', 'Users');
      /** How wide the heading's own font draws a sample: another typeface draws it otherwise. */
      const typeface = () =>
        tab.getByRole('heading', { level: 1 }).evaluate(async (heading) => {
          await document.fonts.ready;
          const style = getComputedStyle(heading);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          return {
            family: style.fontFamily,
            width: context.measureText('Sphinx of black quartz, judge my vow 0123456789').width,
          };
        });
      const before = await typeface();

      await openPage(tab, 1366, 'API', 'API explorer');
      await tab.locator('.graphiql-container').waitFor();
      await capture(tab, shot('api-1366'), ['.graphiql-container']);
      expect(await typeface()).toEqual(before);
      // GraphiQL's fonts exist under names of their own only
      const families = await tab.evaluate(async () => {
        await document.fonts.ready;
        return [...new Set([...document.fonts].map((face) => face.family.replace(/"/g, '')))];
      });
      expect(families).not.toContain('Roboto');
      expect(families).toContain('GraphiQL Roboto');

      await openPage(tab, 1366, 'Users', 'Users');
      expect(await typeface()).toEqual(before);
      expect(errors).toEqual([]);
      await close();
    }));

  it('at 390 px signing out says "You are signed out"', () =>
    withServerLog(async () => {
      const { tab, errors, close } = await openTab(390);
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      await openPage(tab, 390, 'Users', 'Users');
      await tab
        .getByRole('banner')
        .getByRole('button', { name: /Administrator/ })
        .click();
      await tab.getByRole('menuitem', { name: 'Sign out' }).click();
      await tab.waitForURL(`${baseUrl}/sign-in`);
      await tab.getByRole('status').filter({ hasText: 'You are signed out' }).waitFor();
      await capture(tab, shot('signed-out-390'));
      // the next person starts at home, not on the users page
      await stack.signIn(tab, owner);
      await tab.waitForURL(`${baseUrl}/`);
      expect(errors).toEqual([]);
      await close();
    }));
});
