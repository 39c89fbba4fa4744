import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { TwoFactorMethod, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, reasonsOf, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { startSmsProvider, type TestSmsProvider } from '@twofold/testkit/sms-provider';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { SmsFactor } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer, capturingLogger } from './helpers/test-server';
import { testDialect } from './helpers/test-database';

const BEGIN = `mutation ($country: String!, $number: String!, $code: String) {
  beginSmsEnrollment(countryCode: $country, phoneNumber: $number, code: $code)
}`;
const CONFIRM = `mutation ($code: String!) {
  confirmSmsEnrollment(code: $code) { backupCodes session { stage availableSecondFactors } }
}`;
const SEND = 'mutation { sendSmsCode }';
const VERIFY = `mutation ($code: String!) { verifySecondFactor(kind: SMS, code: $code) { stage } }`;
const STAGE = '{ session { stage availableSecondFactors } }';
const VIEWER = '{ viewer { twoFactorMethods hasPossessionFactor maskedPhoneNumber } }';

// a UK mobile number per user: +44 7400 NNNNNN
let nextNumber = 100000;
const ukMobile = () => `07400 ${nextNumber++}`;
const e164Of = (national: string) => `+44${national.replace(/\D/g, '').replace(/^0/, '')}`;

describe('SMS codes through a Twilio-compatible provider', () => {
  let provider: TestSmsProvider;
  let server: TestServer;
  let acme: AccountFixture;
  const { logger, lines: logLines } = capturingLogger('trace');

  beforeAll(async () => {
    provider = await startSmsProvider();
    server = await startTestServer({ env: provider.env(), logger });
    acme = await makeAccount(server.services, 'Acme', { smsCountries: ['GB'] });
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
  });
  beforeEach(() => {
    provider.mode = 'ok';
  });

  async function member(): Promise<{ fixture: UserFixture; client: ApiClient }> {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    return { fixture, client: await signedIn(server.url, fixture.email, fixture.password) };
  }

  /** Links a number the way a user does: begin, read the text message, confirm. */
  async function enrollSms(client: ApiClient, national = ukMobile()): Promise<string> {
    await client.ok(BEGIN, { country: 'GB', number: national });
    const { code } = provider.last(e164Of(national));
    await client.ok(CONFIRM, { code });
    return e164Of(national);
  }

  it('links a number: one text with a 6-digit code, confirmed, shown masked', async () => {
    const { client } = await member();
    const national = ukMobile();
    expect(await client.ok(BEGIN, { country: '+44', number: national })).toEqual({
      beginSmsEnrollment: true,
    });
    const message = provider.last(e164Of(national));
    expect(message).toMatchObject({ from: provider.from, code: expect.stringMatching(/^\d{6}$/) });
    expect(message.body).toContain('Acme');
    const confirmed = await client.ok<{ confirmSmsEnrollment: { backupCodes: string[] } }>(
      CONFIRM,
      {
        code: message.code,
      },
    );
    expect(confirmed.confirmSmsEnrollment.backupCodes).toHaveLength(10);
    const viewer = await client.ok<{ viewer: Record<string, unknown> }>(VIEWER);
    expect(viewer.viewer).toEqual({
      twoFactorMethods: [TwoFactorMethod.SMS],
      hasPossessionFactor: true,
      maskedPhoneNumber: `+44 •••• ••${national.slice(-4)}`,
    });
  });

  it('signs in with a code sent on request, each code once', async () => {
    const { fixture, client } = await member();
    const phone = await enrollSms(client);
    const next = await signedIn(server.url, fixture.email, fixture.password);
    expect(await next.ok(STAGE)).toEqual({
      session: { stage: 'SECOND_FACTOR', availableSecondFactors: ['SMS', 'BACKUP_CODE'] },
    });
    expect(await next.ok(SEND)).toEqual({ sendSmsCode: true });
    const { code } = provider.last(phone);
    expect(await next.ok(VERIFY, { code })).toEqual({ verifySecondFactor: { stage: 'ACTIVE' } });
    const again = await signedIn(server.url, fixture.email, fixture.password);
    expect(codesOf(await again.request(VERIFY, { code }))).toEqual(['INVALID_CODE']);
  });

  it('voids the previous code when a new one is sent', async () => {
    const { fixture, client } = await member();
    const phone = await enrollSms(client);
    const next = await signedIn(server.url, fixture.email, fixture.password);
    await next.ok(SEND);
    const first = provider.last(phone).code;
    await next.ok(SEND);
    const second = provider.last(phone).code;
    if (first !== second)
      expect(codesOf(await next.request(VERIFY, { code: first }))).toEqual(['INVALID_CODE']);
    expect(await next.ok(VERIFY, { code: second })).toEqual({
      verifySecondFactor: { stage: 'ACTIVE' },
    });
  });

  it('expires codes after 10 minutes', async () => {
    const { fixture, client } = await member();
    const phone = await enrollSms(client);
    const next = await signedIn(server.url, fixture.email, fixture.password);
    await next.ok(SEND);
    const { code } = provider.last(phone);
    // the clock moves on: the stored expiry is now in the past
    await server.dataSource
      .getRepository(SmsFactor)
      .update({ userId: fixture.user.id }, { codeExpiresAt: new Date(Date.now() - 1000) });
    expect(codesOf(await next.request(VERIFY, { code }))).toEqual(['INVALID_CODE']);
  });

  it('sends at most 3 codes per number per 15 minutes, and a new code never resets the failures', async () => {
    const { fixture, client } = await member();
    const phone = await enrollSms(client); // the first send of the window
    const next = await signedIn(server.url, fixture.email, fixture.password);
    await next.request(VERIFY, { code: '000000' });
    await next.request(VERIFY, { code: '000001' });
    expect(await next.ok(SEND)).toEqual({ sendSmsCode: true });
    expect(await next.ok(SEND)).toEqual({ sendSmsCode: true });
    const refused = await next.request(SEND);
    expect(codesOf(refused)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(provider.received.filter((m) => m.to === phone)).toHaveLength(3);
    const { consecutiveFailures } = await server.services.lockout.state(fixture.user.id);
    expect(consecutiveFailures).toBe(2);
  });

  it('sends at most 3 codes per number when 10 requests are released together', async () => {
    const { fixture, client } = await member();
    const phone = await enrollSms(client); // one send of the window
    const next = await signedIn(server.url, fixture.email, fixture.password);
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: 10 }, () => ({ query: SEND, token: next.token })),
    );
    const sent = answers.filter((a) => !a.errors);
    expect(sent).toHaveLength(2);
    expect(answers.flatMap((a) => a.errors?.map((e) => e.extensions?.code) ?? [])).toEqual(
      Array(8).fill('TOO_MANY_ATTEMPTS'),
    );
    expect(provider.received.filter((m) => m.to === phone)).toHaveLength(3);
  });

  it('limits one profile to 10 sends an hour, whatever the numbers', async () => {
    const { client } = await member();
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) {
      answers.push(codesOf(await client.request(BEGIN, { country: 'GB', number: ukMobile() }))[0]);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(undefined));
    expect(answers[10]).toBe('TOO_MANY_ATTEMPTS');
  });

  it('refuses numbers outside the account’s allowed countries, invalid, fixed and premium ones', async () => {
    const other = await makeAccount(server.services, 'Island', { smsCountries: ['GB'] });
    const owner = await signedIn(server.url, other.ownerEmail, other.password);
    expect(
      await owner.ok(
        'mutation { updateAllowedSmsCountries(countries: ["gb", "IE", "GB"]) { allowedSmsCountries } }',
      ),
    ).toEqual({ updateAllowedSmsCountries: { allowedSmsCountries: ['GB', 'IE'] } });
    const islander = await makeUser(server.services, other.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, islander.email, islander.password);
    const sentBefore = provider.received.length;
    for (const [country, number, field] of [
      ['FR', '06 12 34 56 78', 'countryCode'],
      ['ZZ', '07400 123456', 'countryCode'],
      ['GB', '09098 790000', 'phoneNumber'],
      ['GB', '020 7946 0000', 'phoneNumber'],
      ['GB', '1'.repeat(30), 'phoneNumber'],
      ['GB', '', 'phoneNumber'],
      ['', '07400 123456', 'countryCode'],
    ] as const) {
      const result = await client.request(BEGIN, { country, number });
      expect([country, number, codesOf(result), result.errors?.[0]?.extensions?.fields]).toEqual([
        country,
        number,
        ['BAD_USER_INPUT'],
        [expect.objectContaining({ field })],
      ]);
    }
    expect(provider.received.length).toBe(sentBefore);
    expect(
      codesOf(
        await owner.request('mutation { updateAllowedSmsCountries(countries: ["XX"]) { id } }'),
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('answers SMS_UNAVAILABLE when the provider fails, storing and counting nothing', async () => {
    const { fixture, client } = await member();
    provider.mode = 'fail';
    const refusedBefore = provider.refused;
    const national = ukMobile();
    const result = await client.request(BEGIN, { country: 'GB', number: national });
    expect(codesOf(result)).toEqual(['SMS_UNAVAILABLE']);
    // one retry after a 5xx
    expect(provider.refused - refusedBefore).toBe(2);
    expect(
      await server.dataSource.getRepository(SmsFactor).countBy({ userId: fixture.user.id }),
    ).toBe(0);
    // nothing counted: the three sends of the window are all still there
    provider.mode = 'ok';
    for (let i = 0; i < 3; i++) await client.ok(BEGIN, { country: 'GB', number: national });
    expect(codesOf(await client.request(BEGIN, { country: 'GB', number: national }))).toEqual([
      'TOO_MANY_ATTEMPTS',
    ]);
  });

  it('gives up on a provider that does not answer within the timeout', async () => {
    const { client } = await member();
    provider.mode = 'hang';
    const started = Date.now();
    const result = await client.request(BEGIN, { country: 'GB', number: ukMobile() });
    expect(codesOf(result)).toEqual(['SMS_UNAVAILABLE']);
    // 5 s, one retry: bounded, not hanging
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('needs a current second factor to change the number', async () => {
    const { client } = await member();
    const old = await enrollSms(client);
    const national = ukMobile();
    const bare = await client.request(BEGIN, { country: 'GB', number: national });
    expect(codesOf(bare)).toEqual(['BAD_USER_INPUT']);
    expect(bare.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'code' }),
    ]);
    expect(
      codesOf(await client.request(BEGIN, { country: 'GB', number: national, code: '000000' })),
    ).toEqual(['INVALID_CODE']);
    await client.ok(SEND);
    const current = provider.last(old).code;
    await client.ok(BEGIN, { country: 'GB', number: national, code: current });
    await client.ok(CONFIRM, { code: provider.last(e164Of(national)).code });
    const viewer = await client.ok<{ viewer: { maskedPhoneNumber: string } }>(VIEWER);
    expect(viewer.viewer.maskedPhoneNumber.endsWith(national.slice(-4))).toBe(true);
  });

  it('refuses SMS where the user type does not allow it', async () => {
    const other = await makeAccount(server.services, 'No SMS', { smsCountries: ['GB'] });
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update(
        { accountId: other.account.id, userType: UserType.APP_REVIEWER },
        { allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP] },
      );
    const user = await makeUser(server.services, other.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, user.email, user.password);
    const result = await client.request(BEGIN, { country: 'GB', number: ukMobile() });
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(reasonsOf(result)).toEqual(['METHOD_NOT_ALLOWED']);
  });

  it('keeps no phone number or code in the database or the logs', async () => {
    const { client } = await member();
    const phone = await enrollSms(client);
    await client.ok(SEND);
    const { code } = provider.last(phone);
    const needles = [phone, phone.slice(1), phone.slice(3), code];
    const logs = logLines.join('\n');
    for (const needle of needles) expect(logs).not.toContain(needle);
    if (testDialect === 'sqlite') {
      const file = server.config.database.type === 'sqlite' ? server.config.database.path : '';
      const dir = path.dirname(file);
      for (const name of readdirSync(dir).filter((n) => n.startsWith(path.basename(file)))) {
        const bytes = readFileSync(path.join(dir, name)).toString('latin1');
        for (const needle of needles.slice(0, 3))
          expect([name, bytes.includes(needle)]).toEqual([name, false]);
      }
    }
    const rows = await server.dataSource.query('SELECT * FROM sms_factors');
    const dump = JSON.stringify(rows);
    for (const needle of needles.slice(0, 3)) expect(dump).not.toContain(needle);
  });

  describe('with a daily cap per account', () => {
    let capped: TestServer;
    beforeAll(async () => {
      capped = await startTestServer({ env: { ...provider.env(), SMS_DAILY_LIMIT: '2' } });
    });
    afterAll(async () => {
      await capped.close();
    });

    it('refuses the account’s sends past the cap, whatever the numbers', async () => {
      const account = await makeAccount(capped.services, 'Capped', { smsCountries: ['GB'] });
      const results: (string | undefined)[] = [];
      for (let i = 0; i < 3; i++) {
        const user = await makeUser(capped.services, account.account, {
          userType: UserType.APP_REVIEWER,
        });
        const client = await signedIn(capped.url, user.email, user.password);
        results.push(
          codesOf(await client.request(BEGIN, { country: 'GB', number: ukMobile() }))[0],
        );
      }
      expect(results).toEqual([undefined, undefined, 'TOO_MANY_ATTEMPTS']);
    });
  });
});
