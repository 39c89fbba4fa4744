import {
  Enforcement,
  Platform,
  TwoFactorRequirement,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared';
import {
  type ApiClient,
  codesOf,
  type GraphQLResult,
  signedIn,
  reasonsOf,
} from '@twofold/testkit/api-client';
import { App, UserApp } from '../src/modules/app/app.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import type { Caller } from '../src/modules/auth/caller';
import { Identity } from '../src/modules/identity/identity.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { Session } from '../src/modules/session/session.entity';
import { factsOf, summarize } from '../src/modules/two-factor/status/facts';
import { User } from '../src/modules/user/user.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  type UserFixture,
  type UserOptions,
} from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const USERS = `query ($filter: UsersFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    nodes { id displayName email userType status isOwner twoFactorStatus requireTwoFactor enrollmentDeadline }
    totalCount
    pageInfo { hasNextPage endCursor }
  }
}`;
const USER = `query ($id: ID!) { user(id: $id) { id displayName email account { name } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    id displayName userType status isOwner requireTwoFactor twoFactorStatus enrollmentDeadline
  }
}`;
const REMOVE = `mutation ($id: ID!) { removeUser(id: $id) }`;

interface UserNode {
  id: string;
  displayName: string;
  email: string;
  userType: UserType;
  status: UserStatus;
  isOwner: boolean;
  twoFactorStatus: TwoFactorStatus;
  requireTwoFactor: boolean;
  enrollmentDeadline: string | null;
}
interface UsersData {
  users: {
    nodes: UserNode[];
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const DAY = 24 * 60 * 60_000;

/** The first error's field, from `fields` (BAD_USER_INPUT) or `field` (NOT_FOUND, CONFLICT). */
function fieldsOf(result: GraphQLResult<unknown>): string[] {
  const extensions = result.errors?.[0]?.extensions ?? {};
  const fields = extensions.fields as { field: string }[] | undefined;
  if (fields) return fields.map((f) => f.field);
  return typeof extensions.field === 'string' ? [extensions.field] : [];
}

describe('users administration', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  let globexUser: UserFixture;
  const clients = new Map<string, ApiClient>();

  const userRow = (id: string) => server.dataSource.getRepository(User).findOneBy({ id });
  const snapshot = async () => ({
    users: await server.dataSource.getRepository(User).find({ order: { id: 'ASC' } }),
    audit: await server.dataSource.getRepository(AuditEvent).count(),
    sessions: await server.dataSource.getRepository(Session).count(),
  });
  const target = (options: UserOptions = {}) =>
    makeUser(server.services, acme.account, { userType: UserType.APP_REVIEWER, ...options });
  async function client(fixture: { email: string; password: string }): Promise<ApiClient> {
    let found = clients.get(fixture.email);
    if (!found) {
      found = await signedIn(server.url, fixture.email, fixture.password);
      clients.set(fixture.email, found);
    }
    return found;
  }

  const actors: Record<string, () => Promise<{ email: string; password: string; id: string }>> = {};

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    globex = await makeAccount(server.services, 'Globex');
    globexUser = await makeUser(server.services, globex.account, {
      userType: UserType.APP_REVIEWER,
      displayName: 'Globex reviewer',
    });
    const byType = new Map<UserType, UserFixture>();
    for (const userType of Object.values(UserType)) {
      byType.set(userType, await makeUser(server.services, acme.account, { userType }));
    }
    const fixture = (userType: UserType) => async () => {
      const f = byType.get(userType)!;
      return { email: f.email, password: f.password, id: f.user.id };
    };
    actors.owner = async () => ({
      email: acme.ownerEmail,
      password: acme.password,
      id: acme.owner.id,
    });
    actors.administrator = fixture(UserType.ADMINISTRATOR);
    actors['app administrator'] = fixture(UserType.APP_ADMINISTRATOR);
    actors['app reviewer'] = fixture(UserType.APP_REVIEWER);
    actors['app report viewer'] = fixture(UserType.APP_REPORT_VIEWER);
  });
  afterAll(async () => {
    await server.close();
  });

