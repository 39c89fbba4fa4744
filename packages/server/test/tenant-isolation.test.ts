import { UserStatus, UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { enroll, oathCode, stepOf, VERIFY } from '@twofold/testkit/two-factor';
import { Session } from '../src/modules/session/session.entity';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, randomEmail } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { id email status lastSignInAt }
}`;
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;
const AUDIT = '{ auditEvents(first: 100) { nodes { action targetId actorUserId } } }';
const PROFILES = '{ session { stage profiles { accountName } } }';
const SECURITY = '{ login { email securityEvents { totalCount nodes { action ip } } } }';
const SESSIONS = '{ mySessions { id current } }';

/** docs/design.md, Permissions: logins are not the tenant's to see. */
describe('a login in two tenants', () => {
  let server: TestServer;
  let mailbox: TestMailbox;
  let a: AccountFixture;
  let b: AccountFixture;
  let ownerB: ApiClient;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    a = await makeAccount(server.services, 'Tenant A');
    b = await makeAccount(server.services, 'Tenant B');
    ownerB = await signedIn(server.url, b.ownerEmail, b.password);
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  const create = (email: string, sendInvitation = true) =>
    ownerB.ok<{ createUser: { id: string; status: string; lastSignInAt: string | null } }>(
      CREATE_USER,
      { input: { email, displayName: 'Someone', userType: UserType.APP_REVIEWER, sendInvitation } },
    );

  it('answers INVITED for A’s user without an invitation too, as for a fresh email', async () => {
    const alice = await makeUser(server.services, a.account, { userType: UserType.APP_REVIEWER });
    const fresh = await create(randomEmail('fresh'), false);
    const known = await create(alice.email, false);
    expect(known.createUser.status).toBe(fresh.createUser.status);
    expect(known.createUser.status).toBe(UserStatus.INVITED);
    const next = await signedIn(server.url, alice.email, alice.password);
    expect((await next.ok<{ session: { stage: string } }>(PROFILES)).session.stage).toBe('ACTIVE');
  });

  it('answers for A’s user exactly as for a fresh email, and offers no B profile until it is accepted', async () => {
    const alice = await makeUser(server.services, a.account, { userType: UserType.APP_REVIEWER });
    await signedIn(server.url, alice.email, alice.password);

    const fresh = await create(randomEmail('fresh'));
    const known = await create(alice.email);
    expect(known.createUser.status).toBe(fresh.createUser.status);
    expect(known.createUser).toMatchObject({ status: UserStatus.INVITED, lastSignInAt: null });

    // A's next sign-in lands in A's profile alone: no picker offering the unaccepted B profile
    const next = await signedIn(server.url, alice.email, alice.password);
    const before = await next.ok<{ session: { stage: string; profiles: unknown[] } }>(PROFILES);
    expect(before.session.stage).toBe('ACTIVE');

    // A accepts with the password the login already has: then both profiles are offered
    const token = linkToken(await mailbox.next(alice.email), 'invitation');
    expect(await new ApiClient(server.url).ok(ACCEPT, { token, password: alice.password })).toEqual(
      {
        acceptInvitation: true,
      },
    );
    expect(
      (await server.dataSource.getRepository(User).findOneByOrFail({ id: known.createUser.id }))
        .status,
    ).toBe(UserStatus.ACTIVE);
    const after = await signedIn(server.url, alice.email, alice.password);
    const picker = await after.ok<{
      session: { stage: string; profiles: { accountName: string }[] };
    }>(PROFILES);
    expect(picker.session.stage).toBe('PROFILE_SELECTION');
    expect(picker.session.profiles.map((p) => p.accountName).sort()).toEqual([
      'Tenant A',
      'Tenant B',
    ]);
  });

  it('never lets B activate the unaccepted profile by suspending it first', async () => {
    const alice = await makeUser(server.services, a.account, { userType: UserType.APP_REVIEWER });
    const { createUser } = await create(alice.email, false);
    const update = (status: string) =>
      ownerB.request(
        `mutation ($id: ID!) { updateUser(id: $id, input: { status: ${status} }) { status } }`,
        {
          id: createUser.id,
        },
      );
    expect(codesOf(await update('SUSPENDED'))).toEqual([]);
    const refused = await update('ACTIVE');
    expect(codesOf(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.extensions?.reason).toBe('INVITATION_PENDING');
    const next = await signedIn(server.url, alice.email, alice.password);
    expect((await next.ok<{ session: { stage: string } }>(PROFILES)).session.stage).toBe('ACTIVE');
  });

  it('keeps A’s failed sign-ins and password resets out of B’s audit log, in A’s own activity', async () => {
    const alice = await makeUser(server.services, a.account, { userType: UserType.APP_REVIEWER });
    await create(alice.email);
    const token = linkToken(await mailbox.next(alice.email), 'invitation');
    await new ApiClient(server.url).ok(ACCEPT, { token, password: alice.password });

    await new ApiClient(server.url).signIn(alice.email, 'not the password at all');
    await new ApiClient(server.url).ok(
      'mutation ($email: String!) { requestPasswordReset(email: $email) }',
      {
        email: alice.email,
      },
    );
    await mailbox.next(alice.email);

    const log = await ownerB.ok<{
      auditEvents: { nodes: { action: string; targetId: string | null }[] };
    }>(AUDIT);
    const aboutAlice = log.auditEvents.nodes.filter((e) => e.targetId === alice.user.identityId);
    expect(aboutAlice).toEqual([]);
    expect(log.auditEvents.nodes.map((e) => e.action)).not.toContain('auth.sign_in_failed');
    expect(log.auditEvents.nodes.map((e) => e.action)).not.toContain(
      'auth.password_reset_requested',
    );

    // the login's owner sees them, from either profile
    const own = await signedIn(server.url, alice.email, alice.password);
    const profiles = await own.ok<{
      session: { profiles: { userId: string; accountName: string }[] };
    }>('{ session { profiles { userId accountName } } }');
    const inA = profiles.session.profiles.find((p) => p.accountName === 'Tenant A')!;
    await own.ok('mutation ($id: ID!) { selectProfile(userId: $id) { stage } }', {
      id: inA.userId,
    });
    const activity = await own.ok<{
      login: { email: string; securityEvents: { totalCount: number; nodes: { action: string }[] } };
    }>(SECURITY);
    expect(activity.login.email).toBe(alice.email);
    const actions = activity.login.securityEvents.nodes.map((e) => e.action);
    // newest first: the sign-ins of this session, the reset request, the failure, earlier sign-ins
    expect(actions.filter((a) => a !== 'auth.signed_in')).toEqual([
      'auth.password_reset_requested',
      'auth.sign_in_failed',
    ]);
    expect(actions).toContain('auth.signed_in');
  });

  it('lists and ends only the profile’s own sessions until the session is past a second factor', async () => {
    const email = randomEmail('two-hats');
    const protectedHat = await makeUser(server.services, a.account, { email });
    const openHat = await makeUser(server.services, b.account, { email });
    const selectIn = async (userId: string) => {
      const client = await signedIn(server.url, email, protectedHat.password);
      await client.ok('mutation ($id: ID!) { selectProfile(userId: $id) { stage } }', {
        id: userId,
      });
      return client;
    };
    // A's profile has an authenticator; B's profile has no 2FA at all
    const enrolling = await selectIn(protectedHat.user.id);
    const { secret } = await enroll(enrolling);
    const inB = await selectIn(openHat.user.id);

    const seenFromB = await inB.ok<{ mySessions: { id: string }[] }>(SESSIONS);
    const sessions = server.dataSource.getRepository(Session);
    const ofA = await sessions.findBy({ userId: protectedHat.user.id });
    expect(ofA.length).toBeGreaterThan(0);
    const idsFromB = seenFromB.mySessions.map((s) => s.id);
    for (const session of ofA) expect(idsFromB).not.toContain(session.id);
    expect(
      codesOf(
        await inB.request('mutation ($id: ID!) { revokeSession(id: $id) }', { id: ofA[0]!.id }),
      ),
    ).toEqual(['NOT_FOUND']);

    // past A's second factor, the whole login is in view
    const inA = await selectIn(protectedHat.user.id);
    await inA.ok(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(secret, stepOf(Date.now()) + 1),
    });
    const seenFromA = await inA.ok<{ mySessions: { id: string }[] }>(SESSIONS);
    const ofB = await sessions.findBy({ userId: openHat.user.id });
    for (const session of ofB) expect(seenFromA.mySessions.map((s) => s.id)).toContain(session.id);
  });
});
