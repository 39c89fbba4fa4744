import { TwoFactorMethod, UserType } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import {
  type ApiClient,
  codesOf,
  type GraphQLErrorBody,
  reasonsOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { startSmsProvider, type TestSmsProvider } from '@twofold/testkit/sms-provider';
import { createDataSource } from '../src/wiring/data-source';
import { runMigrations } from '../src/db/migrate';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Account } from '../src/modules/account/account.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { SmsFactor } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
  undoLastMigration,
} from './helpers/test-database';
import { startTestServer, type TestServer, testSecretKeyHex } from './helpers/test-server';

const BEGIN = `mutation ($country: String!, $number: String!, $code: String) {
  beginSmsEnrollment(countryCode: $country, phoneNumber: $number, code: $code)
}`;
const CONFIRM = 'mutation ($code: String!) { confirmSmsEnrollment(code: $code) { backupCodes } }';
const SEND = 'mutation { sendSmsCode }';
const VERIFY = 'mutation ($code: String!) { verifySecondFactor(kind: SMS, code: $code) { stage } }';
const STAGE = '{ session { stage availableSecondFactors } }';
const ACCOUNT = '{ account { allowedSmsCountries allowAllSmsCountries } }';
const POLICIES = '{ securityPolicies { userType allowedMethods } }';
const COUNTRIES = `mutation ($countries: [String!]!, $all: Boolean) {
  updateAllowedSmsCountries(countries: $countries, allowAllCountries: $all) {
    allowedSmsCountries allowAllSmsCountries
  }
}`;
const UPDATE_POLICY = `mutation ($input: SecurityPolicyInput!) {
  updateSecurityPolicy(input: $input) { userType allowedMethods }
}`;
const IMPACT = `query ($input: SecurityPolicyInput!) {
  securityPolicyImpact(input: $input) { users }
}`;

const reviewersWithSms = {
  userType: UserType.APP_REVIEWER,
  enforcement: 'OPTIONAL',
  allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.SMS],
  gracePeriodDays: 0,
};

// a UK mobile number per enrollment: +44 7400 NNNNNN; an Irish one: +353 85 NNN NNNN
let nextNumber = 300000;
const ukMobile = () => `07400 ${nextNumber++}`;
const ukE164 = (national: string) => `+44${national.replace(/\D/g, '').replace(/^0/, '')}`;

/** Field and reason of a refused answer, to compare in one `toEqual`. */
function refusal(result: { errors?: GraphQLErrorBody[] }) {
  const fields = result.errors?.[0]?.extensions?.fields as { field: string }[] | undefined;
  return {
    codes: codesOf(result),
    reasons: reasonsOf(result),
    fields: fields?.map((f) => f.field),
  };
}

async function reviewer(server: TestServer, fixture: AccountFixture): Promise<ApiClient> {
  const user = await makeUser(server.services, fixture.account, {
    userType: UserType.APP_REVIEWER,
  });
  return signedIn(server.url, user.email, user.password);
}

