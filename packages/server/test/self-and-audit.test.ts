import { UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Identity } from '../src/modules/identity/identity.entity';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

type Role = 'owner' | 'administrator' | 'appAdministrator' | 'appReviewer' | 'reportViewer';
const roles: Role[] = ['owner', 'administrator', 'appAdministrator', 'appReviewer', 'reportViewer'];
const typeOf: Record<Exclude<Role, 'owner'>, UserType> = {
  administrator: UserType.ADMINISTRATOR,
  appAdministrator: UserType.APP_ADMINISTRATOR,
  appReviewer: UserType.APP_REVIEWER,
  reportViewer: UserType.APP_REPORT_VIEWER,
};

describe('policies, audit log and one’s own profile', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let other: AccountFixture;
  const clients = {} as Record<Role, ApiClient>;
  const emails = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    other = await makeAccount(server.services, 'Other');
    emails.owner = acme.ownerEmail;
    for (const role of roles) {
      if (role !== 'owner')
        emails[role] = (
          await makeUser(server.services, acme.account, { userType: typeOf[role] })
        ).email;
      clients[role] = await signedIn(server.url, emails[role], testPassword);
    }
    // activity in the other account, which must never show in Acme's log
    await signedIn(server.url, other.ownerEmail, testPassword);
  });
  afterAll(async () => {
    await server.close();
  });

  it.each<[Role, boolean]>([
    ['owner', true],
    ['administrator', true],
    ['appAdministrator', false],
    ['appReviewer', false],
    ['reportViewer', false],
  ])('securityPolicies for %s allowed=%s', async (role, allowed) => {
    const result = await clients[role].request<{
      securityPolicies: {
        userType: string;
        enforcement: string;
        allowedMethods: string[];
        gracePeriodDays: number;
      }[];
    }>('{ securityPolicies { userType enforcement allowedMethods gracePeriodDays } }');
    if (!allowed) {
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      return;
    }
    expect(result.data?.securityPolicies).toEqual(
      ['ADMINISTRATOR', 'APP_ADMINISTRATOR', 'APP_REVIEWER', 'APP_REPORT_VIEWER'].map(
        (userType) => ({
          userType,
          enforcement: 'OPTIONAL',
          allowedMethods: ['AUTHENTICATOR_APP', 'PIN', 'PASSKEY'],
          gracePeriodDays: 0,
        }),
      ),
    );
  });

  it.each<[Role, boolean]>([
    ['owner', true],
    ['administrator', true],
    ['appAdministrator', false],
    ['appReviewer', false],
    ['reportViewer', false],
  ])('auditEvents for %s allowed=%s', async (role, allowed) => {
    const result = await clients[role].request<{
      auditEvents: { totalCount: number; nodes: { action: string; actorUserId: string | null }[] };
    }>(
      '{ auditEvents(first: 100) { totalCount nodes { action actorUserId targetType ip createdAt details } } }',
    );
    if (!allowed) {
      expect(codesOf(result)).toEqual(['FORBIDDEN']);
      return;
    }
    const { nodes, totalCount } = result.data!.auditEvents;
    const expected = await server.dataSource
      .getRepository(AuditEvent)
      .countBy({ accountId: acme.account.id });
    expect(totalCount).toBe(expected);
    expect(nodes.map((n) => n.action)).toContain('account.created');
    expect(nodes.filter((n) => n.action === 'auth.signed_in')).toHaveLength(roles.length);
    expect(nodes.some((n) => n.actorUserId === other.owner.id)).toBe(false);
  });

  it('pages through the audit log newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let times: number[] = [];
    for (let page = 0; page < 20; page++) {
      const data: {
        auditEvents: {
          nodes: { id: string; createdAt: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = await clients.owner.ok(
        'query ($after: String) { auditEvents(first: 2, after: $after) { nodes { id createdAt } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      seen.push(...data.auditEvents.nodes.map((n) => n.id));
      times = times.concat(data.auditEvents.nodes.map((n) => Date.parse(n.createdAt)));
      if (!data.auditEvents.pageInfo.hasNextPage) break;
      after = data.auditEvents.pageInfo.endCursor;
    }
    const all = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ accountId: acme.account.id });
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map((e) => e.id).sort());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each([
    ['first: 0', 'first'],
    ['first: 101', 'first'],
    ['first: -5', 'first'],
    ['after: "bogus!"', 'after'],
    ['after: "W10"', 'after'],
  ])('refuses auditEvents(%s) naming %s', async (args, field) => {
    const result = await clients.owner.request(`{ auditEvents(${args}) { totalCount } }`);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      { field, message: expect.any(String) },
    ]);
  });

  it.each(roles)('lets %s edit their own display name, and refuses a bad one', async (role) => {
    const { viewer } = await clients[role].ok<{ viewer: { id: string; displayName: string } }>(
      '{ viewer { id displayName } }',
    );
    const result = await clients[role].ok<{ updateProfile: { displayName: string } }>(
      'mutation { updateProfile(input: { displayName: "  Renamed Person  " }) { displayName } }',
    );
    expect(result.updateProfile.displayName).toBe('Renamed Person');
    // the log says from what to what
    const [event] = await server.dataSource.getRepository(AuditEvent).find({
      where: { action: 'profile.updated', targetId: viewer.id },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    expect(event?.details).toEqual({
      fields: ['displayName'],
      changes: { displayName: { from: viewer.displayName, to: 'Renamed Person' } },
    });
    const bad = await clients[role].request(
      `mutation { updateProfile(input: { displayName: "${'x'.repeat(101)}" }) { displayName } }`,
    );
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'input.displayName', message: expect.any(String) },
    ]);
    const stored = await server.dataSource
      .getRepository(User)
      .findBy({ displayName: 'x'.repeat(101) });
    expect(stored).toEqual([]);
  });

  it.each(roles)('shows %s their own sessions only, and lets them end one', async (role) => {
    const second = await signedIn(server.url, emails[role], testPassword);
    const { mySessions } = await second.ok<{
      mySessions: { id: string; current: boolean; transport: string }[];
    }>('{ mySessions { id current transport ip } }');
    expect(mySessions.filter((s) => s.current)).toHaveLength(1);
    expect(mySessions.length).toBeGreaterThanOrEqual(2);
    const current = mySessions.find((s) => s.current)!;
    // another login's session id does not exist for this caller
    const foreign = await clients.owner.ok<{ mySessions: { id: string; current: boolean }[] }>(
      '{ mySessions { id current } }',
    );
    if (role !== 'owner') {
      const otherId = foreign.mySessions.find((s) => s.current)!.id;
      expect(codesOf(await second.request(`mutation { revokeSession(id: "${otherId}") }`))).toEqual(
        ['NOT_FOUND'],
      );
    }
    expect(await clients[role].ok(`mutation { revokeSession(id: "${current.id}") }`)).toEqual({
      revokeSession: true,
    });
    expect(codesOf(await second.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('changes the password with the current one, ending the login’s other sessions', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const first = await signedIn(server.url, member.email, member.password);
    const second = await signedIn(server.url, member.email, member.password);
    const hashBefore = (
      await server.dataSource.getRepository(Identity).findOneByOrFail({ email: member.email })
    ).passwordHash;

    const wrong = await second.request(
      'mutation { changePassword(currentPassword: "not it at all", newPassword: "a brand new secret") }',
    );
    expect(codesOf(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'currentPassword', message: expect.any(String) },
    ]);
    const short = await second.request(
      `mutation { changePassword(currentPassword: "${member.password}", newPassword: "short") }`,
    );
    expect(short.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'newPassword', message: expect.any(String) },
    ]);
    expect(
      (await server.dataSource.getRepository(Identity).findOneByOrFail({ email: member.email }))
        .passwordHash,
    ).toBe(hashBefore);

    await second.ok(
      `mutation { changePassword(currentPassword: "${member.password}", newPassword: "a brand new secret") }`,
    );
    expect(codesOf(await first.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect((await second.ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id).toBe(
      member.user.id,
    );
    expect(codesOf(await new ApiClient(server.url).signIn(member.email, member.password))).toEqual([
      'UNAUTHENTICATED',
    ]);
    await signedIn(server.url, member.email, 'a brand new secret');
  });
});
