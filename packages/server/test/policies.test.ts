import { Enforcement, SessionStage, TwoFactorMethod, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, type GraphQLResult, signedIn } from '@twofold/testkit/api-client';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { becomesRequired } from '../src/modules/policy/policy.service';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const UPDATE_POLICY = `mutation ($input: SecurityPolicyInput!) {
  updateSecurityPolicy(input: $input) { userType enforcement allowedMethods gracePeriodDays }
}`;
const SESSION = `{ session { stage enrollment { allowedMethods deadline } } }`;

const DAY = 24 * 60 * 60_000;

interface PolicyNode {
  userType: UserType;
  enforcement: Enforcement;
  allowedMethods: TwoFactorMethod[];
  gracePeriodDays: number;
}
interface SessionData {
  session: {
    stage: SessionStage;
    enrollment: { allowedMethods: TwoFactorMethod[]; deadline: string | null } | null;
  } | null;
}

function fieldsOf(result: GraphQLResult<unknown>): string[] {
  const extensions = result.errors?.[0]?.extensions ?? {};
  const fields = extensions.fields as { field: string }[] | undefined;
  if (fields) return fields.map((f) => f.field);
  return typeof extensions.field === 'string' ? [extensions.field] : [];
}

const required = (userType: UserType, gracePeriodDays: number) => ({
  userType,
  enforcement: Enforcement.REQUIRED,
  allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP],
  gracePeriodDays,
});

describe('becomesRequired', () => {
  it.each([
    [null, Enforcement.REQUIRED, true],
    [Enforcement.OFF, Enforcement.REQUIRED, true],
    [Enforcement.OPTIONAL, Enforcement.REQUIRED, true],
    [Enforcement.REQUIRED, Enforcement.REQUIRED, false],
    [Enforcement.REQUIRED, Enforcement.OPTIONAL, false],
    [Enforcement.OFF, Enforcement.OPTIONAL, false],
  ])('from %s to %s: %s', (previous, next, expected) => {
    expect(becomesRequired(previous, next)).toBe(expected);
  });
});

