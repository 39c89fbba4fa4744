import { randomUUID } from 'node:crypto';
import { Enforcement, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, reasonsOf, signedIn } from '@twofold/testkit/api-client';
import { enroll, oathCode, VERIFY } from '@twofold/testkit/two-factor';
import { verifyPassword } from '../src/crypto/password';
import { Identity } from '../src/modules/identity/identity.entity';
import { Session } from '../src/modules/session/session.entity';
import { runMigrations } from '../src/db/migrate';
import { LinkPurpose, linkLifetimes } from '../src/modules/link-token/link-token.service';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import {
  AuthenticatorFactor,
  FactorStatus,
  PinFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { makeAccount, makeUser, testPassword } from './helpers/factories';
import { User } from '../src/modules/user/user.entity';
import { changeRule } from '../src/modules/rate-limit/rate-limit.service';
import { startTestServer, type TestServer } from './helpers/test-server';
import { undoLastMigration } from './helpers/test-database';

const SELECT = `mutation ($userId: ID!) { selectProfile(userId: $userId) { stage } }`;
const LOGIN = `{ session { loginAssured } login { email securityEvents { nodes { action } } } }`;
const SESSIONS = `{ mySessions { id current } }`;
const REVOKE = `mutation ($id: ID!) { revokeSession(id: $id) }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next)
}`;
const SET_PIN = `mutation { setPin(pin: "2580", pinConfirmation: "2580") { session { stage } } }`;

/**
 * Login assurance (docs/design.md, Login assurance): a login with an authenticator in account A
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

/** What a fresh pair of eyes tried against the first version of the rule: each must fail. */
describe('login assurance under the attacks of a review', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  /** A login with a profile in each of `count` new accounts, the first an administrator. */
  async function login(count: number): Promise<{ email: string; profiles: string[] }> {
    const profiles: string[] = [];
    let email: string | undefined;
    for (let i = 0; i < count; i++) {
      const { account } = await makeAccount(server.services);
      const made = await makeUser(server.services, account, {
        userType: i === 0 ? UserType.ADMINISTRATOR : UserType.APP_REVIEWER,
        ...(email ? { email } : {}),
      });
      email = made.email;
      profiles.push(made.user.id);
    }
    return { email: email!, profiles };
  }

  async function signInTo(email: string, profile: string): Promise<ApiClient> {
    const client = await signedIn(server.url, email, testPassword);
    await client.ok(SELECT, { userId: profile });
    return client;
  }

  async function expectNoPowers(client: ApiClient): Promise<void> {
    expect(await client.ok<{ session: { loginAssured: boolean }; login: unknown }>(LOGIN)).toEqual({
      session: { loginAssured: false },
      login: null,
    });
    const change = await client.request(CHANGE_PASSWORD, {
      current: testPassword,
      next: 'the attacker’s password',
    });
    expect(reasonsOf(change)).toEqual(['LOGIN_NOT_ASSURED']);
  }

  it('counts a factor that does not vouch as protecting the login (C’s 2FA turned off)', async () => {
    const { email, profiles } = await login(3);
    const [a, b, c] = profiles as [string, string, string];
    // the login's first factor in C; the authenticator in A comes later, on the password's word
    const inC = await enroll(await signInTo(email, c));
    await enroll(await signInTo(email, a));
    const again = await signInTo(email, c);
    await again.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code: oathCode(inC.secret, inC.step + 1) });
    await again.ok(`mutation ($code: String!) { disableTwoFactor(code: $code) { id } }`, {
      code: inC.backupCodes[0],
    });
    // A still asks for its authenticator, so the password alone in B gets nothing login-wide
    await expectNoPowers(await signInTo(email, b));
  });

  it('keeps a PIN set on the password’s word from vouching after an enrollment link', async () => {
    const { email, profiles } = await login(2);
    const [a, b] = profiles as [string, string];
    await enroll(await signInTo(email, a));
    await (await signInTo(email, b)).ok(SET_PIN);
    // the real user, stuck at B's unknown PIN, gets an enrollment link from B's administrator
    const identity = await server.dataSource.getRepository(Identity).findOneByOrFail({ email });
    const link = await server.services.linkTokens.issue(
      LinkPurpose.ENROLLMENT,
      identity.id,
      b,
      linkLifetimes.ENROLLMENT,
    );
    await enroll(await signInTo(email, b), link);
    // the planted PIN still vouches for nothing
    const attacker = await signInTo(email, b);
    await attacker.ok(VERIFY, { kind: 'PIN', code: '2580' });
    await expectNoPowers(attacker);
  });

  it('keeps a PIN planted while A’s policy was OFF from vouching once it is on again', async () => {
    const { email, profiles } = await login(2);
    const [a, b] = profiles as [string, string];
    const { accountId } = await server.dataSource.getRepository(User).findOneByOrFail({ id: a });
    await enroll(await signInTo(email, a));
    const policies = server.dataSource.getRepository(SecurityPolicy);
    const where = { accountId, userType: UserType.ADMINISTRATOR };
    await policies.update(where, { enforcement: Enforcement.OFF });
    await (await signInTo(email, b)).ok(SET_PIN);
    await policies.update(where, { enforcement: Enforcement.OPTIONAL });
    const attacker = await signInTo(email, b);
    await attacker.ok(VERIFY, { kind: 'PIN', code: '2580' });
    await expectNoPowers(attacker);
  });

  it('counts PIN changes per profile: B’s changes leave A’s PIN alone', async () => {
    const { email, profiles } = await login(2);
    const [a, b] = profiles as [string, string];
    const inB = await signInTo(email, b);
    await inB.ok(SET_PIN);
    const change = `mutation { changePin(currentPin: "2580", newPin: "2580", newPinConfirmation: "2580") }`;
    for (let i = 1; i < changeRule.limit; i++) await inB.ok(change);
    expect(codesOf(await inB.request(change))).toEqual(['TOO_MANY_ATTEMPTS']);
    await (await signInTo(email, a)).ok(SET_PIN);
  });
});

