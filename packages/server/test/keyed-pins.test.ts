import { hash, verify } from '@node-rs/argon2';
import { UserType } from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { argon2Options } from '../src/crypto/password';
import { PinFactor } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

const SET_PIN = `mutation ($pin: String!, $confirmation: String!) {
  setPin(pin: $pin, pinConfirmation: $confirmation) { session { stage } }
}`;
const CHANGE_PIN = `mutation ($current: String!, $pin: String!, $confirmation: String!) {
  changePin(currentPin: $current, newPin: $pin, newPinConfirmation: $confirmation)
}`;
const VERIFY = `mutation ($kind: SecondFactorKind!, $code: String!) {
  verifySecondFactor(kind: $kind, code: $code) { stage }
}`;
const STAGE = '{ session { stage } }';

/**
 * PINs are few (10,000 of 4 digits), so a database dump must not be enough to test them: the
 * hash is keyed with a secret derived from TWOFOLD_SECRET_KEY. Two servers share one database
 * here, each with its own key.
 */
describe('keyed PIN hashes', () => {
  let database: TestDatabase;
  let server: TestServer;
  let otherKeyServer: TestServer;
  let acme: AccountFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer({ database, env: { TWOFOLD_SECRET_KEY: '3c'.repeat(32) } });
    otherKeyServer = await startTestServer({
      database,
      env: { TWOFOLD_SECRET_KEY: 'a7'.repeat(32) },
      migrate: false,
    });
    acme = await makeAccount(server.services);
  });
  afterAll(async () => {
    await otherKeyServer?.close();
    await server?.close();
    await database?.drop();
  });

  async function member(): Promise<{ fixture: UserFixture; client: ApiClient }> {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    return { fixture, client: await signedIn(server.url, fixture.email, fixture.password) };
  }
  const signIn = (fixture: UserFixture, url = server.url) =>
    signedIn(url, fixture.email, fixture.password);
  const storedPin = (fixture: UserFixture) =>
    server.dataSource.getRepository(PinFactor).findOneByOrFail({ userId: fixture.user.id });
  const stageOf = async (client: ApiClient) =>
    (await client.ok<{ session: { stage: string } }>(STAGE)).session.stage;

  /** Stores `pin` the way PINs were stored before they were keyed: plain argon2id. */
  async function legacyPin(fixture: UserFixture, pin: string): Promise<string> {
    const pinHash = await hash(pin, argon2Options);
    await server.dataSource
      .getRepository(PinFactor)
      .update({ userId: fixture.user.id }, { pinHash, keyed: false });
    return pinHash;
  }

  it('stores a PIN set through the API as a hash that argon2 alone cannot test', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    const stored = await storedPin(fixture);
    expect(stored.pinHash).toMatch(/^\$argon2id\$/);
    // what anyone holding a dump would try: every PIN against the hash, without the key
    await expect(verify(stored.pinHash, '2580')).resolves.toBe(false);
    expect(stored.keyed).toBe(true);

    const next = await signIn(fixture);
    expect(codesOf(await next.request(VERIFY, { kind: 'PIN', code: '2581' }))).toEqual([
      'INVALID_CODE',
    ]);
    expect(await next.ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('keys a changed PIN too', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    await client.ok(CHANGE_PIN, { current: '2580', pin: '3691', confirmation: '3691' });
    const stored = await storedPin(fixture);
    await expect(verify(stored.pinHash, '3691')).resolves.toBe(false);
    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '3691' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('refuses the right PIN on a server with another TWOFOLD_SECRET_KEY', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });

    const elsewhere = await signIn(fixture, otherKeyServer.url);
    expect(await stageOf(elsewhere)).toBe('SECOND_FACTOR');
    expect(codesOf(await elsewhere.request(VERIFY, { kind: 'PIN', code: '2580' }))).toEqual([
      'INVALID_CODE',
    ]);
    expect(await stageOf(elsewhere)).toBe('SECOND_FACTOR');
    // the same PIN on the server holding the key
    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('signs in with a PIN stored before keying, then stores it keyed', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    const legacy = await legacyPin(fixture, '2580');

    // a wrong PIN changes nothing
    const wrong = await signIn(fixture);
    expect(codesOf(await wrong.request(VERIFY, { kind: 'PIN', code: '2581' }))).toEqual([
      'INVALID_CODE',
    ]);
    expect(await storedPin(fixture)).toMatchObject({ pinHash: legacy, keyed: false });

    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
    const stored = await storedPin(fixture);
    expect(stored.keyed).toBe(true);
    expect(stored.pinHash).not.toBe(legacy);
    await expect(verify(stored.pinHash, '2580')).resolves.toBe(false);
    await expect(
      verify(stored.pinHash, '2580', { secret: server.services.secrets.pinKey }),
    ).resolves.toBe(true);
    // and the keyed hash keeps working
    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('signs in every one of three sessions verifying an unkeyed PIN at once', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    await legacyPin(fixture, '2580');
    const sessions = await Promise.all([signIn(fixture), signIn(fixture), signIn(fixture)]);

    const answers = await releaseTogether(
      server.url,
      sessions.map((session) => ({
        query: VERIFY,
        variables: { kind: 'PIN', code: '2580' },
        token: session.token,
      })),
    );
    expect(answers.map((a) => a.data)).toEqual(
      sessions.map(() => ({ verifySecondFactor: { stage: 'ACTIVE' } })),
    );
    const stored = await storedPin(fixture);
    expect(stored.keyed).toBe(true);
    await expect(
      verify(stored.pinHash, '2580', { secret: server.services.secrets.pinKey }),
    ).resolves.toBe(true);
    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('changes a PIN stored before keying into a keyed one', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    await legacyPin(fixture, '2580');
    await client.ok(CHANGE_PIN, { current: '2580', pin: '3691', confirmation: '3691' });
    const stored = await storedPin(fixture);
    expect(stored.keyed).toBe(true);
    await expect(verify(stored.pinHash, '3691')).resolves.toBe(false);
    expect(await (await signIn(fixture)).ok(VERIFY, { kind: 'PIN', code: '3691' })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });
});
