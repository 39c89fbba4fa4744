import { SessionStage, UserStatus, UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { hashToken } from '../src/crypto/tokens';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Session } from '../src/modules/session/session.entity';
import { User } from '../src/modules/user/user.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  testPassword,
} from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const SESSION = `{ session { stage expiresAt transport profiles { userId accountName displayName userType } user { id email } enrollment { allowedMethods deadline } } }`;

describe('sign-in and sessions', () => {
  let server: TestServer;
  let acme: AccountFixture;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs in with a bearer token straight to ACTIVE when the login has one profile', async () => {
    const client = new ApiClient(server.url);
    const result = await client.signIn(acme.ownerEmail.toUpperCase(), testPassword);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.data?.signIn.session.stage).toBe(SessionStage.ACTIVE);
    const data = await client.ok<{
      viewer: { id: string; email: string; isOwner: boolean };
      account: { name: string };
    }>('{ viewer { id email isOwner } account { name } }');
    expect(data.viewer).toEqual({ id: acme.owner.id, email: acme.ownerEmail, isOwner: true });
    expect(data.account.name).toBe('Acme');
  });

  it('answers a wrong password and an unknown email with the same error', async () => {
    const wrongPassword = await new ApiClient(server.url).signIn(
      acme.ownerEmail,
      'not the password',
    );
    const unknownEmail = await new ApiClient(server.url).signIn(randomEmail(), testPassword);
    expect(codesOf(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
    expect(codesOf(unknownEmail)).toEqual(['UNAUTHENTICATED']);
  });

  it('rejects a malformed email as bad input naming the field', async () => {
    const result = await new ApiClient(server.url).signIn('not-an-email', testPassword);
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'email', message: expect.any(String) },
    ]);
  });

  it('sets an HttpOnly SameSite=Lax cookie with transport COOKIE and returns no token', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token session { stage } } }',
        variables: { e: acme.ownerEmail, p: testPassword },
      }),
    });
    const body = (await response.json()) as { data: { signIn: { token: string | null } } };
    expect(body.data.signIn.token).toBeNull();
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^twofold_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    // PUBLIC_URL is plain-http localhost in tests: the one case without Secure
    expect(cookie).not.toContain('Secure');

    const viewer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0] ?? '' },
      body: JSON.stringify({ query: '{ viewer { email } session { transport } }' }),
    });
    expect(await viewer.json()).toEqual({
      data: { viewer: { email: acme.ownerEmail }, session: { transport: 'COOKIE' } },
    });
  });

  it('answers session: null and UNAUTHENTICATED for everything else when signed out', async () => {
    const client = new ApiClient(server.url);
    expect(await client.ok(SESSION)).toEqual({ session: null });
    expect(codesOf(await client.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
    client.token = 'forged-token-that-matches-no-session';
    expect(codesOf(await client.request('{ account { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('signs out: the token stops working', async () => {
    const client = await signedIn(server.url, acme.ownerEmail, testPassword);
    expect(await client.ok('mutation { signOut }')).toEqual({ signOut: true });
    expect(await client.ok(SESSION)).toEqual({ session: null });
    expect(codesOf(await client.request('mutation { signOut }'))).toEqual(['UNAUTHENTICATED']);
  });

  describe('one login, several profiles', () => {
    let email: string;
    let second: AccountFixture;
    let profileIds: string[];

    beforeAll(async () => {
      second = await makeAccount(server.services, 'Globex');
      email = randomEmail('multi');
      const a = await makeUser(server.services, acme.account, {
        email,
        userType: UserType.APP_REVIEWER,
        displayName: 'Reviewer at Acme',
      });
      const b = await makeUser(server.services, acme.account, {
        email,
        userType: UserType.APP_ADMINISTRATOR,
        displayName: 'App admin at Acme',
      });
      const c = await makeUser(server.services, second.account, {
        email,
        userType: UserType.ADMINISTRATOR,
        displayName: 'Admin at Globex',
      });
      await makeUser(server.services, second.account, {
        email,
        userType: UserType.APP_REVIEWER,
        status: UserStatus.SUSPENDED,
      });
      profileIds = [a.user.id, b.user.id, c.user.id];
    });

    it('keeps one password and asks for a profile, listing only active ones', async () => {
      const client = await signedIn(server.url, email, testPassword);
      const { session } = await client.ok<{
        session: { stage: string; user: null; profiles: { userId: string; accountName: string }[] };
      }>(SESSION);
      expect(session.stage).toBe(SessionStage.PROFILE_SELECTION);
      expect(session.user).toBeNull();
      expect(session.profiles.map((p) => p.userId).sort()).toEqual([...profileIds].sort());
      expect(session.profiles.map((p) => p.accountName).sort()).toEqual(['Acme', 'Acme', 'Globex']);
      expect(codesOf(await client.request('{ viewer { id } }'))).toEqual(['FORBIDDEN']);
      expect(codesOf(await client.request('{ account { id } }'))).toEqual(['FORBIDDEN']);
    });

    it('refuses a profile of another login, then selects one of its own', async () => {
      const client = await signedIn(server.url, email, testPassword);
      const foreign = await client.request(
        `mutation { selectProfile(userId: "${acme.owner.id}") { stage } }`,
      );
      expect(codesOf(foreign)).toEqual(['NOT_FOUND']);
      const selected = await client.ok<{ selectProfile: { stage: string; user: { id: string } } }>(
        `mutation { selectProfile(userId: "${profileIds[2]}") { stage user { id } } }`,
      );
      expect(selected.selectProfile).toEqual({
        stage: SessionStage.ACTIVE,
        user: { id: profileIds[2] },
      });
      expect(await client.ok('{ account { name } }')).toEqual({ account: { name: 'Globex' } });
      // a second selection is not possible: the session is past that stage
      expect(
        codesOf(
          await client.request(`mutation { selectProfile(userId: "${profileIds[0]}") { stage } }`),
        ),
      ).toEqual(['FORBIDDEN']);
    });
  });

  describe('expiry', () => {
    async function age(
      client: ApiClient,
      fields: Partial<Record<'createdAt' | 'lastSeenAt' | 'absoluteExpiresAt', Date>>,
    ) {
      const sessions = server.dataSource.getRepository(Session);
      const [latest] = await sessions.find({ order: { createdAt: 'DESC' }, take: 1 });
      if (!latest) throw new Error('no session');
      await sessions.update({ id: latest.id }, fields);
      return client;
    }
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

    it('ends an ACTIVE session idle for 30 minutes', async () => {
      const client = await signedIn(server.url, acme.ownerEmail, testPassword);
      await age(client, { lastSeenAt: minutesAgo(29) });
      expect((await client.ok<{ session: unknown }>(SESSION)).session).not.toBeNull();
      await age(client, { lastSeenAt: minutesAgo(31) });
      expect(await client.ok(SESSION)).toEqual({ session: null });
    });

    it('ends an ACTIVE session after 12 hours however busy', async () => {
      const client = await signedIn(server.url, acme.ownerEmail, testPassword);
      await age(client, { createdAt: minutesAgo(12 * 60 + 1), absoluteExpiresAt: minutesAgo(1) });
      expect(await client.ok(SESSION)).toEqual({ session: null });
    });

    it('gives a pending stage 10 minutes', async () => {
      const email = randomEmail('pending');
      await makeUser(server.services, acme.account, { email, userType: UserType.APP_REVIEWER });
      await makeUser(server.services, acme.account, {
        email,
        userType: UserType.APP_REPORT_VIEWER,
      });
      const client = await signedIn(server.url, email, testPassword);
      await age(client, { createdAt: minutesAgo(11), lastSeenAt: minutesAgo(0) });
      expect(await client.ok(SESSION)).toEqual({ session: null });
    });

    it('ends an ENROLLMENT session idle for 15 minutes, and after 1 hour however busy', async () => {
      const enrolling = async () => {
        const member = await makeUser(server.services, acme.account, {
          userType: UserType.APP_REVIEWER,
          requireTwoFactor: true,
        });
        const client = await signedIn(server.url, member.email, member.password);
        const { session } = await client.ok<{ session: { stage: string } }>(SESSION);
        expect(session.stage).toBe('ENROLLMENT');
        return client;
      };
      const idle = await enrolling();
      await age(idle, { lastSeenAt: minutesAgo(14) });
      expect((await idle.ok<{ session: unknown }>(SESSION)).session).not.toBeNull();
      await age(idle, { lastSeenAt: minutesAgo(16) });
      expect(await idle.ok(SESSION)).toEqual({ session: null });

      const busy = await enrolling();
      const own = { tokenHash: hashToken(busy.token ?? '') };
      const sessions = server.dataSource.getRepository(Session);
      await sessions.update(own, { createdAt: minutesAgo(59), lastSeenAt: minutesAgo(0) });
      expect((await busy.ok<{ session: unknown }>(SESSION)).session).not.toBeNull();
      await sessions.update(own, { createdAt: minutesAgo(61), lastSeenAt: minutesAgo(0) });
      expect(await busy.ok(SESSION)).toEqual({ session: null });
    });

    it('ends the sessions of a profile that is suspended', async () => {
      const member = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const client = await signedIn(server.url, member.email, member.password);
      await server.dataSource
        .getRepository(User)
        .update({ id: member.user.id }, { status: UserStatus.SUSPENDED });
      expect(codesOf(await client.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      expect(await new ApiClient(server.url).signIn(member.email, member.password)).toMatchObject({
        errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
      });
    });
  });

  describe('ENROLLMENT stage', () => {
    it('reaches only the session, the viewer’s profile and sign-out', async () => {
      const member = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        requireTwoFactor: true,
      });
      const client = await signedIn(server.url, member.email, member.password);
      const { session } = await client.ok<{
        session: { stage: string; enrollment: { allowedMethods: string[] } };
      }>(SESSION);
      expect(session.stage).toBe(SessionStage.ENROLLMENT);
      // a new account allows SMS to no country, so no type offers it
      expect(session.enrollment.allowedMethods).toEqual(['AUTHENTICATOR_APP', 'PIN', 'PASSKEY']);
      expect(
        await client.ok('{ viewer { displayName twoFactorStatus requireTwoFactor } }'),
      ).toEqual({
        viewer: {
          displayName: member.user.displayName,
          twoFactorStatus: 'OVERDUE',
          requireTwoFactor: true,
        },
      });
      expect(codesOf(await client.request('{ account { id } }'))).toEqual(['ENROLLMENT_REQUIRED']);
      expect(await client.ok('mutation { signOut }')).toEqual({ signOut: true });
    });

    it('lets a profile in grace period through, showing the deadline', async () => {
      const deadline = new Date(Date.now() + 3 * 86_400_000);
      const member = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        requireTwoFactor: true,
        twoFactorDeadline: deadline,
      });
      const client = await signedIn(server.url, member.email, member.password);
      const { session } = await client.ok<{
        session: { stage: string; enrollment: { deadline: string } };
      }>(SESSION);
      expect(session.stage).toBe(SessionStage.ACTIVE);
      expect(new Date(session.enrollment.deadline).getTime()).toBe(deadline.getTime());
    });
  });

  describe('password attempts', () => {
    it('are limited per email in the database, also for unknown emails, and counted per attempt', async () => {
      const victim = await makeUser(server.services, acme.account);
      const unknown = randomEmail('nobody');
      for (const email of [victim.email, unknown]) {
        const attempts = await Promise.all(
          Array.from({ length: 10 }, () =>
            new ApiClient(server.url).signIn(email, 'wrong password'),
          ),
        );
        expect(attempts.flatMap(codesOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
        const blocked = await new ApiClient(server.url).signIn(
          email,
          email === victim.email ? victim.password : 'x'.repeat(8),
        );
        expect(codesOf(blocked)).toEqual(['TOO_MANY_ATTEMPTS']);
        expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(800);
      }
    });

    it('write audit events for success and failure, holding no password', async () => {
      const member = await makeUser(server.services, acme.account);
      await new ApiClient(server.url).signIn(member.email, 'a wrong password 123');
      await signedIn(server.url, member.email, member.password);
      const events = await server.dataSource
        .getRepository(AuditEvent)
        .findBy({ actorIdentityId: member.user.identityId });
      expect(events.map((e) => e.action).sort()).toEqual(['auth.sign_in_failed', 'auth.signed_in']);
      expect(events.every((e) => e.ip === '127.0.0.1')).toBe(true);
      // docs/design.md, Permissions: the failure is the login's own business, the sign-in the profile's account's
      const accountOf = Object.fromEntries(events.map((e) => [e.action, e.accountId]));
      expect(accountOf).toEqual({
        'auth.sign_in_failed': null,
        'auth.signed_in': acme.account.id,
      });
      expect(JSON.stringify(events)).not.toContain('a wrong password 123');
    });
  });
});