describe(`SMS countries say what they do (${testDialect})`, () => {
  let provider: TestSmsProvider;
  let server: TestServer;

  beforeAll(async () => {
    provider = await startSmsProvider();
    server = await startTestServer({ env: provider.env() });
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
  });

  it('starts a new account with no SMS country, and no type allowing SMS', async () => {
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    expect(await owner.ok(ACCOUNT)).toEqual({
      account: { allowedSmsCountries: [], allowAllSmsCountries: false },
    });
    const { securityPolicies } = await owner.ok<{
      securityPolicies: { allowedMethods: string[] }[];
    }>(POLICIES);
    expect(securityPolicies.flatMap((p) => p.allowedMethods)).not.toContain('SMS');
  });

  it('refuses to link a number while the account allows no country, texting nobody', async () => {
    const acme = await makeAccount(server.services);
    // a type allowing SMS beside the empty list (a rule from before the list meant anything)
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update(
        { accountId: acme.account.id, userType: UserType.APP_REVIEWER },
        { allowedMethods: [TwoFactorMethod.SMS] },
      );
    const client = await reviewer(server, acme);
    const sentBefore = provider.received.length;
    const result = await client.request(BEGIN, { country: 'GB', number: ukMobile() });
    expect(refusal(result)).toEqual({
      codes: ['BAD_USER_INPUT'],
      reasons: ['SMS_COUNTRY_NOT_ALLOWED'],
      fields: ['countryCode'],
    });
    expect(result.errors?.[0]?.message).toMatch(/no country/);
    // nor to an international number, nor by calling code
    const byCode = await client.request(BEGIN, { country: '+1', number: '201 555 0123' });
    expect(refusal(byCode).reasons).toEqual(['SMS_COUNTRY_NOT_ALLOWED']);
    expect(provider.received.length).toBe(sentBefore);
    const held = await server.dataSource
      .getRepository(SmsFactor)
      .createQueryBuilder('factor')
      .innerJoin('users', 'user', 'user.id = factor.userId')
      .where('user.accountId = :id', { id: acme.account.id })
      .getCount();
    expect(held).toBe(0);
  });

  it('refuses a rule with SMS while no country is allowed, in the preview and on save', async () => {
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const before = await owner.ok(POLICIES);
    const expected = {
      codes: ['BAD_USER_INPUT'],
      reasons: ['SMS_NEEDS_A_COUNTRY'],
      fields: ['input.allowedMethods'],
    };
    expect(refusal(await owner.request(IMPACT, { input: reviewersWithSms }))).toEqual(expected);
    expect(refusal(await owner.request(UPDATE_POLICY, { input: reviewersWithSms }))).toEqual(
      expected,
    );
    expect(await owner.ok(POLICIES)).toEqual(before);

    // a country first, then SMS is a rule like any other
    await owner.ok(COUNTRIES, { countries: ['GB'] });
    await owner.ok(IMPACT, { input: reviewersWithSms });
    expect(await owner.ok(UPDATE_POLICY, { input: reviewersWithSms })).toEqual({
      updateSecurityPolicy: {
        userType: 'APP_REVIEWER',
        allowedMethods: ['AUTHENTICATOR_APP', 'SMS'],
      },
    });
    // and the last country cannot go while a type offers SMS
    expect(refusal(await owner.request(COUNTRIES, { countries: [] }))).toEqual({
      codes: ['BAD_USER_INPUT'],
      reasons: ['SMS_NEEDS_A_COUNTRY'],
      fields: ['countries'],
    });
    expect(await owner.ok(ACCOUNT)).toEqual({
      account: { allowedSmsCountries: ['GB'], allowAllSmsCountries: false },
    });
  });

  it('never lets a rule with SMS and an empty list both through when released together', async () => {
    for (let round = 0; round < 3; round++) {
      const acme = await makeAccount(server.services);
      const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      await owner.ok(COUNTRIES, { countries: ['GB'] });
      const answers = await releaseTogether(server.url, [
        { query: UPDATE_POLICY, variables: { input: reviewersWithSms }, token: owner.token },
        { query: COUNTRIES, variables: { countries: [] }, token: owner.token },
      ]);
      const [policy, countries] = answers.map((a) => !a.errors);
      // whichever came second saw the first one's change
      expect(policy && countries).toBe(false);
      const account = await server.dataSource
        .getRepository(Account)
        .findOneByOrFail({ id: acme.account.id });
      const rule = await server.dataSource
        .getRepository(SecurityPolicy)
        .findOneByOrFail({ accountId: acme.account.id, userType: UserType.APP_REVIEWER });
      expect(
        account.allowedSmsCountries.length === 0 &&
          rule.allowedMethods.includes(TwoFactorMethod.SMS),
      ).toBe(false);
    }
  });

  it('does not turn every country on for an account that does not have it', async () => {
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    expect(refusal(await owner.request(COUNTRIES, { countries: ['GB'], all: true }))).toEqual({
      codes: ['BAD_USER_INPUT'],
      reasons: [undefined],
      fields: ['allowAllCountries'],
    });
    expect(await owner.ok(ACCOUNT)).toEqual({
      account: { allowedSmsCountries: [], allowAllSmsCountries: false },
    });
  });

  it('keeps texting a confirmed number once the owner narrows every country to a list without it', async () => {
    const acme = await makeAccount(server.services, undefined, { smsCountries: [] });
    await server.dataSource
      .getRepository(Account)
      .update({ id: acme.account.id }, { allowAllSmsCountries: true });
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update({ accountId: acme.account.id }, { allowedMethods: Object.values(TwoFactorMethod) });
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const holder = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, holder.email, holder.password);
    const national = ukMobile();
    await client.ok(BEGIN, { country: 'GB', number: national });
    await client.ok(CONFIRM, { code: provider.last(ukE164(national)).code });

    // the owner keeps every country, then narrows it to Ireland
    expect(await owner.ok(COUNTRIES, { countries: [], all: true })).toEqual({
      updateAllowedSmsCountries: { allowedSmsCountries: [], allowAllSmsCountries: true },
    });
    expect(await owner.ok(COUNTRIES, { countries: ['IE'] })).toEqual({
      updateAllowedSmsCountries: { allowedSmsCountries: ['IE'], allowAllSmsCountries: false },
    });
    expect(codesOf(await owner.request(COUNTRIES, { countries: ['IE'], all: true }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    // the log says from what to what
    const [narrowed] = await server.dataSource.getRepository(AuditEvent).find({
      where: { accountId: acme.account.id, action: 'account.sms_countries_updated' },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    expect(narrowed?.details).toMatchObject({
      changes: {
        countries: { from: [], to: ['IE'] },
        allowAllCountries: { from: true, to: false },
      },
    });

    // the UK number still receives its sign-in code
    const next = await signedIn(server.url, holder.email, holder.password);
    expect(await next.ok(STAGE)).toEqual({
      session: { stage: 'SECOND_FACTOR', availableSecondFactors: ['SMS', 'BACKUP_CODE'] },
    });
    const sentBefore = provider.received.length;
    expect(await next.ok(SEND)).toEqual({ sendSmsCode: true });
    expect(provider.received.length).toBe(sentBefore + 1);
    const { code } = provider.last(ukE164(national));
    expect(await next.ok(VERIFY, { code })).toEqual({ verifySecondFactor: { stage: 'ACTIVE' } });

    // but no new UK number is linked, by a newcomer or as a change of number
    const newcomer = await reviewer(server, acme);
    expect(refusal(await newcomer.request(BEGIN, { country: 'GB', number: ukMobile() }))).toEqual({
      codes: ['BAD_USER_INPUT'],
      reasons: ['SMS_COUNTRY_NOT_ALLOWED'],
      fields: ['countryCode'],
    });
    await next.ok(SEND);
    const change = await next.request(BEGIN, {
      country: 'GB',
      number: ukMobile(),
      code: provider.last(ukE164(national)).code,
    });
    expect(refusal(change).reasons).toEqual(['SMS_COUNTRY_NOT_ALLOWED']);
    expect(provider.received.length).toBe(sentBefore + 2);
    // an Irish number is welcome
    expect(await newcomer.ok(BEGIN, { country: 'IE', number: '085 123 4567' })).toEqual({
      beginSmsEnrollment: true,
    });
    expect(provider.last('+353851234567').code).toMatch(/^\d{6}$/);
  });
});

describe(`the migration that writes down what an empty list meant (${testDialect})`, () => {
  const migrationName = 'SmsCountriesMeaning1796643436176';
  let provider: TestSmsProvider;
  let database: TestDatabase;
  const env = (): Record<string, string> => ({
    ...provider.env(),
    // both servers open the numbers sealed by the first
    TWOFOLD_SECRET_KEY: testSecretKeyHex,
  });

  beforeAll(async () => {
    provider = await startSmsProvider();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await provider.close();
    await database.drop();
  });

  /** Reverts migrations until `migrationName` is undone: the schema the old code ran on. */
  async function backToBefore(dataSource: DataSource): Promise<void> {
    for (;;) {
      const [last] = await dataSource.query<{ name: string }[]>(
        'SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1',
      );
      if (!last) throw new Error(`${migrationName} never ran`);
      await undoLastMigration(dataSource);
      if (last.name === migrationName) return;
    }
  }

  it('keeps every country where SMS was allowed or a number is linked, and only there', async () => {
    // the accounts, made on today's schema; then set back to what the old code stored
    const before = await startTestServer({ database, env: env() });
    const used = await makeAccount(before.services, 'Texting', { smsCountries: ['GB'] });
    const allowed = await makeAccount(before.services, 'Allowed', { smsCountries: ['GB'] });
    const linkedOnly = await makeAccount(before.services, 'Linked', { smsCountries: ['GB'] });
    const never = await makeAccount(before.services, 'Never');
    await makeAccount(before.services, 'Listed', { smsCountries: ['IE'] });
    const holder = await makeUser(before.services, used.account, {
      userType: UserType.APP_REVIEWER,
    });
    const phone = ukMobile();
    {
      const client = await signedIn(before.url, holder.email, holder.password);
      await client.ok(BEGIN, { country: 'GB', number: phone });
      await client.ok(CONFIRM, { code: provider.last(ukE164(phone)).code });
      const other = await reviewer(before, linkedOnly);
      const number = ukMobile();
      await other.ok(BEGIN, { country: 'GB', number });
      await other.ok(CONFIRM, { code: provider.last(ukE164(number)).code });
    }
    await before.close();

    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    try {
      await backToBefore(dataSource);
      const old = [used, allowed, linkedOnly].map((f) => f.account.id);
      await dataSource.query(
        `UPDATE accounts SET allowedSmsCountries = '[]' WHERE id IN (?, ?, ?)`,
        old,
      );
      // SMS no longer offered, but a number is linked
      await dataSource.query(
        `UPDATE security_policies SET allowedMethods = '["AUTHENTICATOR_APP","PIN"]' WHERE accountId = ?`,
        [linkedOnly.account.id],
      );
      const counts = async () =>
        Promise.all(
          ['users', 'security_policies', 'sms_factors'].map(async (table) => {
            const [row] = await dataSource.query<{ n: number | string }[]>(
              `SELECT COUNT(*) AS n FROM ${table}`,
            );
            return Number(row?.n);
          }),
        );
      const held = await counts();
      await runMigrations(dataSource);
      // nothing that refers to an account is lost on the way
      expect(await counts()).toEqual(held);
      const rows = await dataSource.getRepository(Account).find();
      const allowAll = Object.fromEntries(rows.map((a) => [a.name, a.allowAllSmsCountries]));
      expect(allowAll).toEqual({
        Texting: true,
        Allowed: true,
        Linked: true,
        Never: false,
        Listed: false,
      });
      expect(rows.find((a) => a.name === 'Listed')?.allowedSmsCountries).toEqual(['IE']);
    } finally {
      await dataSource.destroy();
    }

    const after = await startTestServer({ database, env: env(), migrate: false });
    try {
      // the linked number signs in as before
      const next = await signedIn(after.url, holder.email, holder.password);
      const sentBefore = provider.received.length;
      await next.ok(SEND);
      expect(provider.received.length).toBe(sentBefore + 1);
      const { code } = provider.last(ukE164(phone));
      expect(await next.ok(VERIFY, { code })).toEqual({ verifySecondFactor: { stage: 'ACTIVE' } });
      // a newcomer of an account that allowed SMS still links a number of any country
      const newcomer = await reviewer(after, allowed);
      expect(await newcomer.ok(BEGIN, { country: 'US', number: '201 555 0123' })).toEqual({
        beginSmsEnrollment: true,
      });
      // an account that never allowed SMS now needs a country before it can
      const owner = await signedIn(after.url, never.ownerEmail, never.password);
      expect(refusal(await owner.request(UPDATE_POLICY, { input: reviewersWithSms }))).toEqual({
        codes: ['BAD_USER_INPUT'],
        reasons: ['SMS_NEEDS_A_COUNTRY'],
        fields: ['input.allowedMethods'],
      });
    } finally {
      await after.close();
    }
  });
});
