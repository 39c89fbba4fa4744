import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Platform, SessionStage, UserType } from '@twofold/shared';
import { In } from 'typeorm';
import { type ApiClient, codesOf, type GraphQLResult, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { readQrCode } from '@twofold/testkit/two-factor';
import type { Account } from '../src/modules/account/account.entity';
import { App, UserApp } from '../src/modules/app/app.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import type { Caller } from '../src/modules/auth/caller';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const run = promisify(execFile);

type Role = 'owner' | 'admin' | 'appAdmin' | 'reviewer' | 'reportViewer';
const roles: Role[] = ['owner', 'admin', 'appAdmin', 'reviewer', 'reportViewer'];
const managers: Role[] = ['owner', 'admin'];
const assignedOnly: Role[] = ['appAdmin', 'reviewer', 'reportViewer'];

const APP_FIELDS = 'id name platform createdAt';
const SETTINGS = 'bundleId previewUrl previewQrCode';

interface AppData {
  id: string;
  name: string;
  platform: string;
  createdAt: string;
  bundleId?: string | null;
  previewUrl?: string | null;
  previewQrCode?: string | null;
}

interface ReportData {
  days: number;
  signInsPerDay: { date: string; count: number }[];
  assignedUsers: number;
  usersWithTwoFactor: number;
  twoFactorCoverage: number;
}

const CREATE = `mutation ($input: CreateAppInput!) { createApp(input: $input) { ${APP_FIELDS} ${SETTINGS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAppInput!) { updateApp(id: $id, input: $input) { ${APP_FIELDS} bundleId previewUrl } }`;
const REMOVE = `mutation ($id: ID!) { removeApp(id: $id) }`;
const SET_APPS = `mutation ($userId: ID!, $appIds: [ID!]!) { setUserApps(userId: $userId, appIds: $appIds) { id apps { id name } } }`;
const GET = (fields: string) => `query ($id: ID!) { app(id: $id) { ${fields} } }`;
const REPORT = `query ($id: ID!, $days: Int) { app(id: $id) { id report(days: $days) { days signInsPerDay { date count } assignedUsers usersWithTwoFactor twoFactorCoverage } } }`;

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000);
}

function fieldsOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.fields;
}

function validApp(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Charlie',
    platform: Platform.IOS,
    bundleId: 'com.example.charlie',
    previewUrl: 'https://preview.example.test/charlie',
    ...overrides,
  };
}

