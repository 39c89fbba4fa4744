import { request } from 'node:http';
import { Platform, TwoFactorStatus, UserStatus, UserType } from '@twofold/shared';
import {
  type ApiClient,
  ApiClient as Client,
  codesOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { parse } from 'csv-parse/sync';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { ExportService } from '../src/modules/export/export.service';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { insertAuditEvents } from './helpers/bulk-rows';
import { capturingLogger, startTestServer, type TestServer } from './helpers/test-server';

const USERS_CSV = '/export/users.csv';
const AUDIT_CSV = '/export/audit-log.csv';

interface ErrorAnswer {
  errors: {
    message: string;
    extensions: { code: string; reason?: string; fields?: { field: string }[] };
  }[];
}

/** What the server logged, for what it says about downloads that stopped. */
const { logger, lines: logLines } = capturingLogger('info');

describe('CSV exports of the users table and the audit log', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let admin: UserFixture;
  let reviewer: UserFixture;
  let appId: string;

  /** GET `path` with `query`, as a bearer client (`token`), a browser (`cookie`) or anonymously. */
  function get(
    path: string,
    query: Record<string, string | string[]> = {},
    auth: { token?: string; cookie?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      for (const one of [value].flat()) search.append(name, one);
    }
    const qs = search.toString();
    return fetch(`${server.url}${path}${qs ? `?${qs}` : ''}`, {
      headers: {
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: `twofold_session=${auth.cookie}` } : {}),
        ...auth.headers,
      },
    });
  }

  /** The records of a CSV answer, the header first (byte order mark checked and removed). */
  async function csvOf(response: Response): Promise<string[][]> {
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    // a UTF-8 byte order mark, for spreadsheets that would read the accents otherwise
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('\r\n');
    return parse(text);
  }

  /** The refusal of a JSON error answer: status, code, reason, fields. */
  async function refusalOf(response: Response) {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBeNull();
    const body = (await response.json()) as ErrorAnswer;
    const [error] = body.errors;
    return {
      status: response.status,
      code: error?.extensions.code,
      reason: error?.extensions.reason,
      fields: error?.extensions.fields?.map((f) => f.field),
    };
  }

  /** Signs in as a browser does (transport COOKIE) and answers the session cookie. */
  async function cookieOf(email: string, password: string): Promise<string> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { session { stage } } }',
        variables: { e: email, p: password },
      }),
    });
    const cookie = /twofold_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  }

  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startTestServer({ logger });
    acme = await makeAccount(server.services, 'Export Co');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    admin = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
      displayName: 'Ada Admin',
    });
    reviewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      displayName: 'Rita Reviewer',
      email: 'rita.reviewer@export.test',
    });
    await makeUser(server.services, acme.account, {
      userType: UserType.APP_REPORT_VIEWER,
      displayName: 'Vera Viewer',
      status: UserStatus.INVITED,
      password: null,
    });
    const created = await owner.ok<{ createApp: { id: string } }>(
      `mutation ($input: CreateAppInput!) { createApp(input: $input) { id } }`,
      {
        input: {
          name: 'Field Notes',
          platform: Platform.IOS,
          bundleId: 'com.example.notes',
          previewUrl: 'https://preview.example.com/notes',
        },
      },
    );
    appId = created.createApp.id;
    await owner.ok(
      'mutation ($id: ID!, $apps: [ID!]!) { setUserApps(userId: $id, appIds: $apps) { id } }',
      {
        id: reviewer.user.id,
        apps: [appId],
      },
    );
  });

  afterAll(async () => {
    await server.close();
  });

  describe('the users table', () => {
    it('downloads every user of the account, in words, as the table orders them', async () => {
      const response = await get(USERS_CSV, {}, { token: owner.token });
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="twofold-users-${today()}.csv"`,
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      const [header, ...rows] = await csvOf(response);
      expect(header).toEqual([
        'Name',
        'Email',
        'User type',
        'Owner',
        'Status',
        'Two-factor status',
        'Two-factor methods',
        'Two-factor deadline (UTC)',
        'Apps',
        'Last sign-in (UTC)',
        'Created (UTC)',
        'User ID',
      ]);
      // ordered as users(first:) orders them (the database's collation of names, then ids)
      const { users } = await owner.ok<{ users: { nodes: { id: string }[] } }>(
        '{ users(first: 100) { nodes { id } } }',
      );
      expect(rows.map((row) => row[11])).toEqual(users.nodes.map((node) => node.id));
      expect(rows.map((row) => row[0]).sort()).toEqual(
        ['Ada Admin', acme.owner.displayName, 'Rita Reviewer', 'Vera Viewer'].sort(),
      );
      const rita = rows.find((row) => row[0] === 'Rita Reviewer')!;
      expect(rita).toEqual([
        'Rita Reviewer',
        'rita.reviewer@export.test',
        'App reviewer',
        'No',
        'Active',
        'Optional, off',
        '',
        '',
        'Field Notes',
        // the factory's profiles have signed in (test/helpers/factories.ts)
        reviewer.user.lastSignInAt!.toISOString(),
        reviewer.user.createdAt.toISOString(),
        reviewer.user.id,
      ]);
      const ownerRow = rows.find((row) => row[11] === acme.owner.id)!;
      expect(ownerRow.slice(2, 5)).toEqual(['Administrator', 'Yes', 'Active']);
      // administrators see every app
      expect(ownerRow[8]).toBe('All apps');
      // signed in: an ISO 8601 instant in UTC
      expect(ownerRow[9]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(rows.find((row) => row[0] === 'Vera Viewer')?.[4]).toBe('Invited');
    });

    it.each<[string, Record<string, string>]>([
      ['a user type', { userType: UserType.APP_REVIEWER }],
      ['a two-factor status', { twoFactorStatus: TwoFactorStatus.OPTIONAL_OFF }],
      ['a search by name', { search: 'vIEw' }],
      ['a search by email', { search: 'rita.reviewer@' }],
      ['a search that is only spaces (none)', { search: '   ' }],
      ['everything together', { userType: UserType.ADMINISTRATOR, search: 'ada' }],
      ['a search that finds no one', { search: 'nobody-here' }],
      ['an account status', { status: UserStatus.INVITED }],
    ])('narrows by %s exactly as users(filter:) does', async (_what, filter) => {
      const { users } = await owner.ok<{ users: { nodes: { id: string }[] } }>(
        'query ($filter: UsersFilter) { users(first: 100, filter: $filter) { nodes { id } } }',
        { filter },
      );
      const [, ...rows] = await csvOf(await get(USERS_CSV, filter, { token: owner.token }));
      expect(rows.map((row) => row[11])).toEqual(users.nodes.map((node) => node.id));
    });

    it.each<[string, Record<string, string | string[]>, string[]]>([
      ['an unknown user type', { userType: 'SUPERUSER' }, ['userType']],
      ['an unknown two-factor status', { twoFactorStatus: 'MAYBE' }, ['twoFactorStatus']],
      ['an unknown account status', { status: 'GONE' }, ['status']],
      ['a search past 100 characters', { search: 'x'.repeat(101) }, ['search']],
      ['a parameter given twice', { userType: ['ADMINISTRATOR', 'APP_REVIEWER'] }, ['userType']],
      ['an unknown parameter', { type: 'ADMINISTRATOR' }, ['type']],
    ])('refuses %s with 400 BAD_USER_INPUT naming it', async (_what, query, fields) => {
      expect(await refusalOf(await get(USERS_CSV, query, { token: owner.token }))).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        reason: undefined,
        fields,
      });
    });

    it('neutralises cells a spreadsheet would run as a formula', async () => {
      const names = ['=HYPERLINK("https://evil.example","Click")', '+1+1', '-2+3', '@SUM(A1:A2)'];
      for (const displayName of names) {
        await makeUser(server.services, acme.account, { displayName });
      }
      await makeUser(server.services, acme.account, { displayName: 'Plain - dash inside' });
      const [, ...rows] = await csvOf(await get(USERS_CSV, {}, { token: owner.token }));
      const cells = rows.map((row) => row[0]);
      for (const name of names) expect(cells).toContain(`'${name}`);
      expect(cells).toContain('Plain - dash inside');
      // no cell of the file starts a formula
      for (const row of rows) {
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    });

    it('answers a browser by its session cookie', async () => {
      const cookie = await cookieOf(acme.ownerEmail, acme.password);
      const [, ...rows] = await csvOf(
        await get(
          USERS_CSV,
          { search: 'Rita' },
          { cookie, headers: { 'sec-fetch-site': 'same-origin' } },
        ),
      );
      expect(rows.map((row) => row[0])).toEqual(['Rita Reviewer']);
    });

    it('records who exported what, with the filter', async () => {
      await csvOf(
        await get(USERS_CSV, { userType: 'APP_REVIEWER', search: 'rit' }, { token: owner.token }),
      );
      const [event] = await server.dataSource.getRepository(AuditEvent).find({
        where: { accountId: acme.account.id, action: 'users.exported' },
        order: { createdAt: 'DESC' },
        take: 1,
      });
      expect(event).toMatchObject({
        actorUserId: acme.owner.id,
        targetType: 'Account',
        targetId: acme.account.id,
        details: { filter: { userType: 'APP_REVIEWER', search: 'rit' } },
      });
    });
  });

  describe('who may download', () => {
    it.each([USERS_CSV, AUDIT_CSV])('lets an administrator download %s', async (path) => {
      const client = await signedIn(server.url, admin.email, admin.password);
      await csvOf(await get(path, {}, { token: client.token }));
    });

    it.each([USERS_CSV, AUDIT_CSV])(
      'refuses %s without a session: 401 UNAUTHENTICATED',
      async (path) => {
        expect(await refusalOf(await get(path))).toMatchObject({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect(await refusalOf(await get(path, {}, { token: 'not-a-session' }))).toMatchObject({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect(await refusalOf(await get(path, {}, { cookie: 'not-a-session' }))).toMatchObject({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      },
    );

    it.each([USERS_CSV, AUDIT_CSV])(
      'refuses %s to an app reviewer: 403 FORBIDDEN',
      async (path) => {
        const client = await signedIn(server.url, reviewer.email, reviewer.password);
        expect(await refusalOf(await get(path, {}, { token: client.token }))).toMatchObject({
          status: 403,
          code: 'FORBIDDEN',
          reason: 'PERMISSION',
        });
      },
    );

    it('refuses a session before its second factor is set up, and one yet to choose a profile', async () => {
      const overdue = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        requireTwoFactor: true,
        twoFactorDeadline: new Date(Date.now() - 60_000),
      });
      const enrolling = await signedIn(server.url, overdue.email, overdue.password);
      expect(await refusalOf(await get(USERS_CSV, {}, { token: enrolling.token }))).toMatchObject({
        status: 403,
        code: 'ENROLLMENT_REQUIRED',
      });

      // one login, an administrator here and elsewhere: it must choose a profile first
      const other = await makeAccount(server.services);
      await makeUser(server.services, other.account, {
        email: admin.email,
        userType: UserType.ADMINISTRATOR,
      });
      const choosing = new Client(server.url);
      await choosing.signIn(admin.email, admin.password);
      expect(await refusalOf(await get(AUDIT_CSV, {}, { token: choosing.token }))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
        reason: 'PROFILE_NOT_SELECTED',
      });
    });

    it('refuses a download another site started in the browser, and records nothing', async () => {
      const cookie = await cookieOf(acme.ownerEmail, acme.password);
      const before = await server.dataSource
        .getRepository(AuditEvent)
        .countBy({ accountId: acme.account.id, action: 'users.exported' });
      for (const site of ['cross-site', 'same-site']) {
        expect(
          await refusalOf(
            await get(USERS_CSV, {}, { cookie, headers: { 'sec-fetch-site': site } }),
          ),
        ).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'CROSS_SITE' });
      }
      expect(
        await server.dataSource
          .getRepository(AuditEvent)
          .countBy({ accountId: acme.account.id, action: 'users.exported' }),
      ).toBe(before);
    });

    it('answers nothing of another account', async () => {
      const other = await makeAccount(server.services, 'Other Export Co');
      await makeUser(server.services, other.account, { displayName: 'Outsider' });
      const [, ...users] = await csvOf(await get(USERS_CSV, {}, { token: owner.token }));
      expect(users.map((row) => row[0])).not.toContain('Outsider');
      const [, ...events] = await csvOf(
        await get(AUDIT_CSV, { userId: other.owner.id }, { token: owner.token }),
      );
      expect(events).toEqual([]);
    });
  });

  describe('the audit log', () => {
    let account: AccountFixture;
    let client: ApiClient;

    beforeAll(async () => {
      account = await makeAccount(server.services, 'Audit Export Co');
      client = await signedIn(server.url, account.ownerEmail, account.password);
      // one event a day from 1 to 5 December 2026 (and the sign-ins of today)
      for (let day = 1; day <= 5; day++) {
        const event = await server.services.audit.record({
          accountId: account.account.id,
          actorUserId: account.owner.id,
          action: day % 2 === 0 ? 'app.updated' : 'user.updated',
          targetType: 'User',
          targetId: account.owner.id,
          ip: '203.0.113.7',
          details: { changes: { displayName: { from: `=before ${day}`, to: `after ${day}` } } },
        });
        await server.dataSource
          .getRepository(AuditEvent)
          .update({ id: event.id }, { createdAt: new Date(`2020-12-0${day}T12:00:00.000Z`) });
      }
    });

    it('downloads the log newest first, with names and details', async () => {
      const response = await get(AUDIT_CSV, { action: 'user.updated' }, { token: client.token });
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="twofold-audit-log-${today()}.csv"`,
      );
      const [header, ...rows] = await csvOf(response);
      expect(header).toEqual([
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
      expect(rows.map((row) => row[0])).toEqual([
        '2020-12-05T12:00:00.000Z',
        '2020-12-03T12:00:00.000Z',
        '2020-12-01T12:00:00.000Z',
      ]);
      const name = account.owner.displayName;
      expect(rows[0]).toEqual([
        '2020-12-05T12:00:00.000Z',
        'user.updated',
        name,
        account.owner.id,
        'User',
        name,
        account.owner.id,
        '203.0.113.7',
        JSON.stringify({ changes: { displayName: { from: '=before 5', to: 'after 5' } } }),
      ]);
    });

    it.each<[string, Record<string, string>, string[]]>([
      // (with an action: the sign-ins of today come later)
      ['from a day on', { from: '2020-12-02T00:00:00.000Z', action: 'user.updated' }, ['05', '03']],
      ['up to a day', { to: '2020-12-02T12:00:00.000Z' }, ['02', '01']],
      [
        'within a range, both ends included',
        { from: '2020-12-02T12:00:00.000Z', to: '2020-12-04T12:00:00.000Z' },
        ['04', '03', '02'],
      ],
      [
        'a range and an action',
        { from: '2020-12-02T12:00:00+01:00', to: '2020-12-31T00:00:00Z', action: 'app.updated' },
        ['04', '02'],
      ],
    ])('narrows %s', async (_what, query, days) => {
      const [, ...rows] = await csvOf(await get(AUDIT_CSV, query, { token: client.token }));
      expect(rows.map((row) => row[0]!.slice(8, 10))).toEqual(days);
      // the same events as the GraphQL log
      const { auditEvents } = await client.ok<{ auditEvents: { nodes: { createdAt: string }[] } }>(
        'query ($filter: AuditEventsFilter) { auditEvents(first: 100, filter: $filter) { nodes { createdAt } } }',
        { filter: query },
      );
      expect(auditEvents.nodes.map((node) => node.createdAt)).toEqual(rows.map((row) => row[0]));
    });

    it.each<[string, Record<string, string>, string[]]>([
      ['a date without a time', { from: '2026-12-01' }, ['from']],
      ['words for a date', { to: 'yesterday' }, ['to']],
      [
        'an end before the start',
        { from: '2026-12-03T00:00:00Z', to: '2026-12-02T00:00:00Z' },
        ['to'],
      ],
      ['an action that is no name', { action: "x' OR 1=1" }, ['action']],
      ['an unknown parameter', { user: 'someone' }, ['user']],
    ])('refuses %s with 400 BAD_USER_INPUT naming the parameter', async (_what, query, fields) => {
      expect(await refusalOf(await get(AUDIT_CSV, query, { token: client.token }))).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
        reason: undefined,
        fields,
      });
    });

    it('leaves the actor and target of a system event empty', async () => {
      await server.services.audit.record({
        accountId: account.account.id,
        actorUserId: null,
        action: 'user.removed',
        targetType: 'User',
        targetId: null,
        details: null,
      });
      const [, ...rows] = await csvOf(
        await get(AUDIT_CSV, { action: 'user.removed' }, { token: client.token }),
      );
      // a system event: no actor, no target name
      expect(rows[0]?.slice(1, 7)).toEqual(['user.removed', '', '', 'User', '', '']);
    });

    it('records the export with its filter', async () => {
      const query = { action: 'app.updated', from: '2026-12-01T00:00:00.000Z' };
      await csvOf(await get(AUDIT_CSV, query, { token: client.token }));
      const [event] = await server.dataSource.getRepository(AuditEvent).find({
        where: { accountId: account.account.id, action: 'audit_log.exported' },
        order: { createdAt: 'DESC' },
        take: 1,
      });
      expect(event?.details).toEqual({ filter: query });
    });
  });

  describe('auditEvents(filter:) with a date range', () => {
    const EVENTS = `query ($filter: AuditEventsFilter) { auditEvents(first: 10, filter: $filter) { totalCount } }`;

    it('refuses an end before the start, naming filter.to', async () => {
      const result = await owner.request(EVENTS, {
        filter: { from: '2026-12-03T00:00:00Z', to: '2026-12-02T00:00:00Z' },
      });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'filter.to', message: 'The end of the range is before its start' },
      ]);
    });

    it('refuses what is not a date-time', async () => {
      const result = await owner.request(EVENTS, { filter: { from: 'last week' } });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses a date before 1970, naming filter.from', async () => {
      const result = await owner.request(EVENTS, { filter: { from: '1969-07-20T20:17:00Z' } });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'filter.from', message: 'Choose a date between 1970 and 9999' },
      ]);
    });
  });

  describe('reading in batches', () => {
    it('gives every row once, in order, across batch ends and equal names or times', async () => {
      const account = await makeAccount(server.services, 'Batch Co');
      // names and instants that repeat: the keyset must break the ties by id
      for (let i = 0; i < 7; i++) {
        await makeUser(server.services, account.account, {
          displayName: i < 4 ? 'Same Name' : `User ${i}`,
        });
      }
      await insertAuditEvents(server.dataSource, account.account.id, account.owner.id, 4);
      await insertAuditEvents(server.dataSource, account.account.id, account.owner.id, 4);
      const caller = await server.services.callers.resolve(
        (await signedIn(server.url, account.ownerEmail, account.password)).token!,
      );
      const meta = { ip: null, userAgent: null };
      const all = async (batchSize: number) => {
        const exports = new ExportService({ ...server.services, batchSize });
        const read = async (csv: { batches: AsyncIterable<string[][]> }) => {
          const rows: string[][] = [];
          for await (const batch of csv.batches) rows.push(...batch);
          return rows;
        };
        return {
          users: await read(await exports.users(caller!, {}, meta)),
          events: await read(await exports.auditLog(caller!, { action: 'user.updated' }, meta)),
        };
      };
      const whole = await all(1000);
      expect(whole.users).toHaveLength(8);
      expect(whole.events).toHaveLength(8);
      expect(new Set(whole.users.map((row) => row[11])).size).toBe(8);
      for (const size of [1, 2, 3, 7]) expect(await all(size)).toEqual(whole);
    });
  });

  describe('a client that leaves', () => {
    it('stops reading the database when the download is abandoned', async () => {
      const account = await makeAccount(server.services, 'Big Log Co');
      const total = 40_000;
      await insertAuditEvents(server.dataSource, account.account.id, account.owner.id, total);
      const client = await signedIn(server.url, account.ownerEmail, account.password);
      // node:http, whose destroy() closes the connection at once
      await new Promise<void>((resolve, reject) => {
        const download = request(
          `${server.url}${AUDIT_CSV}`,
          { headers: { authorization: `Bearer ${client.token!}` } },
          (response) => {
            expect(response.statusCode).toBe(200);
            response.once('data', () => {
              download.destroy();
              resolve();
            });
          },
        );
        download.on('error', reject);
        download.end();
      });
      const line = async () => {
        for (let i = 0; i < 100; i++) {
          const found = logLines.find((l) => l.includes('export ended before its last row'));
          if (found) return JSON.parse(found) as { rows: number; export: string };
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('the server did not notice the client left');
      };
      const stopped = await line();
      expect(stopped.export).toBe(AUDIT_CSV);
      expect(stopped.rows).toBeLessThan(total);
    });
  });
});
