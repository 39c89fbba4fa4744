import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { startSmsProvider, type TestSmsProvider } from '@twofold/testkit/sms-provider';
import {
  BEGIN,
  CONFIRM,
  enroll,
  oathCode,
  parseOtpauth,
  stepOf,
} from '@twofold/testkit/two-factor';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { LinkPurpose } from '../src/modules/link-token/link-token.service';
import {
  AuthenticatorFactor,
  FactorStatus,
  PinFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const SET_PIN = `mutation ($pin: String!, $confirmation: String!) {
  setPin(pin: $pin, pinConfirmation: $confirmation) { backupCodes session { stage } }
}`;
const CHANGE_PIN = `mutation ($current: String!, $pin: String!, $confirmation: String!) {
  changePin(currentPin: $current, newPin: $pin, newPinConfirmation: $confirmation)
}`;
const VERIFY = `mutation ($kind: SecondFactorKind!, $code: String!) {
  verifySecondFactor(kind: $kind, code: $code) { stage }
}`;
const SESSION = '{ session { stage availableSecondFactors } }';
const VIEWER = '{ viewer { twoFactorMethods hasPossessionFactor twoFactorStatus } }';
const SMS_BEGIN = `mutation ($number: String!) { beginSmsEnrollment(countryCode: "GB", phoneNumber: $number) }`;
const SMS_CONFIRM = `mutation ($code: String!) { confirmSmsEnrollment(code: $code) { backupCodes } }`;

let nextNumber = 300000;

describe('PIN codes, several methods per user, and links for lost phones', () => {
  let provider: TestSmsProvider;
  let server: TestServer;
  let acme: AccountFixture;

  beforeAll(async () => {
    provider = await startSmsProvider();
    server = await startTestServer({ env: provider.env() });
    acme = await makeAccount(server.services, 'Acme', { smsCountries: ['GB'] });
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
  });

  async function member(account = acme): Promise<{ fixture: UserFixture; client: ApiClient }> {
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    return { fixture, client: await signedIn(server.url, fixture.email, fixture.password) };
  }
  const again = (fixture: UserFixture) => signedIn(server.url, fixture.email, fixture.password);
  const stageOf = async (client: ApiClient) =>
    (await client.ok<{ session: { stage: string; availableSecondFactors: string[] } }>(SESSION))
      .session;

  async function enrollSms(client: ApiClient): Promise<string> {
    const national = `07400 ${nextNumber++}`;
    await client.ok(SMS_BEGIN, { number: national });
    const e164 = `+44${national.replace(/\D/g, '').slice(1)}`;
    await client.ok(SMS_CONFIRM, { code: provider.last(e164).code });
    return e164;
  }

  describe('PIN', () => {
    it('is set twice-typed, counted apart from possession factors, and verified at sign-in', async () => {
      const { fixture, client } = await member();
      const set = await client.ok<{
        setPin: { backupCodes: string[]; session: { stage: string } };
      }>(SET_PIN, { pin: '2580', confirmation: '2580' });
      expect(set.setPin.backupCodes).toHaveLength(10);
      expect(await client.ok(VIEWER)).toEqual({
        viewer: {
          twoFactorMethods: ['PIN'],
          hasPossessionFactor: false,
          twoFactorStatus: 'ENROLLED',
        },
      });
      const stored = await server.dataSource
        .getRepository(PinFactor)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(stored.pinHash).toMatch(/^\$argon2id\$/);
      expect(stored.pinHash).not.toContain('2580');

      const next = await again(fixture);
      expect(await stageOf(next)).toEqual({
        stage: 'SECOND_FACTOR',
        availableSecondFactors: ['PIN', 'BACKUP_CODE'],
      });
      expect(codesOf(await next.request(VERIFY, { kind: 'PIN', code: '2581' }))).toEqual([
        'INVALID_CODE',
      ]);
      expect(await next.ok(VERIFY, { kind: 'PIN', code: '2580' })).toEqual({
        verifySecondFactor: { stage: 'ACTIVE' },
      });
    });

    it.each([
      ['a mismatch', '2580', '2581', 'pinConfirmation'],
      ['one digit repeated', '0000', '0000', 'pin'],
      ['an ascending run', '1234', '1234', 'pin'],
      ['a descending run', '9876', '9876', 'pin'],
      ['a repeated pair', '121212', '121212', 'pin'],
      ['a year', '1987', '1987', 'pin'],
      ['letters', '12ab', '12ab', 'pin'],
      ['an empty string', '', '', 'pin'],
      ['too many digits', '123456789012', '123456789012', 'pin'],
    ])('refuses %s (%j) as BAD_USER_INPUT', async (_name, pin, confirmation, field) => {
      const { fixture, client } = await member();
      const result = await client.request(SET_PIN, { pin, confirmation });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.fields).toEqual([expect.objectContaining({ field })]);
      expect(
        await server.dataSource.getRepository(PinFactor).countBy({ userId: fixture.user.id }),
      ).toBe(0);
    });

    it('changes with the current PIN; a wrong current PIN is refused and counted', async () => {
      const { fixture, client } = await member();
      await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
      const wrong = await client.request(CHANGE_PIN, {
        current: '1470',
        pin: '3691',
        confirmation: '3691',
      });
      expect(codesOf(wrong)).toEqual(['INVALID_CODE']);
      expect((await server.services.lockout.state(fixture.user.id)).consecutiveFailures).toBe(1);
      expect(
        await client.ok(CHANGE_PIN, { current: '2580', pin: '3691', confirmation: '3691' }),
      ).toEqual({
        changePin: true,
      });
      const next = await again(fixture);
      expect(codesOf(await next.request(VERIFY, { kind: 'PIN', code: '2580' }))).toEqual([
        'INVALID_CODE',
      ]);
      await next.ok(VERIFY, { kind: 'PIN', code: '3691' });
    });
  });

  it('shares one lockout: 5 mixed PIN, SMS, authenticator and backup failures lock the step', async () => {
    const { fixture, client } = await member();
    const app = await enroll(client);
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    await enrollSms(client);
    const next = await again(fixture);
    expect((await stageOf(next)).availableSecondFactors).toEqual([
      'AUTHENTICATOR_APP',
      'SMS',
      'PIN',
      'BACKUP_CODE',
    ]);
    for (const [kind, code] of [
      ['PIN', '1470'],
      ['SMS', '000000'],
      ['AUTHENTICATOR_APP', '000000'],
      ['BACKUP_CODE', 'AAAAA-BBBBB'],
      ['PIN', '1471'],
    ]) {
      expect(codesOf(await next.request(VERIFY, { kind, code }))).toEqual(['INVALID_CODE']);
    }
    const locked = await next.request(VERIFY, { kind: 'PIN', code: '2580' });
    expect(codesOf(locked)).toEqual(['TOO_MANY_ATTEMPTS']);
    const right = oathCode(app.secret, stepOf(Date.now()) + 1);
    expect(codesOf(await next.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right }))).toEqual(
      ['TOO_MANY_ATTEMPTS'],
    );
  });

  it('lets a user with an authenticator and SMS pick either at sign-in', async () => {
    const { fixture, client } = await member();
    const app = await enroll(client);
    const phone = await enrollSms(client);
    const viaSms = await again(fixture);
    await viaSms.ok('mutation { sendSmsCode }');
    await viaSms.ok(VERIFY, { kind: 'SMS', code: provider.last(phone).code });
    expect((await stageOf(viaSms)).stage).toBe('ACTIVE');
    const viaApp = await again(fixture);
    await viaApp.ok(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(app.secret, stepOf(Date.now()) + 1),
    });
    expect((await stageOf(viaApp)).stage).toBe('ACTIVE');
  });

  it('accepts a current code of any method to regenerate backup codes and to disable 2FA', async () => {
    const { fixture, client } = await member();
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    const phone = await enrollSms(client);
    const regenerated = await client.ok<{ regenerateBackupCodes: string[] }>(
      'mutation ($code: String!) { regenerateBackupCodes(code: $code) }',
      { code: '2580' },
    );
    expect(regenerated.regenerateBackupCodes).toHaveLength(10);
    await client.ok('mutation { sendSmsCode }');
    await client.ok('mutation ($code: String!) { disableTwoFactor(code: $code) { id } }', {
      code: provider.last(phone).code,
    });
    expect(await client.ok(VIEWER)).toMatchObject({ viewer: { twoFactorMethods: [] } });
    expect((await stageOf(await again(fixture))).stage).toBe('ACTIVE');
  });

  it('asks an SMS-only user for the SMS code, then to enroll an allowed method, once SMS is removed', async () => {
    const other = await makeAccount(server.services, 'Strict', { smsCountries: ['GB'] });
    const policies = server.dataSource.getRepository(SecurityPolicy);
    const where = { accountId: other.account.id, userType: UserType.APP_REVIEWER };
    await policies.update(where, { enforcement: Enforcement.REQUIRED });
    const user = await makeUser(server.services, other.account, {
      userType: UserType.APP_REVIEWER,
      twoFactorDeadline: new Date(Date.now() - 1000),
    });
    const client = await signedIn(server.url, user.email, user.password);
    expect((await stageOf(client)).stage).toBe('ENROLLMENT');
    const phone = await enrollSms(client);
    expect((await stageOf(await again(user))).stage).toBe('SECOND_FACTOR');

    const owner = await signedIn(server.url, other.ownerEmail, other.password);
    await owner.ok(
      `mutation { updateSecurityPolicy(input: { userType: APP_REVIEWER, enforcement: REQUIRED, allowedMethods: [AUTHENTICATOR_APP, PIN], gracePeriodDays: 0 }) { userType } }`,
    );
    // removing a method never lowers protection: the password alone still does not get in
    const after = await again(user);
    expect(await stageOf(after)).toEqual({
      stage: 'SECOND_FACTOR',
      availableSecondFactors: ['SMS', 'BACKUP_CODE'],
    });
    await after.ok('mutation { sendSmsCode }');
    await after.ok(VERIFY, { kind: 'SMS', code: provider.last(phone).code });
    expect(await stageOf(after)).toEqual({ stage: 'ENROLLMENT', availableSecondFactors: [] });
    // an allowed method brings the user back
    await after.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    expect((await stageOf(after)).stage).toBe('ACTIVE');
    expect(await policies.findOneByOrFail(where)).toMatchObject({
      allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN],
    });
  });

  it('still asks for a factor whose method an OPTIONAL type no longer allows', async () => {
    const other = await makeAccount(server.services, 'Loose');
    const user = await makeUser(server.services, other.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, user.email, user.password);
    await client.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update(
        { accountId: other.account.id, userType: UserType.APP_REVIEWER },
        { allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP] },
      );
    const next = await again(user);
    expect((await stageOf(next)).stage).toBe('SECOND_FACTOR');
    await next.ok(VERIFY, { kind: 'PIN', code: '2580' });
    expect((await stageOf(next)).stage).toBe('ACTIVE');
  });

  it('replaces a lost phone’s app from SECOND_FACTOR through a link, only once the new app confirms', async () => {
    const { fixture, client } = await member();
    const old = await enroll(client);
    const token = await server.services.linkTokens.issue(
      LinkPurpose.ENROLLMENT,
      fixture.user.identityId,
      fixture.user.id,
      72 * 3600_000,
    );
    const stranded = await again(fixture);
    expect((await stageOf(stranded)).stage).toBe('SECOND_FACTOR');
    // without the link nothing moves
    expect(codesOf(await stranded.request(BEGIN, { link: null }))).toEqual([
      'SECOND_FACTOR_REQUIRED',
    ]);
    const begun = await stranded.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
      BEGIN,
      {
        link: token,
      },
    );
    const fresh = parseOtpauth(begun.beginAuthenticatorEnrollment.otpauthUri).secret;
    // the old app still works until the new one confirms
    const factors = server.dataSource.getRepository(AuthenticatorFactor);
    expect(await factors.countBy({ userId: fixture.user.id, status: FactorStatus.ACTIVE })).toBe(1);
    const step = stepOf(Date.now());
    const confirmed = await stranded.ok<{
      confirmAuthenticatorEnrollment: { session: { stage: string } };
    }>(CONFIRM, { code: oathCode(fresh, step) });
    expect(confirmed.confirmAuthenticatorEnrollment.session.stage).toBe('ACTIVE');
    const later = await again(fixture);
    expect(
      codesOf(
        await later.request(VERIFY, {
          kind: 'AUTHENTICATOR_APP',
          code: oathCode(old.secret, step + 1),
        }),
      ),
    ).toEqual(['INVALID_CODE']);
    await later.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code: oathCode(fresh, step + 1) });
    // sessions the lost phone may hold ended with it
    expect((await client.ok<{ session: unknown }>(SESSION)).session).toBeNull();
    // the link was single use
    const reused = await again(fixture);
    expect(codesOf(await reused.request(BEGIN, { link: token }))).toEqual(['BAD_USER_INPUT']);
  });
});
