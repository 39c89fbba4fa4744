import {
  Platform,
  ProviderTwoFactorPolicy,
  TokenTransport,
  TwoFactorMethod,
  UserStatus,
  UserType,
} from '@twofold/shared';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { hydrate, hydrateJoined } from '../src/db/hydrate';
import { columnKey, type RawRow, rawColumnKey } from '../src/db/raw-columns';
import { Account } from '../src/modules/account/account.entity';
import { App } from '../src/modules/app/app.entity';
import { Identity } from '../src/modules/identity/identity.entity';
import { IdentityProvider } from '../src/modules/openid/identity-provider.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { Session } from '../src/modules/session/session.entity';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

/** Instants with milliseconds, which both dialects keep (DATETIME(3), text). */
const at = (iso: string) => new Date(iso);

/**
 * Every entity a hand-written statement hydrates, under each alias those statements give it
 * (caller-statement.ts, login-statement.ts, users-page-statement.ts, apps-of-users-statement.ts).
 */
const cases: { name: string; target: EntityTarget<ObjectLiteral>; alias: string }[] = [
  { name: 'User', target: User, alias: 'user' },
  { name: 'User', target: User, alias: 'profile' },
  { name: 'Session', target: Session, alias: 'session' },
  { name: 'SecurityPolicy', target: SecurityPolicy, alias: 'policy' },
  { name: 'SecurityPolicy', target: SecurityPolicy, alias: 'typePolicy' },
  { name: 'App', target: App, alias: 'app' },
  { name: 'Identity', target: Identity, alias: 'identity' },
  { name: 'Account', target: Account, alias: 'account' },
  { name: 'IdentityProvider', target: IdentityProvider, alias: 'provider' },
  { name: 'SecondFactorGuard', target: SecondFactorGuard, alias: 'guard' },
];

/** The same builder's rows, as TypeORM makes entities of them and as its raw results. */
async function bothWays<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
): Promise<{ entities: T[]; raw: RawRow[] }> {
  const [primary] = dataSource.getMetadata(target).primaryColumns;
  const query = dataSource
    .getRepository(target)
    .createQueryBuilder(alias)
    .select(alias)
    .orderBy(`${alias}.${primary!.propertyName}`, 'ASC');
  return { entities: await query.getMany(), raw: await query.getRawMany<RawRow>() };
}