  describe('docs/design.md, Permissions "users: list, edit, suspend, remove" for every user type', () => {
    const allowed = [
      ['owner', true],
      ['administrator', true],
      ['app administrator', false],
      ['app reviewer', false],
      ['app report viewer', false],
    ] as const;

    it.each(allowed)('lists users when the caller is the %s: %s', async (name, may) => {
      const api = await client(await actors[name]!());
      const result = await api.request<UsersData>(USERS);
      if (may) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.users.nodes.map((n) => n.id)).toContain(acme.owner.id);
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
      }
      const one = await api.request(USER, { id: acme.owner.id });
      expect(codesOf(one)).toEqual(may ? [] : ['FORBIDDEN']);
    });

    it.each(allowed)('edits a user when the caller is the %s: %s', async (name, may) => {
      const api = await client(await actors[name]!());
      const { user } = await target({ displayName: 'Before edit' });
      const result = await api.request<{ updateUser: UserNode }>(UPDATE, {
        id: user.id,
        input: { displayName: 'After edit', userType: 'APP_REPORT_VIEWER' },
      });
      const row = await userRow(user.id);
      if (may) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.updateUser).toMatchObject({
          displayName: 'After edit',
          userType: 'APP_REPORT_VIEWER',
        });
        expect(row).toMatchObject({
          displayName: 'After edit',
          userType: UserType.APP_REPORT_VIEWER,
        });
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(row).toMatchObject({ displayName: 'Before edit', userType: UserType.APP_REVIEWER });
      }
    });

    it.each(allowed)('suspends a user when the caller is the %s: %s', async (name, may) => {
      const api = await client(await actors[name]!());
      const { user } = await target();
      const result = await api.request(UPDATE, { id: user.id, input: { status: 'SUSPENDED' } });
      expect(codesOf(result)).toEqual(may ? [] : ['FORBIDDEN']);
      expect((await userRow(user.id))?.status).toBe(may ? UserStatus.SUSPENDED : UserStatus.ACTIVE);
    });

    it.each(allowed)('removes a user when the caller is the %s: %s', async (name, may) => {
      const api = await client(await actors[name]!());
      const { user } = await target();
      const result = await api.request(REMOVE, { id: user.id });
      expect(codesOf(result)).toEqual(may ? [] : ['FORBIDDEN']);
      if (may) expect(result.data).toEqual({ removeUser: true });
      expect(await userRow(user.id)).toEqual(may ? null : expect.objectContaining({ id: user.id }));
    });
  });

  describe('object-level rules', () => {
    it('refuses an administrator every change to the owner, but lets them see the owner', async () => {
      const api = await client(await actors.administrator!());
      const before = await snapshot();
      for (const input of [
        { displayName: 'Hijacked' },
        { status: 'SUSPENDED' },
        { userType: 'APP_REVIEWER' },
        { requireTwoFactor: true },
      ]) {
        const result = await api.request(UPDATE, { id: acme.owner.id, input });
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(reasonsOf(result)).toEqual(['OWNER']);
      }
      expect(codesOf(await api.request(REMOVE, { id: acme.owner.id }))).toEqual(['FORBIDDEN']);
      expect(await snapshot()).toEqual(before);
      const seen = await api.ok<{ user: { id: string } }>(USER, { id: acme.owner.id });
      expect(seen.user.id).toBe(acme.owner.id);
    });

    it('refuses self-targeting through the admin operations, for owners and administrators', async () => {
      for (const name of ['owner', 'administrator']) {
        const me = await actors[name]!();
        const api = await client(me);
        const before = await snapshot();
        for (const input of [
          { displayName: 'Me' },
          { status: 'SUSPENDED' },
          { userType: 'APP_REVIEWER' },
        ]) {
          const result = await api.request(UPDATE, { id: me.id, input });
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(reasonsOf(result)).toEqual(['SELF']);
        }
        expect(reasonsOf(await api.request(REMOVE, { id: me.id }))).toEqual(['SELF']);
        expect(await snapshot()).toEqual(before);
      }
    });

    it('lets an owner edit and demote another owner, who then stops being owner', async () => {
      const second = await target({ userType: UserType.ADMINISTRATOR, isOwner: true });
      const api = await client(await actors.owner!());
      const renamed = await api.ok<{ updateUser: UserNode }>(UPDATE, {
        id: second.user.id,
        input: { displayName: 'Second owner' },
      });
      expect(renamed.updateUser).toMatchObject({ displayName: 'Second owner', isOwner: true });
      const demoted = await api.ok<{ updateUser: UserNode }>(UPDATE, {
        id: second.user.id,
        input: { userType: 'APP_ADMINISTRATOR' },
      });
      expect(demoted.updateUser).toMatchObject({ userType: 'APP_ADMINISTRATOR', isOwner: false });
      expect(await userRow(second.user.id)).toMatchObject({ isOwner: false });
    });

    it('keeps the last owner when two owners act on each other at once', async () => {
      const account = await makeAccount(server.services, 'Two owners');
      const b = await makeUser(server.services, account.account, {
        userType: UserType.ADMINISTRATOR,
        isOwner: true,
      });
      const apiA = await signedIn(server.url, account.ownerEmail, account.password);
      const apiB = await signedIn(server.url, b.email, b.password);
      // B's request passed the guard before A removed B: the service must still refuse
      const callerB = (await server.services.callers.resolve(apiB.token!)) as Caller;
      expect(await apiA.ok(REMOVE, { id: b.user.id })).toEqual({ removeUser: true });
      const meta = { ip: null };
      const users = server.services.users;
      const ownerId = account.owner.id;
      for (const attempt of [
        () => users.remove(callerB, ownerId, meta),
        () => users.update(callerB, ownerId, { userType: UserType.APP_REVIEWER }, meta),
        () => users.update(callerB, ownerId, { status: UserStatus.SUSPENDED }, meta),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER' });
      }
      expect(await userRow(ownerId)).toMatchObject({
        isOwner: true,
        status: UserStatus.ACTIVE,
        userType: UserType.ADMINISTRATOR,
      });
    });

    it('refuses to activate an invited user by hand', async () => {
      const api = await client(await actors.owner!());
      const { user } = await target({ status: UserStatus.INVITED, password: null });
      const result = await api.request(UPDATE, { id: user.id, input: { status: 'ACTIVE' } });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(reasonsOf(result)).toEqual(['INVITATION_PENDING']);
      expect(fieldsOf(result)).toEqual(['input.status']);
      expect((await userRow(user.id))?.status).toBe(UserStatus.INVITED);
    });
  });

  describe('suspension and removal', () => {
    it('ends the sessions of a suspended user, refuses their sign-in, and lets them back when reactivated', async () => {
      const admin = await client(await actors.administrator!());
      const victim = await target();
      const theirs = await signedIn(server.url, victim.email, victim.password);
      expect(await theirs.ok('{ viewer { id } }')).toEqual({ viewer: { id: victim.user.id } });

      await admin.ok(UPDATE, { id: victim.user.id, input: { status: 'SUSPENDED' } });
      expect(
        await server.dataSource.getRepository(Session).countBy({ userId: victim.user.id }),
      ).toBe(0);
      expect(codesOf(await theirs.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      await expect(signedIn(server.url, victim.email, victim.password)).rejects.toThrow(
        /UNAUTHENTICATED/,
      );

      await admin.ok(UPDATE, { id: victim.user.id, input: { status: 'ACTIVE' } });
      const again = await signedIn(server.url, victim.email, victim.password);
      expect(await again.ok('{ viewer { id } }')).toEqual({ viewer: { id: victim.user.id } });

      const actions = await server.dataSource
        .getRepository(AuditEvent)
        .find({ where: { targetId: victim.user.id }, order: { createdAt: 'ASC' } });
      expect(actions.map((a) => a.action)).toEqual(
        expect.arrayContaining(['user.suspended', 'user.reactivated']),
      );
      expect(actions.find((a) => a.action === 'user.suspended')?.actorUserId).toBe(
        (await actors.administrator!()).id,
      );
    });

    it('removes the profile with its app assignments and sessions, keeping the login', async () => {
      const owner = await client(await actors.owner!());
      const victim = await target();
      const app = await server.dataSource.getRepository(App).save(
        server.dataSource.getRepository(App).create({
          accountId: acme.account.id,
          name: 'Assigned app',
          platform: Platform.WEB,
          bundleId: 'test.assigned',
          previewUrl: 'https://example.test/preview',
          createdAt: new Date(),
        }),
      );
      await server.dataSource
        .getRepository(UserApp)
        .insert({ userId: victim.user.id, appId: app.id });
      const theirs = await signedIn(server.url, victim.email, victim.password);

      expect(await owner.ok(REMOVE, { id: victim.user.id })).toEqual({ removeUser: true });
      expect(await userRow(victim.user.id)).toBeNull();
      expect(
        await server.dataSource.getRepository(UserApp).countBy({ userId: victim.user.id }),
      ).toBe(0);
      expect(
        await server.dataSource.getRepository(Identity).existsBy({ id: victim.user.identityId }),
      ).toBe(true);
      expect(codesOf(await theirs.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      const event = await server.dataSource
        .getRepository(AuditEvent)
        .findOneBy({ targetId: victim.user.id, action: 'user.removed' });
      expect(event).toMatchObject({ actorUserId: acme.owner.id, accountId: acme.account.id });
      expect(codesOf(await owner.request(USER, { id: victim.user.id }))).toEqual(['NOT_FOUND']);
    });

    it('records user.updated with the changed fields, from what to what', async () => {
      const owner = await client(await actors.owner!());
      const { user } = await target({ displayName: 'Old name' });
      await owner.ok(UPDATE, {
        id: user.id,
        input: { displayName: 'New name', userType: 'APP_REVIEWER' },
      });
      const event = await server.dataSource
        .getRepository(AuditEvent)
        .findOneBy({ targetId: user.id, action: 'user.updated' });
      // the type did not change: only the name is recorded
      expect(event?.details).toEqual({
        changed: ['displayName'],
        changes: { displayName: { from: 'Old name', to: 'New name' } },
      });
    });
  });

  describe('two-factor requirement', () => {
    it('fixes the deadline once: false keeps it, true again does not move it', async () => {
      const owner = await client(await actors.owner!());
      await server.dataSource
        .getRepository(SecurityPolicy)
        .update(
          { accountId: acme.account.id, userType: UserType.APP_REPORT_VIEWER },
          { gracePeriodDays: 7 },
        );
      const { user } = await target({ userType: UserType.APP_REPORT_VIEWER });
      const before = Date.now();
      const first = await owner.ok<{ updateUser: UserNode }>(UPDATE, {
        id: user.id,
        input: { requireTwoFactor: true },
      });
      expect(first.updateUser).toMatchObject({ requireTwoFactor: true, twoFactorStatus: 'GRACE' });
      const deadline = new Date(first.updateUser.enrollmentDeadline!).getTime();
      expect(deadline).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
      expect(deadline).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);

      const off = await owner.ok<{ updateUser: UserNode }>(UPDATE, {
        id: user.id,
        input: { requireTwoFactor: false },
      });
      expect(off.updateUser).toMatchObject({ requireTwoFactor: false, enrollmentDeadline: null });
      expect((await userRow(user.id))?.twoFactorDeadline?.getTime()).toBe(deadline);

      // a longer grace period later does not extend a fixed deadline
      await server.dataSource
        .getRepository(SecurityPolicy)
        .update(
          { accountId: acme.account.id, userType: UserType.APP_REPORT_VIEWER },
          { gracePeriodDays: 30 },
        );
      const again = await owner.ok<{ updateUser: UserNode }>(UPDATE, {
        id: user.id,
        input: { requireTwoFactor: true, displayName: 'Renamed' },
      });
      expect(new Date(again.updateUser.enrollmentDeadline!).getTime()).toBe(deadline);
      expect(await userRow(user.id)).toMatchObject({
        twoFactorRequirement: TwoFactorRequirement.REQUIRED,
      });
    });

    it('makes enrollment due at once when the grace period is 0', async () => {
      const owner = await client(await actors.owner!());
      await server.dataSource
        .getRepository(SecurityPolicy)
        .update(
          { accountId: acme.account.id, userType: UserType.APP_REVIEWER },
          { gracePeriodDays: 0 },
        );
      const { user } = await target();
      const result = await owner.ok<{ updateUser: UserNode }>(UPDATE, {
        id: user.id,
        input: { requireTwoFactor: true },
      });
      expect(result.updateUser.twoFactorStatus).toBe('OVERDUE');
    });
  });

  describe('pagination and filters', () => {
    let list: AccountFixture;
    let api: ApiClient;

    beforeAll(async () => {
      list = await makeAccount(server.services, 'Lists');
      const names = [
        'Zed',
        'anna',
        'Bob',
        'Same name',
        'Same name',
        'Same name',
        'Carla 100% sure',
        'Carla 1000',
        'Dan_underscore',
        'Danxunderscore',
        'Émile',
        'Yara',
      ];
      for (const [i, displayName] of names.entries()) {
        await makeUser(server.services, list.account, {
          displayName,
          userType: i % 2 === 0 ? UserType.APP_REVIEWER : UserType.APP_ADMINISTRATOR,
          email: `list.${i}.${list.account.id.slice(0, 8)}@Example.test`.toLowerCase(),
        });
      }
      api = await signedIn(server.url, list.ownerEmail, list.password);
    });

    it('walks every page of 5 without duplicates or gaps, in name then id order', async () => {
      const rows = await server.dataSource
        .getRepository(User)
        .findBy({ accountId: list.account.id });
      expect(rows).toHaveLength(13);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const data: UsersData = await api.ok<UsersData>(USERS, { first: 5, after });
        pages += 1;
        expect(data.users.totalCount).toBe(13);
        expect(data.users.nodes.length).toBe(pages < 3 ? 5 : 3);
        seen.push(...data.users.nodes.map((n) => n.id));
        if (!data.users.pageInfo.hasNextPage) break;
        after = data.users.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(13);
      expect([...seen].sort()).toEqual(rows.map((r) => r.id).sort());
      // ties on the name are broken by id
      const same = seen.filter((id) => rows.find((r) => r.id === id)?.displayName === 'Same name');
      expect(same).toEqual([...same].sort());
    });

    it('answers an empty last page with no cursor past the end', async () => {
      const data = await api.ok<UsersData>(USERS, { first: 100 });
      expect(data.users.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
      const past = await api.ok<UsersData>(USERS, { after: data.users.pageInfo.endCursor });
      expect(past.users).toEqual({
        nodes: [],
        totalCount: 13,
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('filters by user type, with the total of the filtered set', async () => {
      const data = await api.ok<UsersData>(USERS, {
        filter: { userType: 'APP_ADMINISTRATOR' },
        first: 2,
      });
      expect(data.users.totalCount).toBe(6);
      expect(data.users.nodes.every((n) => n.userType === UserType.APP_ADMINISTRATOR)).toBe(true);
      expect(data.users.pageInfo.hasNextPage).toBe(true);
    });

    it.each([
      ['Carla 100', ['Carla 100% sure', 'Carla 1000']],
      ['carla 100%', ['Carla 100% sure']],
      ['Dan_', ['Dan_underscore']],
      ['CARLA', ['Carla 100% sure', 'Carla 1000']],
      ['same NAME', ['Same name', 'Same name', 'Same name']],
      ['LIST.2.', ['Bob']],
      ['!', []],
      ['émile', ['Émile']],
      ['É', ['Émile']],
      ['E\u0301MILE', ['Émile']],
      // the start of a name or an email only, never the middle (docs/design.md, Lists at scale)
      ['100%', []],
      ['underscore', []],
      ['example.test', []],
    ])(
      'finds users whose name or email starts with %j, literally and without regard to case',
      async (search, names) => {
        const data = await api.ok<UsersData>(USERS, { filter: { search } });
        expect(data.users.nodes.map((n) => n.displayName)).toEqual(names);
        expect(data.users.totalCount).toBe(names.length);
      },
    );

    it('filters by two-factor status in the database, pages and totals included', async () => {
      const ids = async (status: TwoFactorStatus, first = 100) =>
        api.ok<UsersData>(USERS, { filter: { twoFactorStatus: status }, first });
      const overdue = await makeUser(server.services, list.account, {
        displayName: 'Overdue person',
        requireTwoFactor: true,
        twoFactorDeadline: new Date(Date.now() - DAY),
      });
      const grace = await makeUser(server.services, list.account, {
        displayName: 'Grace person',
        requireTwoFactor: true,
        twoFactorDeadline: new Date(Date.now() + DAY),
      });
      try {
        const o = await ids(TwoFactorStatus.OVERDUE);
        expect(o.users.nodes.map((n) => n.id)).toEqual([overdue.user.id]);
        expect(o.users.totalCount).toBe(1);
        const g = await ids(TwoFactorStatus.GRACE);
        expect(g.users.nodes.map((n) => [n.id, n.twoFactorStatus])).toEqual([
          [grace.user.id, 'GRACE'],
        ]);
        const off = await ids(TwoFactorStatus.OPTIONAL_OFF, 5);
        expect(off.users.totalCount).toBe(13);
        expect(off.users.nodes).toHaveLength(5);
        expect(off.users.pageInfo.hasNextPage).toBe(true);
        expect(
          off.users.nodes.every((n) => n.twoFactorStatus === TwoFactorStatus.OPTIONAL_OFF),
        ).toBe(true);
        const combined = await api.ok<UsersData>(USERS, {
          filter: { twoFactorStatus: 'OPTIONAL_OFF', userType: 'APP_REVIEWER', search: 'D' },
        });
        expect(combined.users.nodes.map((n) => n.displayName)).toEqual(['Dan_underscore']);
      } finally {
        await server.dataSource.getRepository(User).delete({ id: overdue.user.id });
        await server.dataSource.getRepository(User).delete({ id: grace.user.id });
      }
    });

    it('never lists another account’s users', async () => {
      const data = await api.ok<UsersData>(USERS, { filter: { search: 'globex' } });
      expect(data.users.totalCount).toBe(0);
      const all = await api.ok<UsersData>(USERS, { first: 100 });
      expect(all.users.nodes.map((n) => n.id)).not.toContain(globexUser.user.id);
    });
  });

  describe('the SQL two-factor filter agrees with summarize()', () => {
    type PolicyCase = Enforcement | 'NO POLICY';
    const enforcements: PolicyCase[] = [
      Enforcement.OFF,
      Enforcement.OPTIONAL,
      Enforcement.REQUIRED,
      'NO POLICY',
    ];
    const requirements = [TwoFactorRequirement.INHERIT, TwoFactorRequirement.REQUIRED];
    const deadlines = ['past', 'future', 'null'] as const;
    const expected = (
      enforcement: PolicyCase,
      requirement: TwoFactorRequirement,
      deadline: (typeof deadlines)[number],
    ): TwoFactorStatus => {
      const required =
        requirement === TwoFactorRequirement.REQUIRED || enforcement === Enforcement.REQUIRED;
      if (!required)
        return enforcement === Enforcement.OFF
          ? TwoFactorStatus.NOT_REQUIRED
          : TwoFactorStatus.OPTIONAL_OFF;
      return deadline === 'future' ? TwoFactorStatus.GRACE : TwoFactorStatus.OVERDUE;
    };
    const cases = enforcements.flatMap((enforcement) =>
      requirements.flatMap((requirement) =>
        deadlines.map((deadline) => ({
          enforcement,
          requirement,
          deadline,
          status: expected(enforcement, requirement, deadline),
        })),
      ),
    );
    /** Which status filter returned each user id. */
    const foundBy = new Map<string, TwoFactorStatus[]>();
    const userOf = new Map<string, User>();
    const policyOf = new Map<string, SecurityPolicy | null>();

    beforeAll(async () => {
      const now = Date.now();
      for (const enforcement of enforcements) {
        const account = await makeAccount(server.services, `Policy ${enforcement}`);
        const policies = server.dataSource.getRepository(SecurityPolicy);
        if (enforcement === 'NO POLICY') {
          await policies.delete({ accountId: account.account.id, userType: UserType.APP_REVIEWER });
        } else {
          await policies.update(
            { accountId: account.account.id, userType: UserType.APP_REVIEWER },
            { enforcement },
          );
        }
        for (const requirement of requirements) {
          for (const deadline of deadlines) {
            const { user } = await makeUser(server.services, account.account, {
              userType: UserType.APP_REVIEWER,
              displayName: `${requirement} ${deadline}`,
              requireTwoFactor: requirement === TwoFactorRequirement.REQUIRED,
              twoFactorDeadline:
                deadline === 'null' ? null : new Date(deadline === 'past' ? now - DAY : now + DAY),
            });
            if (deadline === 'null') {
              await server.dataSource
                .getRepository(User)
                .update({ id: user.id }, { twoFactorDeadline: null });
            }
            userOf.set(
              `${enforcement}/${requirement}/${deadline}`,
              await server.dataSource.getRepository(User).findOneByOrFail({ id: user.id }),
            );
            policyOf.set(
              `${enforcement}/${requirement}/${deadline}`,
              await policies.findOneBy({
                accountId: account.account.id,
                userType: UserType.APP_REVIEWER,
              }),
            );
          }
        }
        const api = await signedIn(server.url, account.ownerEmail, account.password);
        for (const status of Object.values(TwoFactorStatus)) {
          const data = await api.ok<UsersData>(USERS, {
            filter: { twoFactorStatus: status, userType: 'APP_REVIEWER' },
          });
          expect(data.users.totalCount).toBe(data.users.nodes.length);
          for (const node of data.users.nodes) {
            foundBy.set(node.id, [...(foundBy.get(node.id) ?? []), status]);
          }
        }
      }
    });

    it.each(cases)(
      'policy $enforcement, user $requirement, deadline $deadline → $status',
      ({ enforcement, requirement, deadline, status }) => {
        const key = `${enforcement}/${requirement}/${deadline}`;
        const user = userOf.get(key)!;
        expect(summarize(factsOf(user, policyOf.get(key) ?? null), new Date()).status).toBe(status);
        expect(foundBy.get(user.id)).toEqual([status]);
      },
    );
  });

  describe('cross-account probes', () => {
    it('answers NOT_FOUND for another account’s user and changes nothing', async () => {
      const api = await client(await actors.owner!());
      const before = await userRow(globexUser.user.id);
      const probes = [
        await api.request(USER, { id: globexUser.user.id }),
        await api.request(UPDATE, {
          id: globexUser.user.id,
          input: { displayName: 'Pwned', status: 'SUSPENDED' },
        }),
        await api.request(REMOVE, { id: globexUser.user.id }),
      ];
      for (const probe of probes) {
        expect(codesOf(probe)).toEqual(['NOT_FOUND']);
        expect(fieldsOf(probe)).toEqual(['id']);
      }
      expect(await userRow(globexUser.user.id)).toEqual(before);
      // the same answer as for an id that exists nowhere
      const unknown = await api.request(USER, { id: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0]?.message).toBe(probes[0]?.errors?.[0]?.message);
      void globex;
    });
  });

  describe('bad input', () => {
    let api: ApiClient;
    let victim: UserFixture;
    beforeAll(async () => {
      api = await client(await actors.owner!());
      victim = await target({ displayName: 'Unchanged' });
    });

    it.each([0, -1, 101, 1000000])('refuses first: %d naming the field', async (first) => {
      const before = await snapshot();
      const result = await api.request(USERS, { first });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual(['first']);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      'bogus',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a"]').toString('base64url'),
      '%%%',
    ])('refuses the cursor %j', async (after) => {
      const result = await api.request(USERS, { after });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual(['after']);
    });

    it('refuses a search of 101 characters', async () => {
      const result = await api.request(USERS, { filter: { search: 'x'.repeat(101) } });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual(['filter.search']);
    });

    it.each([
      [{ displayName: '' }, 'input.displayName'],
      [{ displayName: '   ' }, 'input.displayName'],
      [{ displayName: 'x'.repeat(101) }, 'input.displayName'],
      [{ status: 'INVITED' }, 'input.status'],
      [{ displayName: 'Valid', status: 'INVITED' }, 'input.status'],
    ])('refuses %j naming %s and changes nothing', async (input, field) => {
      const before = await snapshot();
      const result = await api.request(UPDATE, { id: victim.user.id, input });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual([field]);
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      [UPDATE, { id: 'x', input: { userType: 'GOD' } }],
      [UPDATE, { id: 'x', input: { status: 'DELETED' } }],
      [USERS, { filter: { twoFactorStatus: 'WHATEVER' } }],
      [USERS, { filter: { userType: 'GOD' } }],
      [USERS, { first: 'ten' }],
    ])(
      'refuses unknown enum values and wrong types from GraphQL itself (%#)',
      async (query, variables) => {
        const before = await snapshot();
        const result = await api.request(query, variables);
        expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
        expect(await snapshot()).toEqual(before);
      },
    );

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '', "1' OR '1'='1"])(
      'answers NOT_FOUND naming id for the id %j',
      async (id) => {
        const before = await snapshot();
        for (const [query, variables] of [
          [USER, { id }],
          [UPDATE, { id, input: { displayName: 'X' } }],
          [REMOVE, { id }],
        ] as const) {
          const result = await api.request(query, variables);
          expect(codesOf(result)).toEqual(['NOT_FOUND']);
          expect(fieldsOf(result)).toEqual(['id']);
        }
        expect(await snapshot()).toEqual(before);
      },
    );

    it('treats null fields as unchanged', async () => {
      const result = await api.ok<{ updateUser: UserNode }>(UPDATE, {
        id: victim.user.id,
        input: { displayName: null, userType: null, status: null, requireTwoFactor: null },
      });
      expect(result.updateUser).toMatchObject({ displayName: 'Unchanged', status: 'ACTIVE' });
    });
  });
});
