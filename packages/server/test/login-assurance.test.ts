import { UserType } from '@twofold/shared';
import { verifyPassword } from '../src/crypto/password';
import { Identity } from '../src/modules/identity/identity.entity';
import { Session } from '../src/modules/session/session.entity';
import { type ApiClient, codesOf, reasonsOf, signedIn } from './helpers/api-client';
import { makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';
import { enroll, oathCode, VERIFY } from './helpers/two-factor';

const SELECT = `mutation ($userId: ID!) { selectProfile(userId: $userId) { stage } }`;
const LOGIN = `{ session { loginAssured } login { email securityEvents { nodes { action } } } }`;
const SESSIONS = `{ mySessions { id current } }`;
const REVOKE = `mutation ($id: ID!) { revokeSession(id: $id) }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next)
}`;
const SET_PIN = `mutation { setPin(pin: "2580", pinConfirmation: "2580") { session { stage } } }`;

/**
 * Login assurance (docs/design.md, "Login assurance"): a login with an authenticator in account A
 * and no second factor in account B. Knowing only the password, an attacker signs in to B; the
 * login-wide powers (activity, password, A's sessions) stay out of reach, also after B's first PIN.
 */
describe('a login is as strong as its strongest profile', () => {
  let server: TestServer;
  let email: string;
  let profileA: string;
  let profileB: string;
  let secret: string;
  let step: number;
  /** The owner's session in A, past the authenticator it already held. */
  let owner: ApiClient;
  let ownerSessionId: string;

  async function signInTo(profile: string): Promise<ApiClient> {
    const client = await signedIn(server.url, email, testPassword);
    await client.ok(SELECT, { userId: profile });
    return client;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const { account: a } = await makeAccount(server.services, 'Alpha');
    const { account: b } = await makeAccount(server.services, 'Bravo');
    const inA = await makeUser(server.services, a, { userType: UserType.ADMINISTRATOR });
    email = inA.email;
    profileA = inA.user.id;
    profileB = (await makeUser(server.services, b, { userType: UserType.APP_REVIEWER, email })).user
      .id;

    const enrolling = await signInTo(profileA);
    ({ secret, step } = await enroll(enrolling));
    owner = await signInTo(profileA);
    const verified = await owner.ok<{ verifySecondFactor: { stage: string } }>(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(secret, step + 1),
    });
    expect(verified.verifySecondFactor.stage).toBe('ACTIVE');
    const mine = await owner.ok<{ mySessions: { id: string; current: boolean }[] }>(SESSIONS);
    ownerSessionId = mine.mySessions.find((s) => s.current)!.id;
  });
  afterAll(async () => {
    await server.close();
  });

  /** B's profile past the PIN the password-only session set up there. */
  async function signInToB(): Promise<ApiClient> {
    const client = await signInTo(profileB);
    const verified = await client.ok<{ verifySecondFactor: { stage: string } }>(VERIFY, {
      kind: 'PIN',
      code: '2580',
    });
    expect(verified.verifySecondFactor.stage).toBe('ACTIVE');
    return client;
  }

  async function ownerStillSignedIn(): Promise<void> {
    const { session } = await owner.ok<{ session: { stage: string } | null }>(
      '{ session { stage } }',
    );
    expect(session?.stage).toBe('ACTIVE');
  }

  it('hides the login’s activity and email from a session of the profile without 2FA', async () => {
    const attacker = await signInTo(profileB);
    const result = await attacker.ok<{ session: { loginAssured: boolean }; login: unknown }>(LOGIN);
    expect(result).toEqual({ session: { loginAssured: false }, login: null });
  });

  it('refuses a password change with LOGIN_NOT_ASSURED and ends no session', async () => {
    const attacker = await signInTo(profileB);
    const result = await attacker.request(CHANGE_PASSWORD, {
      current: testPassword,
      next: 'a whole new password',
    });
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(reasonsOf(result)).toEqual(['LOGIN_NOT_ASSURED']);
    const login = await server.dataSource.getRepository(Identity).findOneByOrFail({ email });
    expect(await verifyPassword(login.passwordHash, testPassword)).toBe(true);
    await ownerStillSignedIn();
  });

  it('neither lists nor ends A’s sessions, also after setting a first PIN in B', async () => {
    const attacker = await signInTo(profileB);
    const { setPin } = await attacker.ok<{ setPin: { session: { stage: string } } }>(SET_PIN);
    expect(setPin.session.stage).toBe('ACTIVE');

    const listed = await attacker.ok<{ mySessions: { id: string }[] }>(SESSIONS);
    expect(listed.mySessions.map((s) => s.id)).not.toContain(ownerSessionId);
    const sessions = await server.dataSource.getRepository(Session).findBy({ userId: profileB });
    expect(listed.mySessions.map((s) => s.id).sort()).toEqual(sessions.map((s) => s.id).sort());

    const revoke = await attacker.request(REVOKE, { id: ownerSessionId });
    expect(codesOf(revoke)).toEqual(['NOT_FOUND']);
    await ownerStillSignedIn();

    // enrolling that PIN granted nothing login-wide
    const after = await attacker.ok<{ session: { loginAssured: boolean }; login: unknown }>(LOGIN);
    expect(after).toEqual({ session: { loginAssured: false }, login: null });
    const change = await attacker.request(CHANGE_PASSWORD, {
      current: testPassword,
      next: 'a whole new password',
    });
    expect(reasonsOf(change)).toEqual(['LOGIN_NOT_ASSURED']);

    // nor does verifying it in a later sign-in: a PIN set on the password's word vouches for nothing
    const later = await signInToB();
    expect(await later.ok<{ session: { loginAssured: boolean }; login: unknown }>(LOGIN)).toEqual({
      session: { loginAssured: false },
      login: null,
    });
    expect(
      reasonsOf(
        await later.request(CHANGE_PASSWORD, {
          current: testPassword,
          next: 'a whole new password',
        }),
      ),
    ).toEqual(['LOGIN_NOT_ASSURED']);
    await ownerStillSignedIn();
  });

  it('gives the login-wide powers to the session that verified a factor it held', async () => {
    const attacker = await signInToB();
    const result = await owner.ok<{
      session: { loginAssured: boolean };
      login: { email: string; securityEvents: { nodes: { action: string }[] } };
    }>(LOGIN);
    expect(result.session.loginAssured).toBe(true);
    expect(result.login.email).toBe(email);
    expect(result.login.securityEvents.nodes.map((e) => e.action)).toContain('auth.signed_in');

    const listed = await owner.ok<{ mySessions: { id: string }[] }>(SESSIONS);
    const attackerSession = await attacker.ok<{ mySessions: { id: string; current: boolean }[] }>(
      SESSIONS,
    );
    const attackerId = attackerSession.mySessions.find((s) => s.current)!.id;
    expect(listed.mySessions.map((s) => s.id)).toContain(attackerId);
    await owner.ok(REVOKE, { id: attackerId });
    expect((await attacker.ok<{ session: unknown }>('{ session { stage } }')).session).toBeNull();
  });

  it('does not count enrolling the login’s first factor, and counts it once verified', async () => {
    const { account } = await makeAccount(server.services, 'Charlie');
    const fresh = await makeUser(server.services, account, { userType: UserType.APP_REVIEWER });
    const client = await signedIn(server.url, fresh.email, fresh.password);
    // no factor anywhere: the password is all the login has, and it is enough
    expect(
      (await client.ok<{ session: { loginAssured: boolean } }>('{ session { loginAssured } }'))
        .session.loginAssured,
    ).toBe(true);
    const enrolled = await enroll(client);
    const refused = await client.request(CHANGE_PASSWORD, {
      current: fresh.password,
      next: 'a whole new password',
    });
    expect(reasonsOf(refused)).toEqual(['LOGIN_NOT_ASSURED']);

    const again = await signedIn(server.url, fresh.email, fresh.password);
    await again.ok(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(enrolled.secret, enrolled.step + 1),
    });
    await again.ok(CHANGE_PASSWORD, { current: fresh.password, next: 'a whole new password' });
    const login = await server.dataSource
      .getRepository(Identity)
      .findOneByOrFail({ email: fresh.email });
    expect(await verifyPassword(login.passwordHash, 'a whole new password')).toBe(true);
  });
});