describe(`hydrate on ${testDialect}`, () => {
  let server: TestServer;
  let dataSource: DataSource;
  let acme: AccountFixture;

  beforeAll(async () => {
    server = await startTestServer();
    dataSource = server.dataSource;
    // SMS countries: the account's JSON array is not empty, policies allow every method
    acme = await makeAccount(server.services, undefined, { smsCountries: ['GB', 'IE'] });
    const { services } = server;
    // another account: no SMS country (an empty array), every country allowed, a logo
    const globex = await makeAccount(services);
    await dataSource
      .getRepository(Account)
      .update(
        { id: globex.account.id },
        { allowAllSmsCountries: true, logoUrl: 'https://globex.example.test/logo.png' },
      );
    // a policy allowing nothing (an empty JSON array), with a grace period
    await dataSource
      .getRepository(SecurityPolicy)
      .update(
        { accountId: acme.account.id, userType: UserType.APP_REPORT_VIEWER },
        { allowedMethods: [], gracePeriodDays: 14, updatedAt: at('2026-01-02T03:04:05.678Z') },
      );
    const required = await makeUser(services, acme.account, {
      userType: UserType.ADMINISTRATOR,
      displayName: 'Zoë Ødegård',
      requireTwoFactor: true,
      twoFactorDeadline: at('2026-12-31T23:59:59.999Z'),
    });
    await dataSource
      .getRepository(User)
      .update({ id: required.user.id }, { lastSignInAt: at('2026-06-07T08:09:10.011Z') });
    const suspended = await makeUser(services, acme.account, { status: UserStatus.SUSPENDED });
    // invited: no password, not accepted
    await makeUser(services, acme.account, { status: UserStatus.INVITED, password: null });

    const provider = await dataSource.getRepository(IdentityProvider).save(
      dataSource.getRepository(IdentityProvider).create({
        accountId: acme.account.id,
        displayName: 'Acme SSO',
        issuerUrl: 'https://sso.example.test',
        clientId: 'twofold',
        clientSecretSealed: 'v1.sealed',
        allowedEmailDomains: ['example.test'],
        twoFactorPolicy: ProviderTwoFactorPolicy.TRUST_PROVIDER,
        trustedAcrValues: ['urn:mfa', 'phr'],
        waiverUserTypes: [UserType.APP_REVIEWER],
        maxAgeSeconds: null,
        createdAt: at('2026-02-03T04:05:06.007Z'),
        updatedAt: at('2026-02-03T04:05:06.008Z'),
      }),
    );
    await dataSource.getRepository(IdentityProvider).insert({
      id: '00000000-0000-4000-8000-000000000001',
      accountId: acme.account.id,
      displayName: 'Second SSO',
      issuerUrl: 'https://sso2.example.test',
      clientId: 'twofold-2',
      clientSecretSealed: 'v1.sealed2',
      allowedEmailDomains: [],
      twoFactorPolicy: ProviderTwoFactorPolicy.EXEMPT,
      trustedAcrValues: [],
      waiverUserTypes: [],
      maxAgeSeconds: 600,
      createdAt: at('2026-02-03T04:05:06.009Z'),
      updatedAt: at('2026-02-03T04:05:06.010Z'),
    });
    const sessions = dataSource.getRepository(Session);
    await sessions.save([
      // choosing a profile: every nullable column null
      sessions.create({
        tokenHash: 'a'.repeat(64),
        identityId: required.user.identityId,
        userId: null,
        secondFactorVerifiedAt: null,
        heldFactorVerifiedAt: null,
        identityProviderId: null,
        providerAmr: null,
        providerAcr: null,
        providerAuthAt: null,
        transport: TokenTransport.COOKIE,
        createdAt: at('2026-03-04T05:06:07.089Z'),
        lastSeenAt: at('2026-03-04T05:06:07.089Z'),
        absoluteExpiresAt: at('2026-03-05T05:06:07.089Z'),
        ip: null,
        userAgent: null,
      }),
      // through the provider, verified: every column set
      sessions.create({
        tokenHash: 'b'.repeat(64),
        identityId: required.user.identityId,
        userId: required.user.id,
        secondFactorVerifiedAt: at('2026-03-04T05:07:00.001Z'),
        heldFactorVerifiedAt: at('2026-03-04T05:07:00.002Z'),
        identityProviderId: provider.id,
        providerAmr: 'pwd otp',
        providerAcr: 'urn:mfa',
        providerAuthAt: at('2026-03-04T05:00:00.000Z'),
        transport: TokenTransport.BEARER,
        createdAt: at('2026-03-04T05:06:07.999Z'),
        lastSeenAt: at('2026-03-04T06:00:00.500Z'),
        absoluteExpiresAt: at('2026-03-05T05:06:07.999Z'),
        ip: '2001:db8::1',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) “quoted”',
      }),
    ]);

    const apps = dataSource.getRepository(App);
    await apps.save([
      apps.create({
        accountId: acme.account.id,
        name: 'Ünïcode app',
        platform: Platform.IOS,
        bundleId: 'com.acme.app',
        previewUrl: 'https://preview.example.test/app?x=1&y=%20',
        createdAt: at('2026-04-05T06:07:08.090Z'),
      }),
      apps.create({
        accountId: acme.account.id,
        name: 'Web',
        platform: Platform.WEB,
        bundleId: '',
        previewUrl: 'https://web.example.test',
        createdAt: at('2026-04-05T06:07:08.091Z'),
      }),
    ]);

    const guards = dataSource.getRepository(SecondFactorGuard);
    await guards.insert([
      {
        userId: required.user.id,
        consecutiveFailures: 3,
        lockCount: 1,
        lockedUntil: at('2026-05-06T07:08:09.010Z'),
        disabledAt: null,
      },
      {
        userId: suspended.user.id,
        consecutiveFailures: 0,
        lockCount: 0,
        lockedUntil: null,
        disabledAt: at('2026-05-06T07:08:09.011Z'),
      },
    ]);
  });

  afterAll(async () => {
    await server.close();
  });

  it('has rows with nulls, dates, booleans and JSON arrays to compare', async () => {
    const policies = await dataSource.getRepository(SecurityPolicy).find();
    expect(policies.map((p) => p.allowedMethods)).toEqual(
      expect.arrayContaining([[], Object.values(TwoFactorMethod)]),
    );
    const users = await dataSource.getRepository(User).find();
    expect(new Set(users.map((u) => u.isOwner))).toEqual(new Set([true, false]));
    expect(new Set(users.map((u) => u.lastSignInAt === null))).toEqual(new Set([true, false]));
    const accounts = await dataSource.getRepository(Account).find();
    expect(new Set(accounts.map((a) => a.allowAllSmsCountries))).toEqual(new Set([true, false]));
  });

  it.each(cases)('gives what getMany() gives for $name as `$alias`', async ({ target, alias }) => {
    const { entities, raw } = await bothWays(dataSource, target, alias);
    expect(entities.length).toBeGreaterThanOrEqual(2);
    const hydrated = hydrate(dataSource, target, alias, raw);
    expect(hydrated).toStrictEqual(entities);
    for (const entity of hydrated) expect(entity).toBeInstanceOf(target as new () => unknown);
  });

  it.each(cases)(
    'names the raw columns of $name as `$alias` as the query builder does',
    async ({ target, alias }) => {
      const { raw } = await bothWays(dataSource, target, alias);
      const metadata = dataSource.getMetadata(target);
      const keys = metadata.columns.map((column) =>
        columnKey(dataSource, alias, target, column.propertyName),
      );
      expect(keys.sort()).toEqual(Object.keys(raw[0]!).sort());
    },
  );

  it('gives null where a LEFT JOIN found nothing, as getMany() leaves the relation', async () => {
    const query = dataSource
      .getRepository(Session)
      .createQueryBuilder('session')
      .leftJoinAndSelect('session.user', 'user')
      .leftJoinAndSelect('session.identityProvider', 'provider')
      .orderBy('session.tokenHash', 'ASC');
    const [entities, raw] = [await query.getMany(), await query.getRawMany<RawRow>()];
    expect(raw.length).toBe(2);
    const joined = raw.map((row) => ({
      user: hydrateJoined(dataSource, User, 'user', row),
      provider: hydrateJoined(dataSource, IdentityProvider, 'provider', row),
    }));
    expect(joined.map((j) => [j.user === null, j.provider === null])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(joined).toStrictEqual(
      entities.map((s) => ({ user: s.user ?? null, provider: s.identityProvider ?? null })),
    );
  });

  it('refuses a raw column name the query builder would hash, on a dialect that limits them', async () => {
    // MySQL/MariaDB limit aliases to 63 characters and TypeORM hashes longer ones; SQLite keeps any
    const long = 'a'.repeat(60);
    const query = dataSource.getRepository(App).createQueryBuilder(long).select(long);
    const raw = await query.getRawMany<RawRow>();
    const key = `${long}_createdAt`;
    if (testDialect === 'mysql') {
      expect(Object.keys(raw[0]!)).not.toContain(key);
      expect(() => rawColumnKey(dataSource, long, 'createdAt')).toThrow(/longer than 63/);
      expect(() => hydrate(dataSource, App, long, raw)).toThrow(/longer than 63/);
    } else {
      expect(Object.keys(raw[0]!)).toContain(key);
      expect(hydrate(dataSource, App, long, raw)).toStrictEqual(await query.getMany());
    }
  });
});
