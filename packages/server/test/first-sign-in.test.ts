import { TwoFactorStatus, UserType } from '@twofold/shared';
import { type ApiClient, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

// docs/design.md, Second-factor rules: a profile that has never signed in sets up at its first
// sign-in — it is not OVERDUE, and its grace period starts then.
const day = 86_400_000;

const SESSION = `{ session { stage enrollment { deadline deadlineMissed } } }`;
const USERS = `query ($status: TwoFactorStatus!) {
  users(filter: { twoFactorStatus: $status }) { totalCount nodes { id twoFactorStatus } }
}`;
const COMPLIANCE = `{ twoFactorCompliance { userType awaitingFirstSignIn overdue grace } }`;

interface SessionData {
  session: {
    stage: string;
    enrollment: { deadline: string | null; deadlineMissed: boolean } | null;
  };
}

describe('a profile that has never signed in', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;

  const setPolicy = (userType: UserType, gracePeriodDays: number) =>
    owner.ok(
      `mutation { updateSecurityPolicy(input: { userType: ${userType}, enforcement: REQUIRED, allowedMethods: [AUTHENTICATOR_APP], gracePeriodDays: ${gracePeriodDays} }) { enforcement } }`,
    );
  const deadlineOf = async (id: string) =>
    (await server.dataSource.getRepository(User).findOneByOrFail({ id })).twoFactorDeadline;
  /** A required profile whose deadline, fixed at creation, passed `daysAgo` days ago. */
  const lapsedNewcomer = async (userType: UserType, daysAgo: number) => {
    const fixture = await makeUser(server.services, acme.account, {
      userType,
      neverSignedIn: true,
      twoFactorDeadline: new Date(Date.now() - daysAgo * day),
    });
    return fixture;
  };

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, testPassword);
    await setPolicy(UserType.APP_REVIEWER, 0);
    await setPolicy(UserType.APP_REPORT_VIEWER, 7);
  });
  afterAll(async () => {
    await server.close();
  });

  it('is counted and filtered apart from OVERDUE, whatever its deadline', async () => {
    const invited = await owner.ok<{ createUser: { id: string; twoFactorStatus: string } }>(
      `mutation { createUser(input: { email: "first-1@example.test", displayName: "First One", userType: APP_REVIEWER, requireTwoFactor: true }) { id twoFactorStatus } }`,
    );
    expect(invited.createUser.twoFactorStatus).toBe(TwoFactorStatus.AWAITING_FIRST_SIGN_IN);
    const lapsed = await lapsedNewcomer(UserType.APP_REVIEWER, 30);

    const awaiting = await owner.ok<{ users: { nodes: { id: string }[] } }>(USERS, {
      status: TwoFactorStatus.AWAITING_FIRST_SIGN_IN,
    });
    const overdue = await owner.ok<{ users: { nodes: { id: string }[] } }>(USERS, {
      status: TwoFactorStatus.OVERDUE,
    });
    const awaitingIds = awaiting.users.nodes.map((n) => n.id);
    expect(awaitingIds).toEqual(expect.arrayContaining([invited.createUser.id, lapsed.user.id]));
    expect(overdue.users.nodes.map((n) => n.id)).not.toEqual(
      expect.arrayContaining([invited.createUser.id]),
    );
    expect(overdue.users.nodes.map((n) => n.id)).not.toContain(lapsed.user.id);

    const { twoFactorCompliance } = await owner.ok<{
      twoFactorCompliance: { userType: string; awaitingFirstSignIn: number; overdue: number }[];
    }>(COMPLIANCE);
    const reviewers = twoFactorCompliance.find((c) => c.userType === 'APP_REVIEWER')!;
    expect(reviewers.awaitingFirstSignIn).toBe(awaitingIds.length);
  });

  it('enrolls at once at its first sign-in without a grace period, and reads of no past deadline', async () => {
    const lapsed = await lapsedNewcomer(UserType.APP_REVIEWER, 30);
    const before = Date.now();
    const first = await signedIn(server.url, lapsed.email, lapsed.password);
    const { session } = await first.ok<SessionData>(SESSION);
    expect(session.stage).toBe('ENROLLMENT');
    expect(session.enrollment?.deadlineMissed).toBe(false);
    // the deadline is the first sign-in itself: never one that passed before it
    expect(new Date(session.enrollment!.deadline!).getTime()).toBeGreaterThanOrEqual(before - 5);

    // it signed in and did not enroll: now it is overdue, and the next sign-in says since when
    const overdue = await owner.ok<{ users: { nodes: { id: string }[] } }>(USERS, {
      status: TwoFactorStatus.OVERDUE,
    });
    expect(overdue.users.nodes.map((n) => n.id)).toContain(lapsed.user.id);
    const again = await signedIn(server.url, lapsed.email, lapsed.password);
    expect((await again.ok<SessionData>(SESSION)).session.enrollment?.deadlineMissed).toBe(true);
  });

  it('starts its grace period at its first sign-in, then never moves it', async () => {
    const lapsed = await lapsedNewcomer(UserType.APP_REPORT_VIEWER, 30);
    const before = Date.now();
    const first = await signedIn(server.url, lapsed.email, lapsed.password);
    const { session } = await first.ok<SessionData>(SESSION);
    expect(session.stage).toBe('ACTIVE');
    const deadline = (await deadlineOf(lapsed.user.id))!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 7 * day);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 7 * day);
    expect(new Date(session.enrollment!.deadline!).getTime()).toBe(deadline);

    await signedIn(server.url, lapsed.email, lapsed.password);
    expect((await deadlineOf(lapsed.user.id))!.getTime()).toBe(deadline);
  });

  it('keeps a deadline later than the grace period would give', async () => {
    const far = new Date(Date.now() + 20 * day);
    const newcomer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REPORT_VIEWER,
      neverSignedIn: true,
      twoFactorDeadline: far,
    });
    await signedIn(server.url, newcomer.email, newcomer.password);
    expect((await deadlineOf(newcomer.user.id))!.getTime()).toBe(far.getTime());
  });

  it('gets one grace period from first sign-ins released together', async () => {
    const lapsed = await lapsedNewcomer(UserType.APP_REPORT_VIEWER, 30);
    const before = Date.now();
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: 4 }, () => ({
        query: `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password, transport: BEARER) { session { stage enrollment { deadline } } } }`,
        variables: { email: lapsed.email, password: lapsed.password },
      })),
    );
    const deadlines = answers.map(
      (a) =>
        (a.data as { signIn: { session: { enrollment: { deadline: string } } } }).signIn.session
          .enrollment.deadline,
    );
    const stored = (await deadlineOf(lapsed.user.id))!.getTime();
    expect(stored).toBeGreaterThanOrEqual(before + 7 * day);
    // every answer gave a deadline a grace period away, and the stored one is the latest
    for (const d of deadlines) {
      expect(new Date(d).getTime()).toBeGreaterThanOrEqual(before + 7 * day);
      expect(new Date(d).getTime()).toBeLessThanOrEqual(stored);
    }
  });
});
