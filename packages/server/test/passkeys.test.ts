import {
  Enforcement,
  ErrorReason,
  SecondFactorKind,
  SessionStage,
  TwoFactorMethod,
  UserType,
} from '@twofold/shared';
import { type ApiClient, codesOf, reasonsOf, signedIn } from '@twofold/testkit/api-client';
import {
  type CeremonyOverrides,
  SoftAuthenticator,
  type SoftCredential,
} from '@twofold/testkit/passkey';
import { releaseTogether } from '@twofold/testkit/release-together';
import { startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { enroll, oathCode, stepOf, VERIFY } from '@twofold/testkit/two-factor';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import {
  PasskeyFactor,
  WebAuthnChallenge,
} from '../src/modules/two-factor/passkey/passkey.entities';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const { AUTHENTICATOR_APP: APP, PASSKEY, PIN } = TwoFactorMethod;

const BEGIN_REGISTRATION = `mutation { beginPasskeyRegistration }`;
const FINISH_REGISTRATION = `mutation ($name: String!, $response: String!) {
  finishPasskeyRegistration(name: $name, response: $response) {
    backupCodes
    session { stage availableSecondFactors }
  }
}`;
const BEGIN_AUTHENTICATION = `mutation { beginPasskeyAuthentication }`;
const SELECT = `mutation ($userId: ID!) { selectProfile(userId: $userId) { stage } }`;
const SESSION = `{ session { stage availableSecondFactors enrollment { allowedMethods } } }`;

interface PasskeyHolder {
  fixture: UserFixture;
  /** Signed in, ACTIVE, the passkey registered. */
  api: ApiClient;
  authenticator: SoftAuthenticator;
  credential: SoftCredential;
  backupCodes: string[];
}

describe('passkeys (WebAuthn) on this database', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let origin: string;

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);

  /** Sets a type's rule in the database, as an owner's save would leave it. */
  const rule = (
    account: AccountFixture,
    userType: UserType,
    enforcement: Enforcement,
    allowedMethods: TwoFactorMethod[],
    phishingResistantOnly = false,
  ) =>
    repo(SecurityPolicy).update(
      { accountId: account.account.id, userType },
      { enforcement, allowedMethods, gracePeriodDays: 0, phishingResistantOnly },
    );

  /** Registers a passkey from `api`'s session with `authenticator`; returns the mutation's answer. */
  async function register(
    api: ApiClient,
    authenticator: SoftAuthenticator,
    name = 'Laptop',
    overrides: CeremonyOverrides & { credential?: SoftCredential } = {},
  ) {
    const begun = await api.ok<{ beginPasskeyRegistration: string }>(BEGIN_REGISTRATION);
    const made = authenticator.register(begun.beginPasskeyRegistration, origin, overrides);
    const result = await api.request<{
      finishPasskeyRegistration: { backupCodes: string[]; session: { stage: string } };
    }>(FINISH_REGISTRATION, { name, response: made.json });
    return { ...made, result, options: JSON.parse(begun.beginPasskeyRegistration) as never };
  }

  /** A reviewer of `account` holding one passkey, signed in (ACTIVE). */
  async function passkeyHolder(account = acme): Promise<PasskeyHolder> {
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    const api = await signedIn(server.url, fixture.email, fixture.password);
    const authenticator = new SoftAuthenticator();
    const { credential, result } = await register(api, authenticator);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    await mailbox.next(fixture.email);
    return {
      fixture,
      api,
      authenticator,
      credential,
      backupCodes: result.data!.finishPasskeyRegistration.backupCodes,
    };
  }

  /** A new session of `holder` at SECOND_FACTOR, and the request options it was given. */
  async function atSecondFactor(holder: PasskeyHolder) {
    const api = await signedIn(server.url, holder.fixture.email, holder.fixture.password);
    const { session } = await api.ok<{ session: { stage: SessionStage } }>(SESSION);
    if (session.stage === SessionStage.PROFILE_SELECTION) {
      await api.ok(SELECT, { userId: holder.fixture.user.id });
    }
    const begun = await api.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    return { api, options: begun.beginPasskeyAuthentication };
  }

  const verify = (api: ApiClient, code: string) =>
    api.request<{ verifySecondFactor: { stage: string } | null }>(VERIFY, {
      kind: SecondFactorKind.PASSKEY,
      code,
    });

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    origin = server.config.publicUrl;
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    await rule(acme, UserType.APP_REVIEWER, Enforcement.OPTIONAL, [APP, PASSKEY]);
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  it('registers a passkey, signs in with it at SECOND_FACTOR and confirms a change with it', async () => {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const api = await signedIn(server.url, fixture.email, fixture.password);
    const authenticator = new SoftAuthenticator(
      Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
    );
    const { credential, result, options } = await register(api, authenticator, '  Work laptop ');
    // what the browser is asked for
    const creation = options as {
      rp: { id: string; name: string };
      user: { name: string; displayName: string };
      authenticatorSelection: { userVerification: string; residentKey: string };
      attestation: string;
      excludeCredentials: unknown[];
    };
    expect(creation.rp).toEqual({ id: new URL(origin).hostname, name: 'Acme' });
    expect(creation.user.name).toBe(fixture.email);
    expect(creation.authenticatorSelection).toMatchObject({
      userVerification: 'required',
      residentKey: 'preferred',
    });
    expect([creation.attestation, creation.excludeCredentials]).toEqual(['none', []]);
    // the first factor: backup codes once, the session on, a mail
    expect(result.errors).toBeUndefined();
    expect(result.data!.finishPasskeyRegistration.backupCodes).toHaveLength(10);
    expect(result.data!.finishPasskeyRegistration.session.stage).toBe(SessionStage.ACTIVE);
    const added = await mailbox.next(fixture.email);
    expect([added.subject, added.text]).toEqual([
      'A passkey was added to your profile in Acme',
      expect.stringMatching(/“Work laptop”[\s\S]*Two-factor authentication is on/),
    ]);
    const stored = await repo(PasskeyFactor).findOneByOrFail({ userId: fixture.user.id });
    expect(stored).toMatchObject({
      credentialId: credential.id,
      name: 'Work laptop',
      signCount: 0,
      transports: ['internal', 'hybrid'],
      aaguid: '00112233-4455-6677-8899-aabbccddeeff',
      lastUsedAt: null,
    });
    // the profile reads its own passkeys
    const own = await api.ok<{ viewer: { passkeys: { id: string; name: string }[] } }>(
      `{ viewer { passkeys { id name createdAt lastUsedAt transports backedUp multiDevice } } }`,
    );
    expect(own.viewer.passkeys).toEqual([
      expect.objectContaining({ id: stored.id, name: 'Work laptop' }),
    ]);
    // a second registration excludes the first passkey
    const again = await api.ok<{ beginPasskeyRegistration: string }>(BEGIN_REGISTRATION);
    expect(
      (
        JSON.parse(again.beginPasskeyRegistration) as { excludeCredentials: { id: string }[] }
      ).excludeCredentials.map((c) => c.id),
    ).toEqual([credential.id]);

    // signing in again asks for it
    const next = await signedIn(server.url, fixture.email, fixture.password);
    const session = await next.ok<{ session: { stage: string; availableSecondFactors: string[] } }>(
      SESSION,
    );
    expect(session.session.stage).toBe(SessionStage.SECOND_FACTOR);
    expect(session.session.availableSecondFactors).toEqual([
      SecondFactorKind.PASSKEY,
      SecondFactorKind.BACKUP_CODE,
    ]);
    const begun = await next.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const request = JSON.parse(begun.beginPasskeyAuthentication) as {
      rpId: string;
      userVerification: string;
      allowCredentials: { id: string; transports: string[] }[];
    };
    expect(request).toMatchObject({
      rpId: new URL(origin).hostname,
      userVerification: 'required',
      allowCredentials: [{ id: credential.id, transports: ['internal', 'hybrid'] }],
    });
    const assertion = authenticator.assert(begun.beginPasskeyAuthentication, origin);
    const verified = await verify(next, assertion.json);
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifySecondFactor!.stage).toBe(SessionStage.ACTIVE);
    // a passkey set up by a session with nothing else held vouches for the login
    const assured = await next.ok<{ session: { loginAssured: boolean } }>(
      `{ session { loginAssured } }`,
    );
    expect(assured.session.loginAssured).toBe(true);
    const used = await repo(PasskeyFactor).findOneByOrFail({ id: stored.id });
    expect(used.signCount).toBe(1);
    expect(used.lastUsedAt).not.toBeNull();

    // step-up: a passkey's answer stands for a current code
    const stepUp = await next.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const regenerated = await next.ok<{ regenerateBackupCodes: string[] }>(
      `mutation ($code: String!) { regenerateBackupCodes(code: $code) }`,
      { code: authenticator.assert(stepUp.beginPasskeyAuthentication, origin).json },
    );
    expect(regenerated.regenerateBackupCodes).toHaveLength(10);
    // the same answer again is a replay: its challenge is used up
    const replay = await next.request(
      `mutation ($code: String!) { regenerateBackupCodes(code: $code) }`,
      { code: authenticator.assert(stepUp.beginPasskeyAuthentication, origin).json },
    );
    expect([codesOf(replay), reasonsOf(replay)]).toEqual([
      ['INVALID_CODE'],
      [ErrorReason.PASSKEY_CHALLENGE_INVALID],
    ]);
  });

  describe('refuses an answer with its closed reason, counted as a wrong code', () => {
    const cases: [
      string,
      ErrorReason,
      (h: PasskeyHolder, options: string, api: ApiClient) => Promise<string> | string,
    ][] = [
      [
        'another origin (a phishing site)',
        ErrorReason.PASSKEY_ORIGIN,
        (h, options) =>
          h.authenticator.assert(options, origin, { origin: 'https://evil.example' }).json,
      ],
      [
        'another relying party',
        ErrorReason.PASSKEY_RP_ID,
        (h, options) => h.authenticator.assert(options, origin, { rpId: 'evil.example' }).json,
      ],
      [
        'no user verification',
        ErrorReason.PASSKEY_USER_NOT_VERIFIED,
        (h, options) => h.authenticator.assert(options, origin, { userVerified: false }).json,
      ],
      [
        'a replayed challenge',
        ErrorReason.PASSKEY_CHALLENGE_INVALID,
        async (h, options, api) => {
          const first = h.authenticator.assert(options, origin, { origin: 'https://evil.example' });
          expect(reasonsOf(await verify(api, first.json))).toEqual([ErrorReason.PASSKEY_ORIGIN]);
          return h.authenticator.assert(options, origin).json;
        },
      ],
      [
        'a challenge of another session',
        ErrorReason.PASSKEY_CHALLENGE_INVALID,
        async (h) => {
          const other = await atSecondFactor(h);
          return h.authenticator.assert(other.options, origin).json;
        },
      ],
      [
        'an expired challenge',
        ErrorReason.PASSKEY_CHALLENGE_EXPIRED,
        async (h, options) => {
          await repo(WebAuthnChallenge).update(
            { userId: h.fixture.user.id },
            { expiresAt: new Date(Date.now() - 1000) },
          );
          return h.authenticator.assert(options, origin).json;
        },
      ],
      [
        'a counter that went backwards',
        ErrorReason.PASSKEY_COUNTER_REGRESSION,
        async (h, options) => {
          await repo(PasskeyFactor).update({ userId: h.fixture.user.id }, { signCount: 7 });
          return h.authenticator.assert(options, origin, { counter: 5 }).json;
        },
      ],
      [
        'a passkey of another user',
        ErrorReason.PASSKEY_UNKNOWN_CREDENTIAL,
        async (_h, options) => {
          const other = await passkeyHolder();
          return other.authenticator.assert(options, origin).json;
        },
      ],
      [
        'a passkey never registered',
        ErrorReason.PASSKEY_UNKNOWN_CREDENTIAL,
        (_h, options) => {
          const stranger = new SoftAuthenticator();
          const { credential } = stranger.register(
            {
              challenge: 'x',
              rp: { id: new URL(origin).hostname, name: 'x' },
              user: { id: 'u', name: 'u' },
            },
            origin,
          );
          return stranger.assert(options, origin, { credential }).json;
        },
      ],
      [
        'a signature of another key',
        ErrorReason.PASSKEY_SIGNATURE,
        (h, options) => {
          const forged = new SoftAuthenticator().register(
            {
              challenge: 'x',
              rp: { id: new URL(origin).hostname, name: 'x' },
              user: { id: 'u', name: 'u' },
            },
            origin,
          ).credential;
          return h.authenticator.assert(options, origin, {
            credential: { ...h.credential, privateKey: forged.privateKey },
          }).json;
        },
      ],
      ['JSON that is no answer', ErrorReason.PASSKEY_MALFORMED, () => '{"id":"abc","response":{}}'],
      ['broken JSON', ErrorReason.PASSKEY_MALFORMED, () => '{not json'],
      [
        'client data of a registration',
        ErrorReason.PASSKEY_MALFORMED,
        (h, options) => h.authenticator.assert(options, origin, { type: 'webauthn.create' }).json,
      ],
    ];
    it.each(cases)('%s: %s', async (_name, reason, answer) => {
      const holder = await passkeyHolder();
      const { api, options } = await atSecondFactor(holder);
      const result = await verify(api, await answer(holder, options, api));
      expect([codesOf(result), reasonsOf(result)]).toEqual([['INVALID_CODE'], [reason]]);
      expect(result.errors![0]!.extensions!.attemptsRemaining).toBeLessThan(5);
      const session = await api.ok<{ session: { stage: string } }>(SESSION);
      expect(session.session.stage).toBe(SessionStage.SECOND_FACTOR);
      if (reason === ErrorReason.PASSKEY_COUNTER_REGRESSION) {
        const events = await repo(AuditEvent).findBy({
          action: 'two_factor.passkey_counter_regression',
          targetId: holder.fixture.user.id,
        });
        expect(events).toHaveLength(1);
        expect(events[0]!.details).toMatchObject({ storedCounter: 7 });
        expect(events[0]!.accountId).toBe(acme.account.id);
      }
    });
  });

  it('confirms turning 2FA off and an administrator’s reset with a passkey', async () => {
    const holder = await passkeyHolder();
    const begun = await holder.api.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const off = await holder.api.request(
      `mutation ($code: String!) { disableTwoFactor(code: $code) { id } }`,
      { code: holder.authenticator.assert(begun.beginPasskeyAuthentication, origin).json },
    );
    expect(off.errors).toBeUndefined();
    expect(await repo(PasskeyFactor).countBy({ userId: holder.fixture.user.id })).toBe(0);

    // an administrator whose own factor is a passkey confirms a reset with it
    const adminFixture = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
    });
    await rule(acme, UserType.ADMINISTRATOR, Enforcement.OPTIONAL, [APP, PASSKEY]);
    const adminApi = await signedIn(server.url, adminFixture.email, adminFixture.password);
    const adminKey = new SoftAuthenticator();
    expect((await register(adminApi, adminKey)).result.errors).toBeUndefined();
    await mailbox.next(adminFixture.email);
    const target = await passkeyHolder();
    const reset = `mutation ($id: ID!, $code: String) {
      resetTwoFactor(userId: $id, reason: "lost laptop", code: $code) { id }
    }`;
    // a typed code that is wrong, then the passkey
    const wrong = await adminApi.request(reset, { id: target.fixture.user.id, code: '000000' });
    expect(codesOf(wrong)).toEqual(['INVALID_CODE']);
    const stepUp = await adminApi.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const done = await adminApi.request(reset, {
      id: target.fixture.user.id,
      code: adminKey.assert(stepUp.beginPasskeyAuthentication, origin).json,
    });
    expect(done.errors).toBeUndefined();
    expect(await repo(PasskeyFactor).countBy({ userId: target.fixture.user.id })).toBe(0);
  });

  it('never lets another profile of the same login lean on a passkey', async () => {
    const holder = await passkeyHolder();
    const account = await makeAccount(server.services, 'Second');
    await rule(account, UserType.APP_REVIEWER, Enforcement.OPTIONAL, [APP, PASSKEY]);
    const second = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
      email: holder.fixture.email,
    });
    const api = await signedIn(server.url, holder.fixture.email, holder.fixture.password);
    await api.ok(SELECT, { userId: second.user.id });
    // the second profile holds no passkey: nothing to ask for, and no challenge to answer
    const begun = await api.request(BEGIN_AUTHENTICATION);
    expect([codesOf(begun), reasonsOf(begun)]).toEqual([['CONFLICT'], [ErrorReason.NOT_ENROLLED]]);
    const own = await api.ok<{ viewer: { passkeys: unknown[] } }>(`{ viewer { passkeys { id } } }`);
    expect(own.viewer.passkeys).toEqual([]);
    // an answer for the first profile's challenge does not confirm anything in the second
    const first = await atSecondFactor(holder);
    const answer = holder.authenticator.assert(first.options, origin).json;
    const regenerated = await api.request(
      `mutation ($code: String!) { regenerateBackupCodes(code: $code) }`,
      { code: answer },
    );
    expect(codesOf(regenerated)).not.toEqual([]);
    expect(regenerated.data?.regenerateBackupCodes ?? null).toBeNull();
  });

  it('refuses a passkey removed from the profile', async () => {
    const holder = await passkeyHolder();
    const spare = new SoftAuthenticator();
    expect((await register(holder.api, spare, 'Spare')).result.errors).toBeUndefined();
    await mailbox.next(holder.fixture.email);
    const [first] = await repo(PasskeyFactor).find({
      where: { userId: holder.fixture.user.id },
      order: { createdAt: 'ASC' },
    });
    const stepUp = await holder.api.ok<{ beginPasskeyAuthentication: string }>(
      BEGIN_AUTHENTICATION,
    );
    const removed = await holder.api.request(
      `mutation ($id: ID!, $code: String!) { removePasskey(id: $id, code: $code) { id } }`,
      {
        id: first!.id,
        code: spare.assert(stepUp.beginPasskeyAuthentication, origin).json,
      },
    );
    expect(removed.errors).toBeUndefined();
    expect((await mailbox.next(holder.fixture.email)).text).toMatch(/Laptop.*was removed/);
    const { api, options } = await atSecondFactor(holder);
    const result = await verify(
      api,
      holder.authenticator.assert(options, origin, { credential: holder.credential }).json,
    );
    expect(reasonsOf(result)).toEqual([ErrorReason.PASSKEY_UNKNOWN_CREDENTIAL]);
    expect((await verify(api, spare.assert(options, origin).json)).errors).toBeDefined();
    // the spare one works with a new challenge
    const again = await api.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const ok = await verify(api, spare.assert(again.beginPasskeyAuthentication, origin).json);
    expect(ok.data?.verifySecondFactor?.stage).toBe(SessionStage.ACTIVE);
  });

  it('purges expired challenges and keeps live ones', async () => {
    const holder = await passkeyHolder();
    const stale = await atSecondFactor(holder);
    const live = await atSecondFactor(holder);
    const staleSession = (
      await repo(WebAuthnChallenge).find({
        where: { userId: holder.fixture.user.id },
        order: { createdAt: 'ASC' },
      })
    )[0]!;
    await repo(WebAuthnChallenge).update(
      { id: staleSession.id },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const { counts } = await server.services.purge.run(new Date());
    expect(counts.webAuthnChallenges).toBe(1);
    expect(await repo(WebAuthnChallenge).countBy({ userId: holder.fixture.user.id })).toBe(1);
    const refused = await verify(
      stale.api,
      holder.authenticator.assert(stale.options, origin).json,
    );
    expect(reasonsOf(refused)).toEqual([ErrorReason.PASSKEY_CHALLENGE_INVALID]);
    const accepted = await verify(live.api, holder.authenticator.assert(live.options, origin).json);
    expect(accepted.data?.verifySecondFactor?.stage).toBe(SessionStage.ACTIVE);
  });

  it('accepts one of the same answer sent many times at once', async () => {
    const holder = await passkeyHolder();
    const { api, options } = await atSecondFactor(holder);
    const answer = holder.authenticator.assert(options, origin).json;
    const results = await releaseTogether(
      server.url,
      // fewer than the lockout's 5: each is reserved before it is checked
      Array.from({ length: 4 }, () => ({
        query: VERIFY,
        variables: { kind: SecondFactorKind.PASSKEY, code: answer },
        token: api.token,
      })),
    );
    const accepted = results.filter((r) => !r.errors);
    expect(accepted).toHaveLength(1);
    // the others find the challenge used up, or the session already past the step
    for (const refused of results.filter((r) => r.errors)) {
      expect([['INVALID_CODE'], ['FORBIDDEN']]).toContainEqual(
        refused.errors!.map((e) => e.extensions?.code),
      );
    }
    expect(
      (await repo(PasskeyFactor).findOneByOrFail({ userId: holder.fixture.user.id })).signCount,
    ).toBe(1);
  });

  it('counts every alias of one document in the lockout, and 5 wrong answers lock the step', async () => {
    const holder = await passkeyHolder();
    const { api } = await atSecondFactor(holder);
    const aliases = Array.from(
      { length: 5 },
      (_, i) =>
        `a${i}: verifySecondFactor(kind: PASSKEY, code: "{\\"id\\":\\"x${i}\\"}") { stage }`,
    ).join('\n');
    const result = await api.request(`mutation { ${aliases} }`);
    expect(
      codesOf(result).every((code) => code === 'INVALID_CODE' || code === 'TOO_MANY_ATTEMPTS'),
    ).toBe(true);
    const begun = await api.request<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const after = await verify(
      api,
      holder.authenticator.assert(begun.data!.beginPasskeyAuthentication, origin).json,
    );
    expect(codesOf(after)).toEqual(['TOO_MANY_ATTEMPTS']);

    // one at a time, each with its own challenge, like codes
    const other = await passkeyHolder();
    const second = await atSecondFactor(other);
    const left: unknown[] = [];
    let options = second.options;
    for (let i = 0; i < 5; i += 1) {
      const wrong = await verify(
        second.api,
        other.authenticator.assert(options, origin, { origin: 'https://evil.example' }).json,
      );
      left.push(wrong.errors![0]!.extensions!.attemptsRemaining);
      options = (await second.api.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION))
        .beginPasskeyAuthentication;
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const locked = await verify(second.api, other.authenticator.assert(options, origin).json);
    expect(codesOf(locked)).toEqual(['TOO_MANY_ATTEMPTS']);
  });

  it('refuses registrations it cannot trust, each with its reason', async () => {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const api = await signedIn(server.url, fixture.email, fixture.password);
    const authenticator = new SoftAuthenticator();
    const refusals: [CeremonyOverrides, ErrorReason][] = [
      [{ origin: 'https://evil.example' }, ErrorReason.PASSKEY_ORIGIN],
      [{ rpId: 'evil.example' }, ErrorReason.PASSKEY_RP_ID],
      [{ userVerified: false }, ErrorReason.PASSKEY_USER_NOT_VERIFIED],
      [{ challenge: 'bm90LW91cnM' }, ErrorReason.PASSKEY_CHALLENGE_INVALID],
    ];
    for (const [overrides, reason] of refusals) {
      const { result } = await register(api, authenticator, 'Laptop', overrides);
      expect([overrides, codesOf(result), reasonsOf(result)]).toEqual([
        overrides,
        ['BAD_USER_INPUT'],
        [reason],
      ]);
    }
    const garbage = await api.request(FINISH_REGISTRATION, { name: 'x', response: '[1,2' });
    expect(reasonsOf(garbage)).toEqual([ErrorReason.PASSKEY_MALFORMED]);
    const unnamed = await register(api, authenticator, '   ');
    expect(unnamed.result.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'name' }],
    });
    expect(await repo(PasskeyFactor).countBy({ userId: fixture.user.id })).toBe(0);

    // one authenticator's credential registered by another profile: CONFLICT
    const holder = await passkeyHolder();
    const clone = await register(api, authenticator, 'Clone', { credential: holder.credential });
    expect([codesOf(clone.result), reasonsOf(clone.result)]).toEqual([
      ['CONFLICT'],
      [ErrorReason.PASSKEY_ALREADY_REGISTERED],
    ]);

    // a type without passkeys
    const viewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REPORT_VIEWER,
    });
    await rule(acme, UserType.APP_REPORT_VIEWER, Enforcement.OPTIONAL, [APP]);
    const viewerApi = await signedIn(server.url, viewer.email, viewer.password);
    const forbidden = await viewerApi.request(BEGIN_REGISTRATION);
    expect([codesOf(forbidden), reasonsOf(forbidden)]).toEqual([
      ['FORBIDDEN'],
      [ErrorReason.METHOD_NOT_ALLOWED],
    ]);
  });

  it('lets administrators see and remove passkeys, and the profile rename them', async () => {
    const holder = await passkeyHolder();
    const [passkey] = await repo(PasskeyFactor).findBy({ userId: holder.fixture.user.id });
    const renamed = await holder.api.ok<{ renamePasskey: { name: string } }>(
      `mutation ($id: ID!) { renamePasskey(id: $id, name: " Phone ") { name } }`,
      { id: passkey!.id },
    );
    expect(renamed.renamePasskey.name).toBe('Phone');
    const tooLong = await holder.api.request(
      `mutation ($id: ID!, $name: String!) { renamePasskey(id: $id, name: $name) { name } }`,
      { id: passkey!.id, name: 'x'.repeat(65) },
    );
    expect(codesOf(tooLong)).toEqual(['BAD_USER_INPUT']);
    // someone else's passkey does not exist for the caller
    const other = await passkeyHolder();
    const notFound = await other.api.request(
      `mutation ($id: ID!) { renamePasskey(id: $id, name: "Mine") { name } }`,
      { id: passkey!.id },
    );
    expect(codesOf(notFound)).toEqual(['NOT_FOUND']);
    const othersRead = await other.api.request<{ user: { passkeys: unknown } | null }>(
      `query ($id: ID!) { user(id: $id) { passkeys { id } } }`,
      { id: holder.fixture.user.id },
    );
    expect(othersRead.data?.user?.passkeys ?? null).toBeNull();

    const read = await owner.ok<{
      user: {
        passkeys: { id: string; name: string }[];
        secondFactors: { id: string; kind: string; label: string | null }[];
      };
    }>(
      `query ($id: ID!) { user(id: $id) { passkeys { id name } secondFactors { id kind label } } }`,
      { id: holder.fixture.user.id },
    );
    expect(read.user.passkeys).toEqual([{ id: passkey!.id, name: 'Phone' }]);
    expect(read.user.secondFactors).toEqual([
      { id: `passkey:${passkey!.id}`, kind: 'PASSKEY', label: 'Phone' },
      expect.objectContaining({ kind: 'BACKUP_CODE' }),
    ]);
    const reset = await owner.request(
      `mutation ($id: ID!, $factors: [ID!]) {
        resetTwoFactor(userId: $id, reason: "lost phone", factorIds: $factors) { id }
      }`,
      { id: holder.fixture.user.id, factors: [`passkey:${passkey!.id}`] },
    );
    expect(reset.errors).toBeUndefined();
    expect(await repo(PasskeyFactor).countBy({ userId: holder.fixture.user.id })).toBe(0);
    const user = await repo(User).findOneByOrFail({ id: holder.fixture.user.id });
    expect(user.twoFactorHeld).toBe(0);
  });

  it('keeps the last passkey where 2FA is required, and counts passkeys in compliance and the users filter', async () => {
    const account = await makeAccount(server.services, 'Counted');
    await rule(account, UserType.APP_REVIEWER, Enforcement.REQUIRED, [APP, PASSKEY]);
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    const api = await signedIn(server.url, fixture.email, fixture.password);
    expect((await api.ok<{ session: { stage: string } }>(SESSION)).session.stage).toBe(
      SessionStage.ENROLLMENT,
    );
    const authenticator = new SoftAuthenticator();
    const { result } = await register(api, authenticator);
    expect(result.data?.finishPasskeyRegistration.session.stage).toBe(SessionStage.ACTIVE);
    await mailbox.next(fixture.email);

    const [passkey] = await repo(PasskeyFactor).findBy({ userId: fixture.user.id });
    const stepUp = await api.ok<{ beginPasskeyAuthentication: string }>(BEGIN_AUTHENTICATION);
    const kept = await api.request(
      `mutation ($id: ID!, $code: String!) { removePasskey(id: $id, code: $code) { id } }`,
      {
        id: passkey!.id,
        code: authenticator.assert(stepUp.beginPasskeyAuthentication, origin).json,
      },
    );
    expect([codesOf(kept), reasonsOf(kept)]).toEqual([
      ['CONFLICT'],
      [ErrorReason.TWO_FACTOR_REQUIRED],
    ]);

    // optional, but phishing-resistant only: the last passkey stays too
    const optional = await makeAccount(server.services, 'Optional');
    await rule(optional, UserType.APP_REVIEWER, Enforcement.OPTIONAL, [PASSKEY], true);
    const relaxed = await passkeyHolder(optional);
    const [its] = await repo(PasskeyFactor).findBy({ userId: relaxed.fixture.user.id });
    const relaxedStepUp = await relaxed.api.ok<{ beginPasskeyAuthentication: string }>(
      BEGIN_AUTHENTICATION,
    );
    const stays = await relaxed.api.request(
      `mutation ($id: ID!, $code: String!) { removePasskey(id: $id, code: $code) { id } }`,
      {
        id: its!.id,
        code: relaxed.authenticator.assert(relaxedStepUp.beginPasskeyAuthentication, origin).json,
      },
    );
    expect(reasonsOf(stays)).toEqual([ErrorReason.TWO_FACTOR_REQUIRED]);

    const accountOwner = await signedIn(server.url, account.ownerEmail, account.password);
    const compliance = await accountOwner.ok<{
      twoFactorCompliance: { userType: UserType; enrolled: number; pinOnly: number }[];
    }>(`{ twoFactorCompliance { userType enrolled pinOnly } }`);
    expect(
      compliance.twoFactorCompliance.find((c) => c.userType === UserType.APP_REVIEWER),
    ).toEqual({ userType: UserType.APP_REVIEWER, enrolled: 1, pinOnly: 0 });
    const enrolled = await accountOwner.ok<{ users: { nodes: { id: string }[] } }>(
      `{ users(filter: { twoFactorStatus: ENROLLED }) { nodes { id } } }`,
    );
    expect(enrolled.users.nodes.map((u) => u.id)).toContain(fixture.user.id);
    const stored = await repo(User).findOneByOrFail({ id: fixture.user.id });
    expect([stored.twoFactorHeld, stored.twoFactorPossession]).toEqual([8, true]);
  });

  it('puts an app-only profile of a phishing-resistant-only type into ENROLLMENT for a passkey', async () => {
    const account = await makeAccount(server.services, 'Phish');
    await rule(account, UserType.APP_REVIEWER, Enforcement.REQUIRED, [APP, PIN, PASSKEY]);
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    const first = await signedIn(server.url, fixture.email, fixture.password);
    const { secret } = await enroll(first);
    await mailbox.next(fixture.email);
    const accountOwner = await signedIn(server.url, account.ownerEmail, account.password);

    // the preview counts them before the owner saves
    const input = {
      userType: UserType.APP_REVIEWER,
      enforcement: Enforcement.REQUIRED,
      allowedMethods: [APP, PIN, PASSKEY],
      gracePeriodDays: 0,
      phishingResistantOnly: true,
    };
    const preview = await accountOwner.ok<{
      securityPolicyImpact: { users: number; notEnrolled: number; withoutPasskey: number };
    }>(
      `query ($input: SecurityPolicyInput!) {
        securityPolicyImpact(input: $input) { users notEnrolled withoutPasskey onlyRemovedMethods }
      }`,
      { input },
    );
    expect(preview.securityPolicyImpact).toMatchObject({
      users: 1,
      notEnrolled: 1,
      withoutPasskey: 1,
    });
    await accountOwner.ok(
      `mutation ($input: SecurityPolicyInput!) { updateSecurityPolicy(input: $input) { userType } }`,
      { input },
    );
    const overdue = await accountOwner.ok<{ users: { nodes: { id: string }[] } }>(
      `{ users(filter: { twoFactorStatus: OVERDUE }) { nodes { id } } }`,
    );
    expect(overdue.users.nodes.map((u) => u.id)).toEqual([fixture.user.id]);

    // the app still guards sign-in, then a passkey must be added
    const api = await signedIn(server.url, fixture.email, fixture.password);
    const verified = await api.ok<{ verifySecondFactor: { stage: string } }>(VERIFY, {
      kind: SecondFactorKind.AUTHENTICATOR_APP,
      code: oathCode(secret, stepOf(Date.now()) + 1),
    });
    expect(verified.verifySecondFactor.stage).toBe(SessionStage.ENROLLMENT);
    const session = await api.ok<{ session: { enrollment: { allowedMethods: string[] } } }>(
      SESSION,
    );
    expect(session.session.enrollment.allowedMethods).toEqual([PASSKEY]);
    const authenticator = new SoftAuthenticator();
    const { result } = await register(api, authenticator);
    expect(result.data?.finishPasskeyRegistration.session.stage).toBe(SessionStage.ACTIVE);

    // from now on the passkey (or a backup code) alone is accepted
    const later = await signedIn(server.url, fixture.email, fixture.password);
    const asked = await later.ok<{ session: { availableSecondFactors: string[] } }>(SESSION);
    expect(asked.session.availableSecondFactors).toEqual([
      SecondFactorKind.PASSKEY,
      SecondFactorKind.BACKUP_CODE,
    ]);
    const byApp = await later.request(VERIFY, {
      kind: SecondFactorKind.AUTHENTICATOR_APP,
      code: oathCode(secret, stepOf(Date.now()) - 1),
    });
    expect([codesOf(byApp), reasonsOf(byApp)]).toEqual([
      ['INVALID_CODE'],
      [ErrorReason.NOT_ENROLLED],
    ]);
    const after = await accountOwner.ok<{
      securityPolicyImpact: { withoutPasskey: number; notEnrolled: number };
    }>(
      `query ($input: SecurityPolicyInput!) {
        securityPolicyImpact(input: $input) { withoutPasskey notEnrolled }
      }`,
      { input },
    );
    expect(after.securityPolicyImpact).toEqual({ withoutPasskey: 0, notEnrolled: 0 });
  });
});
