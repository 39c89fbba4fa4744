import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Download, type Page } from 'playwright-core';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { capture, type ConsoleStack, screenshotDir, startConsoleStack } from './harness';

const password = 'correct horse battery staple';
const owner = { email: 'owner@export.test', password };
const admin = { email: 'ada@export.test', password, name: 'Ada Admin' };
const reviewers = ['Rex Reviewer', 'Rosa Reviewer', 'Ravi Reviewer'];
const shot = (name: string) => path.join(screenshotDir, `export-audit-${name}.png`);

/** The cells of a downloaded CSV file (RFC 4180; no cell of these files holds a line break). */
function csvRows(file: string): string[][] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
        (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'),
      ),
    );
}

/** YYYY-MM-DD of a day in the browser's (and this machine's) time zone. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** docs/design.md, Exports: an administrator downloads the users table and the audit log. */
describe('exporting users and the audit log in a real browser', () => {
  let stack: ConsoleStack;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startConsoleStack({
      name: 'export-audit',
      account: 'Export Co',
      owner,
    });
    baseUrl = stack.baseUrl;

    // an administrator who accepted the invitation, three reviewers, an app, and changes to
    // read in the log: a renamed reviewer, an app's settings, a reviewer's apps
    const api = await signedIn(baseUrl, owner.email, password);
    const create = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    await api.ok(create, {
      input: {
        email: admin.email,
        displayName: admin.name,
        userType: 'ADMINISTRATOR',
        appIds: [],
        requireTwoFactor: false,
        sendInvitation: true,
      },
    });
    await new ApiClient(baseUrl).ok(
      `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) }`,
      { token: await stack.mailedLink(admin.email, 'invitation'), password },
    );
    const ids: string[] = [];
    for (const name of reviewers) {
      const { createUser } = await api.ok<{ createUser: { id: string } }>(create, {
        input: {
          email: `${name.split(' ')[0]!.toLowerCase()}@export.test`,
          displayName: name,
          userType: 'APP_REVIEWER',
          appIds: [],
          requireTwoFactor: false,
          sendInvitation: false,
        },
      });
      ids.push(createUser.id);
    }
    const { createApp } = await api.ok<{ createApp: { id: string } }>(
      `mutation ($input: CreateAppInput!) { createApp(input: $input) { id } }`,
      {
        input: {
          name: 'Field Notes',
          platform: 'IOS',
          bundleId: 'com.export.notes',
          previewUrl: 'https://preview.export.test/notes',
        },
      },
    );
    await api.ok(
      `mutation ($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }`,
      { id: ids[0], input: { displayName: 'Rex R. Reviewer', userType: 'APP_ADMINISTRATOR' } },
    );
    await api.ok(
      `mutation ($id: ID!, $input: UpdateAppInput!) { updateApp(id: $id, input: $input) { id } }`,
      { id: createApp.id, input: { previewUrl: 'https://preview.export.test/notes-v2' } },
    );
    await api.ok(
      'mutation ($id: ID!, $apps: [ID!]!) { setUserApps(userId: $id, appIds: $apps) { id } }',
      { id: ids[1], apps: [createApp.id] },
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  const withServerLog = (steps: () => Promise<void>) => stack.withServerLog(steps);

  /** Clicks the export link and answers the saved file's rows and name. */
  async function download(tab: Page): Promise<{ name: string; rows: string[][] }> {
    const [file]: [Download, void] = await Promise.all([
      tab.waitForEvent('download'),
      tab.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(await file.failure()).toBeNull();
    return { name: file.suggestedFilename(), rows: csvRows(await file.path()) };
  }

  it.each([1366, 390])(
    'at %i px: an administrator filters the users, downloads them, and reads and exports a range of the log',
    (width) =>
      withServerLog(async () => {
        const context = await stack.browser.newContext({
          viewport: { width, height: 900 },
          acceptDownloads: true,
        });
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        tab.on('response', (response) => {
          if (response.status() >= 400 && response.url().startsWith(baseUrl)) {
            errors.push(`${response.status()} ${response.url()}`);
          }
        });
        const today = new Date().toISOString().slice(0, 10);

        await tab.goto(`${baseUrl}/sign-in`);
        await tab.getByLabel('Email').fill(admin.email);
        await tab.getByLabel('Password', { exact: true }).fill(admin.password);
        await tab.getByRole('button', { name: 'Sign in' }).click();
        await tab.waitForURL(`${baseUrl}/`);

        // the users table, narrowed to App reviewers matching "ro"
        await tab.goto(`${baseUrl}/users`);
        await tab.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
        await tab.getByLabel('User type').selectOption('APP_REVIEWER');
        await tab.getByLabel('Search').fill('ro');
        await tab.waitForURL((url) => url.searchParams.get('q') === 'ro');
        await tab.getByText('1 user', { exact: true }).waitFor();
        await capture(tab, shot(`users-${width}`));
        const users = await download(tab);
        expect(users.name).toBe(`twofold-users-${today}.csv`);
        expect(users.rows[0]?.slice(0, 3)).toEqual(['Name', 'Email', 'User type']);
        expect(users.rows.slice(1).map((row) => row.slice(0, 3))).toEqual([
          ['Rosa Reviewer', 'rosa@export.test', 'App reviewer'],
        ]);
        // Rosa's app, by name
        expect(users.rows[1]?.[8]).toBe('Field Notes');

        // the audit log, from yesterday to today
        await tab.goto(`${baseUrl}/audit`);
        await tab.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
        const yesterday = localDay(new Date(Date.now() - 24 * 3_600_000));
        await tab.getByLabel('From').fill(yesterday);
        await tab.getByLabel('To', { exact: true }).fill(localDay(new Date()));
        await tab.waitForURL((url) => url.searchParams.get('to') === localDay(new Date()));
        // a table on a wide screen, a list on a phone
        const wide = width >= 768;
        const events = tab.getByRole(wide ? 'table' : 'list', { name: 'Audit events' });
        // the owner is named by the part of their email before the @ (create-account)
        const row = events
          .getByRole(wide ? 'row' : 'listitem')
          .filter({ hasText: 'owner changed Rex R. Reviewer' });
        await row.first().waitFor();

        if (width >= 1366) {
          // one line per event: every main row as tall as the first
          const heights = await events
            .locator('tbody > tr')
            .evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
          expect(new Set(heights).size).toBe(1);
          const sentence = row.first().locator('td').nth(2).locator('p');
          const lines = await sentence.evaluate(
            (p) => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight),
          );
          expect(lines).toBeLessThan(1.5);
        }
        await capture(tab, shot(`audit-${width}`));

        await row.first().getByRole('button', { name: 'Show details' }).click();
        const changes = tab.getByRole('table', { name: 'What changed' });
        await changes.waitFor();
        expect(await changes.getByRole('row').allInnerTexts()).toEqual([
          expect.stringMatching(/What changed\s+Before\s+After/),
          expect.stringMatching(/Name\s+Rex Reviewer\s+Rex R. Reviewer/),
          expect.stringMatching(/User type\s+App reviewer\s+App administrator/),
        ]);
        await capture(tab, shot(`audit-details-${width}`));

        const log = await download(tab);
        expect(log.name).toBe(`twofold-audit-log-${today}.csv`);
        expect(log.rows[0]).toEqual([
          'Time (UTC)',
          'Action',
          'Actor',
          'Actor ID',
          'Target type',
          'Target',
          'Target ID',
          'IP address',
          'Details',
        ]);
        const actions = log.rows.slice(1).map((r) => r[1]);
        expect(actions).toEqual(
          expect.arrayContaining([
            'user.updated',
            'app.updated',
            'user.apps_set',
            'users.exported',
          ]),
        );
        const from = new Date(`${yesterday}T00:00:00`).getTime();
        for (const cells of log.rows.slice(1)) {
          expect(new Date(cells[0]!).getTime()).toBeGreaterThanOrEqual(from);
        }
        const update = log.rows.find((r) => r[1] === 'user.updated')!;
        expect(JSON.parse(update[8]!)).toMatchObject({
          changes: { displayName: { from: 'Rex Reviewer', to: 'Rex R. Reviewer' } },
        });

        expect(errors).toEqual([]);
        await context.close();
      }),
  );
});