describe('apps', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  const users = {} as Record<Role, User>;
  const clients = {} as Record<Role, ApiClient>;
  let globexClient: ApiClient;
  let globexUser: User;
  let appA: App;
  let appB: App;
  let appG: App;

  async function saveApp(account: Account, name: string, platform = Platform.IOS): Promise<App> {
    const repo = server.dataSource.getRepository(App);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return repo.save(
      repo.create({
        accountId: account.id,
        name,
        platform,
        bundleId: `com.example.${slug}`,
        previewUrl: `https://preview.example.test/${slug}?build=42&lang=en`,
        createdAt: new Date(),
      }),
    );
  }

  async function assign(user: User, ...apps: App[]): Promise<void> {
    await server.dataSource
      .getRepository(UserApp)
      .insert(apps.map((app) => ({ userId: user.id, appId: app.id })));
  }

  async function appRow(id: string): Promise<App | null> {
    return server.dataSource.getRepository(App).findOneBy({ id });
  }

  async function assignedIds(userId: string): Promise<string[]> {
    const rows = await server.dataSource.getRepository(UserApp).findBy({ userId });
    return rows.map((row) => row.appId).sort();
  }

  function appCount(): Promise<number> {
    return server.dataSource.getRepository(App).count();
  }

  /** A caller for calling the service directly, as the guard would hand it over. */
  async function callerFor(user: User): Promise<Caller> {
    const full = await server.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { id: user.id }, relations: { account: true } });
    return { user: full } as unknown as Caller;
  }

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    globex = await makeAccount(server.services, 'Globex');
    users.owner = acme.owner;
    const made = {
      admin: await makeUser(server.services, acme.account, { userType: UserType.ADMINISTRATOR }),
      appAdmin: await makeUser(server.services, acme.account, {
        userType: UserType.APP_ADMINISTRATOR,
      }),
      reviewer: await makeUser(server.services, acme.account, { userType: UserType.APP_REVIEWER }),
      reportViewer: await makeUser(server.services, acme.account, {
        userType: UserType.APP_REPORT_VIEWER,
      }),
    };
    appA = await saveApp(acme.account, 'Alpha');
    appB = await saveApp(acme.account, 'Bravo', Platform.ANDROID);
    appG = await saveApp(globex.account, 'Globex Portal', Platform.WEB);
    globexUser = (
      await makeUser(server.services, globex.account, { userType: UserType.APP_REVIEWER })
    ).user;
    await assign(globexUser, appG);
    clients.owner = await signedIn(server.url, acme.ownerEmail, testPassword);
    for (const role of ['admin', 'appAdmin', 'reviewer', 'reportViewer'] as const) {
      users[role] = made[role].user;
      await assign(made[role].user, appA);
      clients[role] = await signedIn(server.url, made[role].email, testPassword);
    }
    globexClient = await signedIn(server.url, globex.ownerEmail, testPassword);
  });

  afterAll(async () => {
    await server?.close();
  });

  describe('seeing apps in lists and by id', () => {
    it.each(managers)('lists every app of the account, by name, for the %s', async (role) => {
      const { apps } = await clients[role].ok<{ apps: AppData[] }>(`{ apps { ${APP_FIELDS} } }`);
      const ids = apps.map((a) => a.id);
      expect(ids).toEqual(expect.arrayContaining([appA.id, appB.id]));
      expect(ids).not.toContain(appG.id);
      const names = apps.map((a) => a.name);
      expect(names).toEqual([...names].sort());
      expect(apps.find((a) => a.id === appB.id)).toEqual({
        id: appB.id,
        name: 'Bravo',
        platform: 'ANDROID',
        createdAt: appB.createdAt.toISOString(),
      });
    });

    it.each(assignedOnly)('lists only the assigned app for the %s', async (role) => {
      const { apps } = await clients[role].ok<{ apps: AppData[] }>(`{ apps { id name } }`);
      expect(apps).toEqual([{ id: appA.id, name: 'Alpha' }]);
    });

    it('lists only its own apps for the other account', async () => {
      const { apps } = await globexClient.ok<{ apps: AppData[] }>(`{ apps { id } }`);
      expect(apps).toEqual([{ id: appG.id }]);
    });

    it.each(roles)('reads an assigned app by id as the %s', async (role) => {
      const { app } = await clients[role].ok<{ app: AppData }>(GET(APP_FIELDS), { id: appA.id });
      expect(app).toEqual({
        id: appA.id,
        name: 'Alpha',
        platform: 'IOS',
        createdAt: appA.createdAt.toISOString(),
      });
    });

    it.each(managers)('reads an unassigned app by id as the %s', async (role) => {
      const { app } = await clients[role].ok<{ app: AppData }>(GET('id'), { id: appB.id });
      expect(app.id).toBe(appB.id);
    });

    it.each(assignedOnly)('answers NOT_FOUND for an unassigned app as the %s', async (role) => {
      const result = await clients[role].request(GET('id'), { id: appB.id });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
      expect(result.errors?.[0]?.extensions?.field).toBe('id');
      expect(result.data).toEqual({ app: null });
    });

    it.each(roles)(
      'answers NOT_FOUND for another account’s, unknown and malformed ids as the %s',
      async (role) => {
        for (const id of [appG.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '']) {
          const result = await clients[role].request(GET('id name'), { id });
          expect(codesOf(result)).toEqual(['NOT_FOUND']);
          expect(result.errors?.[0]?.extensions?.field).toBe('id');
        }
      },
    );

    it('refuses apps to a session that still has to enroll', async () => {
      const pending = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        requireTwoFactor: true,
      });
      await assign(pending.user, appA);
      const client = await signedIn(server.url, pending.email, testPassword);
      const session = await client.ok<{ session: { stage: string } }>('{ session { stage } }');
      expect(session.session.stage).toBe(SessionStage.ENROLLMENT);
      expect(codesOf(await client.request('{ apps { id } }'))).toEqual(['ENROLLMENT_REQUIRED']);
      const viewer = await client.request<{ viewer: { id: string; apps: unknown } | null }>(
        '{ viewer { id apps { id } } }',
      );
      expect(codesOf(viewer)).toEqual(['ENROLLMENT_REQUIRED']);
      expect(viewer.errors?.[0]?.path).toEqual(['viewer', 'apps']);
    });

    it('shows the viewer its assigned apps through User.apps', async () => {
      const { viewer } = await clients.appAdmin.ok<{ viewer: { apps: { id: string }[] } }>(
        '{ viewer { apps { id } } }',
      );
      expect(viewer.apps).toEqual([{ id: appA.id }]);
    });

    it('loads the apps of many users in one query', async () => {
      const caller = await callerFor(users.owner);
      const spy = jest.spyOn(server.dataSource.logger, 'logQuery');
      try {
        const apps = await server.services.apps.appsOfUsers(caller, [
          users.reviewer.id,
          users.owner.id,
          users.appAdmin.id,
          globexUser.id,
        ]);
        expect(apps.map((list) => list.map((a) => a.id))).toEqual([[appA.id], [], [appA.id], []]);
        expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('app settings and the preview QR code', () => {
    it.each(['owner', 'admin', 'appAdmin', 'reviewer'] as const)(
      'reads the settings as the %s',
      async (role) => {
        const { app } = await clients[role].ok<{ app: AppData }>(GET(SETTINGS), { id: appA.id });
        const current = await appRow(appA.id);
        expect(app.bundleId).toBe(current?.bundleId);
        expect(app.previewUrl).toBe(current?.previewUrl);
        expect(app.previewQrCode).toMatch(/^data:image\/png;base64,/);
      },
    );

    it('refuses exactly the settings fields to the Report Viewer', async () => {
      const result = await clients.reportViewer.request<{ app: AppData }>(
        GET(`${APP_FIELDS} ${SETTINGS}`),
        { id: appA.id },
      );
      expect(codesOf(result)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(result.errors?.map((e) => e.path?.join('.')).sort()).toEqual([
        'app.bundleId',
        'app.previewQrCode',
        'app.previewUrl',
      ]);
      expect(result.data?.app).toEqual({
        id: appA.id,
        name: 'Alpha',
        platform: 'IOS',
        createdAt: appA.createdAt.toISOString(),
        bundleId: null,
        previewUrl: null,
        previewQrCode: null,
      });
    });

    it('encodes the preview URL in a QR code that a scanner reads back', async () => {
      const { app } = await clients.reviewer.ok<{ app: AppData }>(GET('previewUrl previewQrCode'), {
        id: appA.id,
      });
      const png = Buffer.from(
        (app.previewQrCode ?? '').replace(/^data:image\/png;base64,/, ''),
        'base64',
      );
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-qr-'));
      try {
        const file = path.join(dir, 'preview.png');
        writeFileSync(file, png);
        const { stdout } = await run('/usr/bin/zbarimg', ['--nodbus', '--raw', '-q', file]);
        expect(stdout.trim()).toBe(app.previewUrl);
        expect(app.previewUrl).toContain('?build=42&lang=en');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('creating and deleting apps', () => {
    it.each(managers)('creates an app as the %s, with an audit event', async (role) => {
      const name = `Created by ${role}`;
      const { createApp } = await clients[role].ok<{ createApp: AppData }>(CREATE, {
        input: validApp({ name: `  ${name} `, previewUrl: 'http://preview.example.test/new' }),
      });
      expect(createApp).toMatchObject({
        name,
        platform: 'IOS',
        bundleId: 'com.example.charlie',
        previewUrl: 'http://preview.example.test/new',
      });
      const row = await appRow(createApp.id);
      expect(row).toMatchObject({ accountId: acme.account.id, name });
      const event = await server.dataSource
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'app.created', targetId: createApp.id });
      expect(event).toMatchObject({
        accountId: acme.account.id,
        actorUserId: users[role].id,
        targetType: 'App',
      });
      expect(event.ip).toBeTruthy();
    });

    it.each(assignedOnly)('refuses to create an app as the %s', async (role) => {
      const before = await appCount();
      const result = await clients[role].request(CREATE, { input: validApp() });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(await appCount()).toBe(before);
    });

    it.each(managers)('deletes an app and its assignments as the %s', async (role) => {
      const doomed = await saveApp(acme.account, `Doomed ${role}`);
      await assign(users.reviewer, doomed);
      expect(await clients[role].ok(REMOVE, { id: doomed.id })).toEqual({ removeApp: true });
      expect(await appRow(doomed.id)).toBeNull();
      expect(await assignedIds(users.reviewer.id)).toEqual([appA.id]);
      const event = await server.dataSource
        .getRepository(AuditEvent)
        .findOneByOrFail({ action: 'app.removed', targetId: doomed.id });
      expect(event.actorUserId).toBe(users[role].id);
      // it is gone for everyone now
      expect(codesOf(await clients[role].request(GET('id'), { id: doomed.id }))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it.each(assignedOnly)('refuses to delete an assigned app as the %s', async (role) => {
      const result = await clients[role].request(REMOVE, { id: appA.id });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(await appRow(appA.id)).not.toBeNull();
    });
  });

  describe('changing app settings', () => {
    it.each(['owner', 'admin', 'appAdmin'] as const)(
      'changes the settings of an assigned app as the %s, auditing from what to what',
      async (role) => {
        const bundleId = `com.example.alpha.${role.toLowerCase()}`;
        const before = (await appRow(appA.id))!;
        const { updateApp } = await clients[role].ok<{ updateApp: AppData }>(UPDATE, {
          id: appA.id,
          input: { bundleId, previewUrl: `https://preview.example.test/alpha/${role}?v=1` },
        });
        expect(updateApp).toMatchObject({ id: appA.id, name: 'Alpha', bundleId });
        const row = await appRow(appA.id);
        expect(row).toMatchObject({
          name: 'Alpha',
          platform: Platform.IOS,
          bundleId,
          previewUrl: `https://preview.example.test/alpha/${role}?v=1`,
        });
        const events = await server.dataSource
          .getRepository(AuditEvent)
          .findBy({ action: 'app.updated', targetId: appA.id, actorUserId: users[role].id });
        expect(events).toHaveLength(1);
        // from what to what: app settings are no secret to the log's readers
        expect(events[0]?.details).toEqual({
          fields: ['bundleId', 'previewUrl'],
          changes: {
            bundleId: { from: before.bundleId, to: bundleId },
            previewUrl: {
              from: before.previewUrl,
              to: `https://preview.example.test/alpha/${role}?v=1`,
            },
          },
        });
      },
    );

    it('changes only the given fields', async () => {
      const before = await appRow(appB.id);
      await clients.admin.ok(UPDATE, { id: appB.id, input: { platform: 'WEB' } });
      expect(await appRow(appB.id)).toEqual({ ...before, platform: Platform.WEB });
      await clients.admin.ok(UPDATE, { id: appB.id, input: { platform: 'ANDROID' } });
    });

    it('answers NOT_FOUND to an App Administrator changing an unassigned app', async () => {
      const before = await appRow(appB.id);
      const result = await clients.appAdmin.request(UPDATE, {
        id: appB.id,
        input: { name: 'Hijacked' },
      });
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
      expect(result.errors?.[0]?.extensions?.field).toBe('id');
      expect(await appRow(appB.id)).toEqual(before);
    });

    it.each(['reviewer', 'reportViewer'] as const)(
      'refuses to change settings as the %s',
      async (role) => {
        const before = await appRow(appA.id);
        const result = await clients[role].request(UPDATE, {
          id: appA.id,
          input: { name: 'Hijacked' },
        });
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(await appRow(appA.id)).toEqual(before);
      },
    );

    it('refuses a Reviewer in the service too (visible but not allowed), and hides other apps', async () => {
      const caller = await callerFor(users.reviewer);
      await expect(
        server.services.apps.update(caller, appA.id, { name: 'Hijacked' }, { ip: null }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        server.services.apps.update(caller, appB.id, { name: 'Hijacked' }, { ip: null }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await appRow(appA.id))?.name).toBe('Alpha');
    });
  });

  describe('bad input', () => {
    const badInputs: [string, Record<string, unknown>, string][] = [
      ['an empty name', { name: '   ' }, 'input.name'],
      ['a 101-character name', { name: 'x'.repeat(101) }, 'input.name'],
      ['a bundle id without a dot', { bundleId: 'example' }, 'input.bundleId'],
      ['a bundle id with spaces', { bundleId: 'com.example. app' }, 'input.bundleId'],
      ['a bundle id starting with a digit', { bundleId: '1com.example' }, 'input.bundleId'],
      ['a 156-character bundle id', { bundleId: `com.${'a'.repeat(152)}` }, 'input.bundleId'],
      ['a javascript: preview URL', { previewUrl: 'javascript:alert(1)' }, 'input.previewUrl'],
      ['a data: preview URL', { previewUrl: 'data:text/html,hi' }, 'input.previewUrl'],
      [
        'an over-long preview URL',
        { previewUrl: `https://example.test/${'a'.repeat(2048)}` },
        'input.previewUrl',
      ],
    ];

    it.each(badInputs)(
      'refuses to create an app with %s, storing nothing',
      async (_n, bad, field) => {
        const before = await appCount();
        const result = await clients.owner.request(CREATE, { input: validApp(bad) });
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
        expect(fieldsOf(result)).toEqual([{ field, message: expect.any(String) }]);
        expect(await appCount()).toBe(before);
      },
    );

    it.each(badInputs)(
      'refuses to update an app with %s, changing nothing',
      async (_n, bad, field) => {
        const before = await appRow(appA.id);
        const result = await clients.appAdmin.request(UPDATE, {
          id: appA.id,
          input: { name: 'Renamed', ...bad },
        });
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
        expect(fieldsOf(result)).toEqual([{ field, message: expect.any(String) }]);
        expect(await appRow(appA.id)).toEqual(before);
      },
    );

    it('refuses an explicit null for a required setting', async () => {
      const before = await appRow(appA.id);
      const result = await clients.owner.request(UPDATE, { id: appA.id, input: { name: null } });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual([{ field: 'input.name', message: expect.any(String) }]);
      expect(await appRow(appA.id)).toEqual(before);
    });

    it('refuses an unknown platform before anything runs', async () => {
      const before = await appCount();
      const result = await clients.owner.request(CREATE, {
        input: validApp({ platform: 'WINDOWS' }),
      });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(await appCount()).toBe(before);
    });
  });

  describe('app reports', () => {
    it.each(['owner', 'admin', 'appAdmin', 'reportViewer'] as const)(
      'reads the report of an assigned app as the %s',
      async (role) => {
        const { app } = await clients[role].ok<{ app: { report: ReportData } }>(REPORT, {
          id: appA.id,
        });
        expect(app.report.days).toBe(30);
        expect(app.report.signInsPerDay).toHaveLength(30);
        expect(app.report.signInsPerDay.at(-1)?.date).toBe(utcToday());
      },
    );

    it('refuses the report to the Reviewer', async () => {
      const result = await clients.reviewer.request<{ app: { id: string; report: null } }>(REPORT, {
        id: appA.id,
      });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(result.errors?.[0]?.path).toEqual(['app', 'report']);
      expect(result.data?.app).toEqual({ id: appA.id, report: null });
    });

    it.each([0, 91, -5, null])('rejects days: %p naming the field', async (days) => {
      const result = await clients.owner.request(REPORT, { id: appA.id, days });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual([{ field: 'days', message: expect.any(String) }]);
    });

    it('counts sign-ins of assigned users per UTC day, zero days included', async () => {
      const app = await saveApp(acme.account, 'Reported');
      const first = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REPORT_VIEWER,
      });
      const second = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const outsider = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      await assign(first.user, app);
      await assign(second.user, app);
      // real sign-ins write the 'auth.signed_in' events the report counts
      await signedIn(server.url, first.email, testPassword);
      await signedIn(server.url, first.email, testPassword);
      await signedIn(server.url, second.email, testPassword);
      await signedIn(server.url, outsider.email, testPassword);
      const events = server.dataSource.getRepository(AuditEvent);
      const old = (when: Date, action = 'auth.signed_in', actor = first.user.id) =>
        events.save(
          events.create({
            accountId: acme.account.id,
            actorUserId: actor,
            action,
            createdAt: when,
          }),
        );
      await old(daysAgo(2));
      await old(daysAgo(2));
      await old(daysAgo(2), 'auth.signed_out');
      await old(daysAgo(200));
      await old(daysAgo(5)); // outside a 5-day window (today plus 4 days back)

      const { app: read } = await clients.owner.ok<{ app: { report: ReportData } }>(REPORT, {
        id: app.id,
        days: 5,
      });
      const expected = [4, 3, 2, 1, 0].map((n) => ({
        date: daysAgo(n).toISOString().slice(0, 10),
        count: n === 0 ? 3 : n === 2 ? 2 : 0,
      }));
      expect(read.report).toEqual({
        days: 5,
        signInsPerDay: expected,
        assignedUsers: 2,
        usersWithTwoFactor: 0,
        twoFactorCoverage: 0,
      });

      const { app: wide } = await clients.owner.ok<{ app: { report: ReportData } }>(REPORT, {
        id: app.id,
        days: 90,
      });
      expect(wide.report.signInsPerDay).toHaveLength(90);
      expect(wide.report.signInsPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(6);
    });

    it('reports zero coverage for an app without users', async () => {
      const app = await saveApp(acme.account, 'Empty');
      const { app: read } = await clients.admin.ok<{ app: { report: ReportData } }>(REPORT, {
        id: app.id,
        days: 1,
      });
      expect(read.report).toEqual({
        days: 1,
        signInsPerDay: [{ date: utcToday(), count: 0 }],
        assignedUsers: 0,
        usersWithTwoFactor: 0,
        twoFactorCoverage: 0,
      });
    });

    it('runs the same number of queries whatever the number of assigned users', async () => {
      const caller = await callerFor(users.owner);
      const small = await saveApp(acme.account, 'Small');
      const big = await saveApp(acme.account, 'Big');
      await assign((await makeUser(server.services, acme.account)).user, small);
      for (let i = 0; i < 6; i += 1) {
        const { user } = await makeUser(server.services, acme.account, {
          userType: i % 2 ? UserType.APP_REVIEWER : UserType.APP_ADMINISTRATOR,
        });
        await assign(user, big);
      }
      const spy = jest.spyOn(server.dataSource.logger, 'logQuery');
      try {
        await server.services.apps.report(caller, small, 30);
        const forOne = spy.mock.calls.length;
        spy.mockClear();
        const report = await server.services.apps.report(caller, big, 30);
        expect(report.assignedUsers).toBe(6);
        expect(spy.mock.calls.length).toBe(forOne);
        // assignments, policies, sign-ins, and the 2FA state (factors, locks, backup codes)
        expect(forOne).toBeLessThanOrEqual(6);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('assigning apps to users', () => {
    async function freshUser(userType = UserType.APP_REVIEWER): Promise<User> {
      return (await makeUser(server.services, acme.account, { userType })).user;
    }

    it.each(managers)(
      'replaces the assignments of a user as the %s, deduplicating ids',
      async (role) => {
        const target = await freshUser();
        await assign(target, appB);
        const { setUserApps } = await clients[role].ok<{
          setUserApps: { id: string; apps: { id: string; name: string }[] };
        }>(SET_APPS, { userId: target.id, appIds: [appA.id, appA.id, appB.id] });
        expect(setUserApps).toEqual({
          id: target.id,
          apps: [
            { id: appA.id, name: 'Alpha' },
            { id: appB.id, name: 'Bravo' },
          ],
        });
        expect(await assignedIds(target.id)).toEqual([appA.id, appB.id].sort());
        const event = await server.dataSource
          .getRepository(AuditEvent)
          .findOneByOrFail({ action: 'user.apps_set', targetId: target.id });
        expect(event).toMatchObject({ actorUserId: users[role].id, targetType: 'User' });
        expect(event.details).toEqual({
          added: [appA.id],
          removed: [],
          changes: { apps: { from: ['Bravo'], to: ['Alpha', 'Bravo'] } },
        });

        // an empty list removes every assignment
        await clients[role].ok(SET_APPS, { userId: target.id, appIds: [] });
        expect(await assignedIds(target.id)).toEqual([]);
      },
    );

    it('lets the owner change an Administrator’s apps but not an Administrator the owner’s', async () => {
      await clients.owner.ok(SET_APPS, { userId: users.admin.id, appIds: [appB.id] });
      expect(await assignedIds(users.admin.id)).toEqual([appB.id]);
      await clients.owner.ok(SET_APPS, { userId: users.admin.id, appIds: [appA.id] });

      const result = await clients.admin.request(SET_APPS, {
        userId: users.owner.id,
        appIds: [appA.id],
      });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(await assignedIds(users.owner.id)).toEqual([]);
    });

    it.each(managers)('refuses the %s changing their own assignments', async (role) => {
      const before = await assignedIds(users[role].id);
      const result = await clients[role].request(SET_APPS, {
        userId: users[role].id,
        appIds: [appA.id, appB.id],
      });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(await assignedIds(users[role].id)).toEqual(before);
    });

    it.each(assignedOnly)('refuses assignments to the %s', async (role) => {
      const target = await freshUser();
      const result = await clients[role].request(SET_APPS, {
        userId: target.id,
        appIds: [appA.id],
      });
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      expect(await assignedIds(target.id)).toEqual([]);
    });

    it('answers NOT_FOUND naming appIds for unknown app ids and stores nothing', async () => {
      const target = await freshUser();
      await assign(target, appB);
      const rowsBefore = await server.dataSource.getRepository(UserApp).count();
      for (const appIds of [
        [appA.id, '00000000-0000-4000-8000-000000000000'],
        [appA.id, 'not-a-uuid'],
      ]) {
        const result = await clients.owner.request(SET_APPS, { userId: target.id, appIds });
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(result.errors?.[0]?.extensions?.field).toBe('appIds');
      }
      expect(await server.dataSource.getRepository(UserApp).count()).toBe(rowsBefore);
      expect(await assignedIds(target.id)).toEqual([appB.id]);
    });

    it('answers NOT_FOUND naming userId for unknown and malformed user ids', async () => {
      for (const userId of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        const result = await clients.owner.request(SET_APPS, { userId, appIds: [appA.id] });
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(result.errors?.[0]?.extensions?.field).toBe('userId');
      }
    });

    it('refuses more than 500 app ids naming the field', async () => {
      const target = await freshUser();
      const appIds = Array.from({ length: 501 }, () => appA.id);
      const result = await clients.owner.request(SET_APPS, { userId: target.id, appIds });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual([{ field: 'appIds', message: expect.any(String) }]);
      expect(await assignedIds(target.id)).toEqual([]);
    });
  });

  describe('preview QR codes: rendered once per URL, and bounded by the query cost', () => {
    const aliasedApps = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: apps { previewQrCode }`).join(' ')} }`;
    const rendered = () => server.services.apps.qrCodes.renders;

    async function appAt(account: Account, previewUrl: string): Promise<App> {
      const app = await saveApp(account, `Preview ${randomBytes(4).toString('hex')}`);
      await server.dataSource.getRepository(App).update({ id: app.id }, { previewUrl });
      return app;
    }

    it('refuses the App Reviewer 15 aliases of apps { previewQrCode } before rendering anything', async () => {
      const before = rendered();
      const refused = await clients.reviewer.request(aliasedApps(15));
      expect(refused.status).toBe(400);
      expect(codesOf(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(refused.errors?.[0]?.message).toMatch(/over the limit/);
      expect(refused.data).toBeUndefined();
      expect(rendered()).toBe(before);

      const one = await clients.reviewer.ok<{ a0: { previewQrCode: string }[] }>(aliasedApps(1));
      expect(one.a0).toEqual([
        { previewQrCode: expect.stringMatching(/^data:image\/png;base64,/) as unknown },
      ]);
    });

    it('renders a URL once for every app, alias and request showing it', async () => {
      const url = `https://preview.example.test/once/${randomBytes(6).toString('hex')}`;
      const [first, second] = [await appAt(acme.account, url), await appAt(acme.account, url)];
      const query = `query ($x: ID!, $y: ID!) {
        a: app(id: $x) { previewQrCode } b: app(id: $y) { previewQrCode } c: app(id: $x) { previewQrCode }
      }`;
      const before = rendered();
      type Answer = Record<'a' | 'b' | 'c', { previewQrCode: string }>;
      const answer = await clients.owner.ok<Answer>(query, { x: first.id, y: second.id });
      const again = await clients.admin.ok<Answer>(query, { x: second.id, y: first.id });
      expect(rendered()).toBe(before + 1);
      const images = new Set(
        [answer, again].flatMap((a) => Object.values(a)).map((v) => v.previewQrCode),
      );
      expect(images.size).toBe(1);
      expect(readQrCode([...images][0] ?? '')).toBe(url);
    });

    it('renders a URL once for requests asking for it together', async () => {
      const url = `https://preview.example.test/together/${randomBytes(6).toString('hex')}`;
      const app = await appAt(acme.account, url);
      const before = rendered();
      const answers = await releaseTogether(
        server.url,
        Array.from({ length: 6 }, () => ({
          query: GET('previewQrCode'),
          variables: { id: app.id },
          token: clients.owner.token,
        })),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      const images = new Set(
        answers.map((a) => (a.data as { app: { previewQrCode: string } }).app.previewQrCode),
      );
      expect(images.size).toBe(1);
      expect(rendered()).toBe(before + 1);
    });

    it('answers /healthz while a list of new QR codes renders', async () => {
      const account = await makeAccount(server.services);
      const count = 5;
      for (let i = 0; i < count; i++) {
        await appAt(account.account, `https://preview.example.test/${i}/${'x'.repeat(100)}`);
      }
      const owner = await signedIn(server.url, account.ownerEmail, testPassword);
      const before = rendered();
      const finished: string[] = [];
      const list = owner.ok<{ apps: { previewQrCode: string }[] }>('{ apps { previewQrCode } }');
      const listed = list.then(() => finished.push('list'));
      // the server runs in this process: once its first render has begun, ask for the health
      // check, which is answered between two renders rather than after all of them
      while (rendered() === before) await new Promise((resolve) => setImmediate(resolve));
      const health = await fetch(`${server.url}/healthz`);
      finished.push('healthz');
      expect(health.status).toBe(200);
      await listed;
      expect(finished).toEqual(['healthz', 'list']);
      expect((await list).apps).toHaveLength(count);
      expect(rendered()).toBe(before + count);
    });
  });

  describe('another account’s apps and users do not exist', () => {
    it.each(managers)('answers NOT_FOUND to every probe by the %s', async (role) => {
      const client = clients[role];
      const appBefore = await appRow(appG.id);
      const globexAssignments = await assignedIds(globexUser.id);
      const auditBefore = await server.dataSource.getRepository(AuditEvent).countBy({
        accountId: globex.account.id,
        action: In(['app.updated', 'app.removed', 'user.apps_set']),
      });

      const probes = [
        { query: GET('id name'), variables: { id: appG.id }, field: 'id' },
        { query: UPDATE, variables: { id: appG.id, input: { name: 'Owned' } }, field: 'id' },
        { query: REMOVE, variables: { id: appG.id }, field: 'id' },
        {
          query: SET_APPS,
          variables: { userId: globexUser.id, appIds: [appA.id] },
          field: 'userId',
        },
        {
          query: SET_APPS,
          variables: { userId: globexUser.id, appIds: [appG.id] },
          field: 'userId',
        },
        {
          query: SET_APPS,
          variables: { userId: users.reviewer.id, appIds: [appA.id, appG.id] },
          field: 'appIds',
        },
        { query: REPORT, variables: { id: appG.id }, field: 'id' },
      ];
      for (const probe of probes) {
        const result = await client.request(probe.query, probe.variables);
        expect({ probe: probe.query, codes: codesOf(result) }).toEqual({
          probe: probe.query,
          codes: ['NOT_FOUND'],
        });
        expect(result.errors?.[0]?.extensions?.field).toBe(probe.field);
      }

      expect(await appRow(appG.id)).toEqual(appBefore);
      expect(await assignedIds(globexUser.id)).toEqual(globexAssignments);
      expect(await assignedIds(users.reviewer.id)).toEqual([appA.id]);
      expect(
        await server.dataSource.getRepository(AuditEvent).countBy({
          accountId: globex.account.id,
          action: In(['app.updated', 'app.removed', 'user.apps_set']),
        }),
      ).toBe(auditBefore);
    });

    it('answers NOT_FOUND to the other account probing this one', async () => {
      const before = await appRow(appA.id);
      for (const [query, variables] of [
        [GET('id'), { id: appA.id }],
        [UPDATE, { id: appA.id, input: { name: 'Owned' } }],
        [REMOVE, { id: appA.id }],
        [SET_APPS, { userId: users.reviewer.id, appIds: [] }],
      ] as const) {
        expect(codesOf(await globexClient.request(query, variables))).toEqual(['NOT_FOUND']);
      }
      expect(await appRow(appA.id)).toEqual(before);
      expect(await assignedIds(users.reviewer.id)).toEqual([appA.id]);
    });
  });
});