describe('security policies', () => {
  let server: TestServer;

  const policyRow = (accountId: string, userType: UserType) =>
    server.dataSource.getRepository(SecurityPolicy).findOneByOrFail({ accountId, userType });
  const snapshot = async () => ({
    policies: await server.dataSource.getRepository(SecurityPolicy).find({ order: { id: 'ASC' } }),
    users: await server.dataSource.getRepository(User).find({ order: { id: 'ASC' } }),
    audit: await server.dataSource.getRepository(AuditEvent).count(),
  });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  /** A fresh account with one profile of each type, every one signed in. */
  async function team(): Promise<{
    acme: AccountFixture;
    owner: ApiClient;
    members: Map<UserType, { fixture: UserFixture; api: ApiClient }>;
  }> {
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const members = new Map<UserType, { fixture: UserFixture; api: ApiClient }>();
    for (const userType of Object.values(UserType)) {
      const fixture = await makeUser(server.services, acme.account, { userType });
      members.set(userType, {
        fixture,
        api: await signedIn(server.url, fixture.email, fixture.password),
      });
    }
    return { acme, owner, members };
  }

  describe('docs/design.md, Permissions "security policies: change" for every user type', () => {
    let fixture: Awaited<ReturnType<typeof team>>;
    beforeAll(async () => {
      fixture = await team();
    });

    const rows = [
      ['owner', true],
      ['administrator', false],
      ['app administrator', false],
      ['app reviewer', false],
      ['app report viewer', false],
    ] as const;
    const typeOf: Record<string, UserType> = {
      administrator: UserType.ADMINISTRATOR,
      'app administrator': UserType.APP_ADMINISTRATOR,
      'app reviewer': UserType.APP_REVIEWER,
      'app report viewer': UserType.APP_REPORT_VIEWER,
    };

    it.each(rows)('changes a policy when the caller is the %s: %s', async (name, may) => {
      const api = name === 'owner' ? fixture.owner : fixture.members.get(typeOf[name]!)!.api;
      const before = await snapshot();
      const input = {
        userType: UserType.APP_REPORT_VIEWER,
        enforcement: Enforcement.OFF,
        allowedMethods: [TwoFactorMethod.PIN],
        gracePeriodDays: 3,
      };
      const result = await api.request<{ updateSecurityPolicy: PolicyNode }>(UPDATE_POLICY, {
        input,
      });
      if (may) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.updateSecurityPolicy).toEqual(input);
        expect(await policyRow(fixture.acme.account.id, UserType.APP_REPORT_VIEWER)).toMatchObject(
          input,
        );
        // put it back for the next row
        await fixture.owner.ok(UPDATE_POLICY, {
          input: {
            userType: UserType.APP_REPORT_VIEWER,
            enforcement: Enforcement.OPTIONAL,
            allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN],
            gracePeriodDays: 0,
          },
        });
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(await snapshot()).toEqual(before);
      }
    });

    it('lets administrators still read the policies they cannot change', async () => {
      const admin = fixture.members.get(UserType.ADMINISTRATOR)!.api;
      const data = await admin.ok<{ securityPolicies: PolicyNode[] }>(
        '{ securityPolicies { userType enforcement } }',
      );
      expect(data.securityPolicies.map((p) => p.userType)).toEqual(Object.values(UserType));
    });
  });

  describe('changing a policy', () => {
    it('stores the rule, removes duplicate methods and audits old and new values', async () => {
      const { acme, owner } = await team();
      const before = await policyRow(acme.account.id, UserType.APP_ADMINISTRATOR);
      const result = await owner.ok<{ updateSecurityPolicy: PolicyNode }>(UPDATE_POLICY, {
        input: {
          userType: UserType.APP_ADMINISTRATOR,
          enforcement: Enforcement.OPTIONAL,
          allowedMethods: ['PIN', 'AUTHENTICATOR_APP', 'PIN', 'AUTHENTICATOR_APP'],
          gracePeriodDays: 14,
        },
      });
      expect(result.updateSecurityPolicy).toEqual({
        userType: UserType.APP_ADMINISTRATOR,
        enforcement: Enforcement.OPTIONAL,
        allowedMethods: [TwoFactorMethod.PIN, TwoFactorMethod.AUTHENTICATOR_APP],
        gracePeriodDays: 14,
      });
      const row = await policyRow(acme.account.id, UserType.APP_ADMINISTRATOR);
      expect(row.allowedMethods).toEqual([TwoFactorMethod.PIN, TwoFactorMethod.AUTHENTICATOR_APP]);
      expect(row.id).toBe(before.id);

      const events = await server.dataSource
        .getRepository(AuditEvent)
        .findBy({ accountId: acme.account.id, action: 'policy.updated' });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorUserId: acme.owner.id,
        targetType: 'SecurityPolicy',
        targetId: row.id,
        details: {
          userType: UserType.APP_ADMINISTRATOR,
          old: {
            enforcement: before.enforcement,
            allowedMethods: before.allowedMethods,
            gracePeriodDays: before.gracePeriodDays,
          },
          new: {
            enforcement: Enforcement.OPTIONAL,
            allowedMethods: [TwoFactorMethod.PIN, TwoFactorMethod.AUTHENTICATOR_APP],
            gracePeriodDays: 14,
          },
          deadlinesFixed: 0,
        },
      });
    });

    it('changes only the caller’s account', async () => {
      const { acme, owner } = await team();
      const globex = await makeAccount(server.services);
      const globexUser = await makeUser(server.services, globex.account, {
        userType: UserType.APP_REVIEWER,
      });
      const globexBefore = await policyRow(globex.account.id, UserType.APP_REVIEWER);
      await owner.ok(UPDATE_POLICY, { input: required(UserType.APP_REVIEWER, 0) });
      expect((await policyRow(acme.account.id, UserType.APP_REVIEWER)).enforcement).toBe(
        Enforcement.REQUIRED,
      );
      expect(await policyRow(globex.account.id, UserType.APP_REVIEWER)).toEqual(globexBefore);
      const globexRow = await server.dataSource
        .getRepository(User)
        .findOneByOrFail({ id: globexUser.user.id });
      expect(globexRow.twoFactorDeadline).toBeNull();
      const reviewer = await signedIn(server.url, globexUser.email, globexUser.password);
      expect((await reviewer.ok<SessionData>(SESSION)).session?.stage).toBe(SessionStage.ACTIVE);
    });
  });

  describe('live sessions', () => {
    it('moves a signed-in reviewer to ENROLLMENT at their next request, with only the profile reachable', async () => {
      const { acme, owner, members } = await team();
      const reviewer = members.get(UserType.APP_REVIEWER)!;
      expect((await reviewer.api.ok<SessionData>(SESSION)).session?.stage).toBe(
        SessionStage.ACTIVE,
      );
      expect(codesOf(await reviewer.api.request('{ apps { id } }'))).toEqual([]);

      await owner.ok(UPDATE_POLICY, { input: required(UserType.APP_REVIEWER, 0) });

      const session = await reviewer.api.ok<SessionData>(SESSION);
      expect(session.session).toEqual({
        stage: SessionStage.ENROLLMENT,
        enrollment: {
          allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP],
          deadline: expect.any(String),
        },
      });
      expect(codesOf(await reviewer.api.request('{ apps { id } }'))).toEqual([
        'ENROLLMENT_REQUIRED',
      ]);
      const viewer = await reviewer.api.ok<{ viewer: { id: string; displayName: string } }>(
        '{ viewer { id displayName } }',
      );
      expect(viewer.viewer.id).toBe(reviewer.fixture.user.id);
      // the other types are untouched
      const viewerOfReports = members.get(UserType.APP_REPORT_VIEWER)!;
      expect((await viewerOfReports.api.ok<SessionData>(SESSION)).session?.stage).toBe(
        SessionStage.ACTIVE,
      );
      const events = await server.dataSource
        .getRepository(AuditEvent)
        .findBy({ accountId: acme.account.id, action: 'policy.updated' });
      expect(events.map((e) => e.details?.deadlinesFixed)).toEqual([1]);
    });

    it('gives a grace period: ACTIVE with the deadline shown, fixed once and never lengthened', async () => {
      const { acme, owner, members } = await team();
      const viewer = members.get(UserType.APP_REPORT_VIEWER)!;
      // a profile already required by an administrator keeps its own earlier deadline
      const early = new Date(Date.now() + DAY);
      early.setMilliseconds(0);
      const alreadyRequired = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REPORT_VIEWER,
        requireTwoFactor: true,
        twoFactorDeadline: early,
      });

      const before = Date.now();
      await owner.ok(UPDATE_POLICY, { input: required(UserType.APP_REPORT_VIEWER, 7) });
      const after = Date.now();

      const session = await viewer.api.ok<SessionData>(SESSION);
      expect(session.session?.stage).toBe(SessionStage.ACTIVE);
      const deadline = new Date(session.session!.enrollment!.deadline!).getTime();
      expect(deadline).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
      expect(deadline).toBeLessThanOrEqual(after + 7 * DAY + 1000);
      expect(codesOf(await viewer.api.request('{ apps { id } }'))).toEqual([]);
      const users = server.dataSource.getRepository(User);
      expect(
        (await users.findOneByOrFail({ id: viewer.fixture.user.id })).twoFactorDeadline?.getTime(),
      ).toBe(deadline);
      expect(
        (await users.findOneByOrFail({ id: alreadyRequired.user.id })).twoFactorDeadline?.getTime(),
      ).toBe(early.getTime());

      // lengthening the grace period does not move it; neither does OPTIONAL then REQUIRED again
      await owner.ok(UPDATE_POLICY, { input: required(UserType.APP_REPORT_VIEWER, 30) });
      await owner.ok(UPDATE_POLICY, {
        input: { ...required(UserType.APP_REPORT_VIEWER, 30), enforcement: Enforcement.OPTIONAL },
      });
      await owner.ok(UPDATE_POLICY, { input: required(UserType.APP_REPORT_VIEWER, 60) });
      const later = await viewer.api.ok<SessionData>(SESSION);
      expect(later.session?.stage).toBe(SessionStage.ACTIVE);
      expect(new Date(later.session!.enrollment!.deadline!).getTime()).toBe(deadline);
      expect(
        (await users.findOneByOrFail({ id: viewer.fixture.user.id })).twoFactorDeadline?.getTime(),
      ).toBe(deadline);
    });

    it('sends an owner who makes 2FA required for their own type to ENROLLMENT at once', async () => {
      const { owner, members } = await team();
      const result = await owner.ok<{ updateSecurityPolicy: PolicyNode }>(UPDATE_POLICY, {
        input: required(UserType.ADMINISTRATOR, 0),
      });
      expect(result.updateSecurityPolicy.enforcement).toBe(Enforcement.REQUIRED);
      expect((await owner.ok<SessionData>(SESSION)).session?.stage).toBe(SessionStage.ENROLLMENT);
      expect(codesOf(await owner.request('{ securityPolicies { userType } }'))).toEqual([
        'ENROLLMENT_REQUIRED',
      ]);
      expect(
        codesOf(await owner.request(UPDATE_POLICY, { input: required(UserType.ADMINISTRATOR, 9) })),
      ).toEqual(['ENROLLMENT_REQUIRED']);
      // the administrators of the account too
      const admin = members.get(UserType.ADMINISTRATOR)!;
      expect((await admin.api.ok<SessionData>(SESSION)).session?.stage).toBe(
        SessionStage.ENROLLMENT,
      );
    });
  });

  describe('bad input', () => {
    let acme: AccountFixture;
    let owner: ApiClient;
    beforeAll(async () => {
      ({ acme, owner } = await team());
    });

    it.each([
      [{ ...required(UserType.APP_REVIEWER, 0), allowedMethods: [] }, 'input.allowedMethods'],
      [required(UserType.APP_REVIEWER, -1), 'input.gracePeriodDays'],
      [required(UserType.APP_REVIEWER, 366), 'input.gracePeriodDays'],
      [
        { ...required(UserType.APP_REVIEWER, 400), allowedMethods: [] },
        'input.allowedMethods,input.gracePeriodDays',
      ],
    ])('refuses %j naming %s and stores nothing', async (input, field) => {
      const before = await snapshot();
      const result = await owner.request(UPDATE_POLICY, { input });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result).sort().join(',')).toBe(field);
      expect(await snapshot()).toEqual(before);
      void acme;
    });

    it('accepts 0 and 365 days and no methods while 2FA is not required', async () => {
      for (const [enforcement, days] of [
        [Enforcement.OFF, 0],
        [Enforcement.OPTIONAL, 365],
      ] as const) {
        const result = await owner.ok<{ updateSecurityPolicy: PolicyNode }>(UPDATE_POLICY, {
          input: {
            userType: UserType.APP_REVIEWER,
            enforcement,
            allowedMethods: [],
            gracePeriodDays: days,
          },
        });
        expect(result.updateSecurityPolicy).toMatchObject({ enforcement, gracePeriodDays: days });
      }
    });

    it.each([
      [{ ...required(UserType.APP_REVIEWER, 0), gracePeriodDays: 1.5 }, 'gracePeriodDays'],
      [{ ...required(UserType.APP_REVIEWER, 0), gracePeriodDays: '7' }, 'gracePeriodDays'],
      [{ ...required(UserType.APP_REVIEWER, 0), userType: 'GOD' }, 'userType'],
      [{ ...required(UserType.APP_REVIEWER, 0), enforcement: 'ALWAYS' }, 'enforcement'],
      [{ ...required(UserType.APP_REVIEWER, 0), allowedMethods: ['EMAIL'] }, 'allowedMethods'],
      [
        { userType: UserType.APP_REVIEWER, enforcement: Enforcement.OFF, gracePeriodDays: 0 },
        'allowedMethods',
      ],
    ])('refuses %j in GraphQL itself, naming %s, and stores nothing', async (input, field) => {
      const before = await snapshot();
      const result = await owner.request(UPDATE_POLICY, { input });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toContain(field);
      expect(await snapshot()).toEqual(before);
    });
  });
});
