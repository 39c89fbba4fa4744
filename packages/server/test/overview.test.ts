import { print } from 'graphql';
import {
  type AuditAction,
  auditActions,
  isSecurityEvent,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { enroll } from '@twofold/testkit/two-factor';
import { OverviewDocument } from '../../shared/src/generated/graphql';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { StatementLog } from './helpers/statement-log';
import { startTestServer, type TestServer } from './helpers/test-server';

const DAY = 24 * 60 * 60_000;
const OVERVIEW = print(OverviewDocument);
const GRACE = `query ($first: Int) {
  accountOverview { usersInGracePeriod(first: $first) { id displayName twoFactorStatus enrollmentDeadline } }
}`;
const EVENTS = `query ($first: Int) {
  accountOverview { recentSecurityEvents(first: $first) { id action actorName targetName } }
}`;
const COMPLIANCE = `{ twoFactorCompliance {
  userType users enrolled pinOnly grace awaitingFirstSignIn overdue locked optionalOff notRequired
  byStatus { status count }
} }`;
const USERS = `query ($filter: UsersFilter) { users(filter: $filter, first: 100) { totalCount nodes { id status } } }`;
const SET_PIN = `mutation { setPin(pin: "482915", pinConfirmation: "482915") { session { stage } } }`;

interface Overview {
  twoFactorCompliance: {
    userType: UserType;
    users: number;
    enrolled: number;
    pinOnly: number;
    byStatus: { status: TwoFactorStatus; count: number }[];
  }[];
  accountOverview: {
    usersInGracePeriod: { id: string; displayName: string; enrollmentDeadline: string }[];
    recentSecurityEvents: { id: string; action: string; actorName: string | null }[];
  };
  lockedUsers: { totalCount: number; nodes: { id: string }[] };
  invitedUsers: { totalCount: number; nodes: { id: string; email: string }[] };
}

/** docs/design.md, The overview: the numbers of a mixed account, and nothing of another's. */
describe('the account overview', () => {
  const log = new StatementLog();
  let server: TestServer;
  let acme: AccountFixture;
  let other: AccountFixture;
  let owner: ApiClient;
  let admin: ApiClient;
  let reviewerApi: ApiClient;
  let adminUser: UserFixture;
  const soon = new Date(Date.now() + 2 * DAY);
  const later = new Date(Date.now() + 5 * DAY);
  const people: Record<string, UserFixture> = {};

  /** Each of `actions` recorded in `account`, a second apart and after anything before (the last newest). */
  async function recordEvents(account: AccountFixture, actions: AuditAction[]): Promise<string[]> {
    const ids: string[] = [];
    const start = Date.now() + 1000;
    for (const [i, action] of actions.entries()) {
      const event = await server.services.audit.record({
        accountId: account.account.id,
        actorUserId: account.owner.id,
        action,
        targetType: 'User',
        targetId: account.owner.id,
      });
      await server.dataSource
        .getRepository(AuditEvent)
        .update({ id: event.id }, { createdAt: new Date(start + i * 1000) });
      ids.push(event.id);
    }
    return ids;
  }

  async function lock(user: UserFixture): Promise<void> {
    await server.dataSource.getRepository(SecondFactorGuard).save({
      userId: user.user.id,
      consecutiveFailures: 5,
      lockCount: 1,
      lockedUntil: new Date(Date.now() + 15 * 60_000),
      disabledAt: null,
    });
  }

  beforeAll(async () => {
    server = await startTestServer({ queryLogger: log });
    acme = await makeAccount(server.services, 'Acme');
    other = await makeAccount(server.services, 'Other');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    adminUser = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
      displayName: 'Ada Admin',
    });
    admin = await signedIn(server.url, adminUser.email, adminUser.password);
    const reviewer = (displayName: string, options: Parameters<typeof makeUser>[2] = {}) =>
      makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        displayName,
        ...options,
      });
    people.enrolled = await reviewer('Enid Enrolled');
    people.pin = await reviewer('Pia Pin');
    people.later = await reviewer('Lars Later', {
      requireTwoFactor: true,
      twoFactorDeadline: later,
    });
    people.soon = await reviewer('Zoe Soon', { requireTwoFactor: true, twoFactorDeadline: soon });
    people.overdue = await reviewer('Otto Overdue', {
      requireTwoFactor: true,
      twoFactorDeadline: new Date(Date.now() - DAY),
    });
    // required and never signed in: sets up at first sign-in, not in a grace period
    people.awaiting = await reviewer('Ari Awaiting', {
      requireTwoFactor: true,
      twoFactorDeadline: soon,
      neverSignedIn: true,
    });
    people.locked = await reviewer('Lena Locked');
    people.invited = await reviewer('Ivo Invited', { status: UserStatus.INVITED });
    people.suspended = await reviewer('Sue Suspended', { status: UserStatus.SUSPENDED });
    people.viewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REPORT_VIEWER,
      displayName: 'Vera Viewer',
    });
    reviewerApi = await signedIn(server.url, people.enrolled.email, people.enrolled.password);
    await enroll(reviewerApi);
    const pinApi = await signedIn(server.url, people.pin.email, people.pin.password);
    await pinApi.ok(SET_PIN);
    await lock(people.locked);

    // another account with a user in each list: none of them may show in Acme's overview
    await makeUser(server.services, other.account, {
      userType: UserType.APP_REVIEWER,
      requireTwoFactor: true,
      twoFactorDeadline: new Date(Date.now() + DAY),
    });
    await makeUser(server.services, other.account, { status: UserStatus.INVITED });
    await lock(await makeUser(server.services, other.account));
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts each 2FA status per user type, every status once, as the named counts do', async () => {
    const { twoFactorCompliance } = await owner.ok<{
      twoFactorCompliance: (Overview['twoFactorCompliance'][number] &
        Record<
          'grace' | 'awaitingFirstSignIn' | 'overdue' | 'locked' | 'optionalOff' | 'notRequired',
          number
        >)[];
    }>(COMPLIANCE);
    const reviewers = twoFactorCompliance.find((row) => row.userType === UserType.APP_REVIEWER)!;
    expect(reviewers.byStatus).toEqual([
      { status: TwoFactorStatus.NOT_REQUIRED, count: 0 },
      // the invited and the suspended reviewer: optional for their type, not set up
      { status: TwoFactorStatus.OPTIONAL_OFF, count: 2 },
      { status: TwoFactorStatus.AWAITING_FIRST_SIGN_IN, count: 1 },
      { status: TwoFactorStatus.GRACE, count: 2 },
      { status: TwoFactorStatus.ENROLLED, count: 2 },
      { status: TwoFactorStatus.OVERDUE, count: 1 },
      { status: TwoFactorStatus.LOCKED, count: 1 },
    ]);
    expect(reviewers).toMatchObject({ users: 9, enrolled: 2, pinOnly: 1, grace: 2, overdue: 1 });
    for (const row of twoFactorCompliance) {
      // every status of the enum, in its order, adding up to the users of the type
      expect(row.byStatus.map((entry) => entry.status)).toEqual(Object.values(TwoFactorStatus));
      expect(row.byStatus.reduce((sum, entry) => sum + entry.count, 0)).toBe(row.users);
      const count = (status: TwoFactorStatus) =>
        row.byStatus.find((entry) => entry.status === status)!.count;
      expect([
        row.grace,
        row.awaitingFirstSignIn,
        row.overdue,
        row.locked,
        row.optionalOff,
        row.notRequired,
      ]).toEqual([
        count(TwoFactorStatus.GRACE),
        count(TwoFactorStatus.AWAITING_FIRST_SIGN_IN),
        count(TwoFactorStatus.OVERDUE),
        count(TwoFactorStatus.LOCKED),
        count(TwoFactorStatus.OPTIONAL_OFF),
        count(TwoFactorStatus.NOT_REQUIRED),
      ]);
    }
    // the owner and the administrator; the report viewer
    const ofType = (userType: UserType) =>
      twoFactorCompliance.find((row) => row.userType === userType)!.users;
    expect(ofType(UserType.ADMINISTRATOR)).toBe(2);
    expect(ofType(UserType.APP_REPORT_VIEWER)).toBe(1);
  });

  it('lists the users in a grace period, the soonest deadline first, of this account only', async () => {
    const { accountOverview } = await owner.ok<{
      accountOverview: {
        usersInGracePeriod: {
          id: string;
          displayName: string;
          twoFactorStatus: string;
          enrollmentDeadline: string;
        }[];
      };
    }>(GRACE, { first: 5 });
    expect(accountOverview.usersInGracePeriod).toEqual([
      {
        id: people.soon!.user.id,
        displayName: 'Zoe Soon',
        twoFactorStatus: TwoFactorStatus.GRACE,
        enrollmentDeadline: soon.toISOString(),
      },
      {
        id: people.later!.user.id,
        displayName: 'Lars Later',
        twoFactorStatus: TwoFactorStatus.GRACE,
        enrollmentDeadline: later.toISOString(),
      },
    ]);
    const one = await owner.ok<{ accountOverview: { usersInGracePeriod: { id: string }[] } }>(
      GRACE,
      { first: 1 },
    );
    expect(one.accountOverview.usersInGracePeriod.map((user) => user.id)).toEqual([
      people.soon!.user.id,
    ]);
  });

  it('narrows the users table to pending invitations, of this account only', async () => {
    const invited = await owner.ok<{
      users: { totalCount: number; nodes: { id: string; status: string }[] };
    }>(USERS, { filter: { status: UserStatus.INVITED } });
    expect(invited.users).toEqual({
      totalCount: 1,
      nodes: [{ id: people.invited!.user.id, status: UserStatus.INVITED }],
    });
    const suspendedReviewers = await owner.ok<{ users: { nodes: { id: string }[] } }>(USERS, {
      filter: { status: UserStatus.SUSPENDED, userType: UserType.APP_REVIEWER },
    });
    expect(suspendedReviewers.users.nodes.map((n) => n.id)).toEqual([people.suspended!.user.id]);
    const wrong = await owner.request(USERS, { filter: { status: 'ASLEEP' } });
    expect(codesOf(wrong)).toEqual(['BAD_USER_INPUT']);
  });

  it('lists the newest security events, not routine ones, of this account only', async () => {
    const [reset, , suspended, , enabled] = await recordEvents(acme, [
      'two_factor.reset',
      'auth.signed_in',
      'user.suspended',
      'app.created',
      'two_factor.enabled',
      'auth.second_factor_verified',
    ]);
    // newer still, in another account
    await recordEvents(other, ['two_factor.reset', 'user.suspended']);
    const { accountOverview } = await owner.ok<{
      accountOverview: {
        recentSecurityEvents: {
          id: string;
          action: string;
          actorName: string;
          targetName: string;
        }[];
      };
    }>(EVENTS, { first: 3 });
    const owned = { actorName: acme.owner.displayName, targetName: acme.owner.displayName };
    expect(accountOverview.recentSecurityEvents).toEqual([
      { id: enabled, action: 'two_factor.enabled', ...owned },
      { id: suspended, action: 'user.suspended', ...owned },
      { id: reset, action: 'two_factor.reset', ...owned },
    ]);
  });

  it('places every audit action as a security event or not', () => {
    // the exhaustive map is the list: an action missing from it fails the type check first
    expect(Object.keys(isSecurityEvent).sort()).toEqual([...auditActions].sort());
    expect(isSecurityEvent['auth.signed_in']).toBe(false);
    expect(isSecurityEvent['two_factor.reset']).toBe(true);
  });

  it('answers the console’s overview in a fixed number of statements, whatever the account’s size', async () => {
    const statementsOf = async () => {
      log.statements = [];
      const data = await owner.ok<Overview>(OVERVIEW);
      return { statements: log.statements.length, data };
    };
    const before = await statementsOf();
    expect(before.data.lockedUsers.totalCount).toBe(1);
    expect(before.data.invitedUsers).toEqual({
      totalCount: 1,
      nodes: [
        expect.objectContaining({ id: people.invited!.user.id, email: people.invited!.email }),
      ],
    });
    for (let i = 0; i < 30; i += 1) {
      await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        status: i % 3 === 0 ? UserStatus.INVITED : UserStatus.ACTIVE,
        requireTwoFactor: i % 2 === 0,
        twoFactorDeadline: i % 2 === 0 ? new Date(Date.now() + (i + 3) * DAY) : null,
      });
    }
    const after = await statementsOf();
    expect(after.data.accountOverview.usersInGracePeriod).toHaveLength(5);
    expect(after.data.invitedUsers.nodes).toHaveLength(5);
    // the caller; compliance (one GROUP BY); the grace list with its 2FA; the events and the
    // names they mention; the locked page and its count; the invited page and its count
    expect({ before: before.statements, after: after.statements }).toEqual({
      before: 9,
      after: 9,
    });
  });

  it('is for owners and administrators: others are refused, and `first` is bounded', async () => {
    const asAdmin = await admin.ok<Overview>(OVERVIEW);
    expect(asAdmin.accountOverview.usersInGracePeriod[0]?.id).toBe(people.soon!.user.id);
    for (const client of [
      reviewerApi,
      await signedIn(server.url, people.viewer!.email, people.viewer!.password),
    ]) {
      const refused = await client.request(GRACE, { first: 5 });
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
      expect(refused.data?.accountOverview ?? null).toBeNull();
      expect(codesOf(await client.request(EVENTS, { first: 5 }))).toEqual(['FORBIDDEN']);
    }
    for (const first of [0, 101]) {
      expect(codesOf(await owner.request(GRACE, { first }))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await owner.request(EVENTS, { first }))).toEqual(['BAD_USER_INPUT']);
    }
  });
});