describe('the migration to login assurance', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('leaves vouching only the factors of each login’s earliest profile with one', async () => {
    const { dataSource } = server;
    const { account: a } = await makeAccount(server.services);
    const { account: b } = await makeAccount(server.services);
    const inA = await makeUser(server.services, a);
    const inB = await makeUser(server.services, b, { email: inA.email });
    const alone = await makeUser(server.services, b);
    const t0 = new Date('2026-11-01T10:00:00.000Z');
    const t1 = new Date('2026-11-02T10:00:00.000Z');
    const app = await dataSource.getRepository(AuthenticatorFactor).save({
      id: randomUUID(),
      userId: inA.user.id,
      secretSealed: 'sealed',
      status: FactorStatus.ACTIVE,
      lastUsedStep: null,
      createdAt: t0,
      confirmedAt: t0,
      viaLink: false,
    });
    const pins = dataSource.getRepository(PinFactor);
    // the PIN set up later in B, as the attack did before this release; and a login of its own
    for (const userId of [inB.user.id, alone.user.id]) {
      await pins.insert({ userId, pinHash: 'hash', createdAt: t1, updatedAt: t1 });
    }

    const executed = async () =>
      (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).map(
        (m) => m.name,
      );
    while ((await executed()).some((name) => name.startsWith('LoginBoundary'))) {
      await undoLastMigration(dataSource);
    }
    await runMigrations(dataSource);

    const apps = dataSource.getRepository(AuthenticatorFactor);
    const pinVouches = async (userId: string) =>
      (await pins.findOneByOrFail({ userId })).vouchesForLogin;
    expect((await apps.findOneByOrFail({ id: app.id })).vouchesForLogin).toBe(true);
    expect(await pinVouches(inB.user.id)).toBe(false);
    expect(await pinVouches(alone.user.id)).toBe(true);
  });
});
