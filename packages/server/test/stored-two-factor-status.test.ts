import { randomUUID } from 'node:crypto';
import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import { type ApiClient, signedIn } from '@twofold/testkit/api-client';
import { enroll, oathCode, stepOf, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { Account } from '../src/modules/account/account.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import {
  AuthenticatorFactor,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { User } from '../src/modules/user/user.entity';
import { PasskeyFactor } from '../src/modules/two-factor/passkey/passkey.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { expectInStep, installedTriggers } from './helpers/stored-status';
import { startTestServer, type TestServer } from './helpers/test-server';
import { StoredStatusSql } from '../src/modules/two-factor/status/stored-status-sql';
import { runMigrations } from '../src/db/migrate';
import { createDataSource } from '../src/wiring/data-source';
import { createTestDatabase, undoLastMigration } from './helpers/test-database';

const minute = 60_000;
const day = 24 * 60 * minute;

describe('the stored 2FA columns follow every change, on this database', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    // types may offer SMS
    await server.dataSource
      .getRepository(Account)
      .update({ id: acme.account.id }, { allowAllSmsCountries: true });
  });
  afterAll(async () => {
    await server.close();
  });

  const policy = (
    enforcement: Enforcement,
    allowedMethods: TwoFactorMethod[],
    gracePeriodDays = 0,
  ) =>
    owner.ok(
      `mutation ($input: SecurityPolicyInput!) { updateSecurityPolicy(input: $input) { enforcement } }`,
      { input: { userType: UserType.APP_REVIEWER, enforcement, allowedMethods, gracePeriodDays } },
    );

  it('holds every trigger the stored columns need, as the code writes them', async () => {
    const expected = new StoredStatusSql(server.dataSource).triggers();
    const installed = await installedTriggers(server.dataSource);
    expect([...installed.keys()].filter((name) => name.startsWith('tf_')).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const [name, statement] of expected) {
      // SQLite keeps the whole statement, MariaDB the body after FOR EACH ROW
      expect([name, statement.endsWith(installed.get(name)!)]).toEqual([name, true]);
    }
  });

  it('walks a profile through enrollment, PIN, lockout, unlock, reset, policies and requirements', async () => {
    const ds = server.dataSource;
    const id = acme.account.id;
    const now = () => new Date();
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const fresh = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      neverSignedIn: true,
    });
    await expectInStep(ds, id, [now()]);

    // required with a week of grace: deadlines fixed, GRACE now, OVERDUE a week later
    await policy(Enforcement.REQUIRED, [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN], 7);
    const t = now();
    await expectInStep(ds, id, [t, new Date(t.getTime() + 7 * day + minute)]);

    // the first sign-in of a profile that never signed in moves it out of AWAITING_FIRST_SIGN_IN
    await signedIn(server.url, fresh.email, fresh.password);
    await expectInStep(ds, id, [now(), new Date(Date.now() + 8 * day)]);

    // an authenticator app set up through the API
    const client = await signedIn(server.url, member.email, member.password);
    const { secret } = await enroll(client);
    await expectInStep(ds, id, [now()]);

    // a PIN beside it
    await client.ok(`mutation { setPin(pin: "4826", pinConfirmation: "4826") { backupCodes } }`);
    await expectInStep(ds, id, [now()]);

    // a passkey: held, and a possession factor once the type allows it
    const passkey = async (userId: string) => {
      const key = randomUUID();
      await ds.getRepository(PasskeyFactor).insert({
        id: randomUUID(),
        userId,
        credentialIdHash: key.replaceAll('-', '').padEnd(64, '0'),
        credentialId: key,
        publicKey: 'public',
        signCount: 0,
        transports: ['internal'],
        aaguid: '00000000-0000-0000-0000-000000000000',
        name: 'Laptop',
        createdAt: now(),
        lastUsedAt: null,
      });
    };
    await passkey(member.user.id);
    await expectInStep(ds, id, [now()]);
    expect(
      (await ds.getRepository(User).findOneByOrFail({ id: member.user.id })).twoFactorHeld,
    ).toBe(1 + 4 + 8);
    await policy(Enforcement.REQUIRED, [TwoFactorMethod.PIN, TwoFactorMethod.PASSKEY], 7);
    await expectInStep(ds, id, [now()]);
    // phishing-resistant only: the passkey alone counts; without it the profile must add one
    const phishingResistant = (on: boolean) =>
      ds
        .getRepository(SecurityPolicy)
        .update({ accountId: id, userType: UserType.APP_REVIEWER }, { phishingResistantOnly: on });
    await phishingResistant(true);
    await expectInStep(ds, id, [now(), new Date(Date.now() + 8 * day)]);
    const withPasskey = await ds.getRepository(User).findOneByOrFail({ id: member.user.id });
    expect([withPasskey.twoFactorBase, withPasskey.twoFactorPossession]).toEqual([
      'ENROLLED',
      true,
    ]);
    await ds.getRepository(PasskeyFactor).delete({ userId: member.user.id });
    await expectInStep(ds, id, [now(), new Date(Date.now() + 8 * day)]);
    const withoutPasskey = await ds.getRepository(User).findOneByOrFail({ id: member.user.id });
    expect([withoutPasskey.twoFactorBase, withoutPasskey.twoFactorPossession]).toEqual([
      'PENDING',
      false,
    ]);
    await passkey(fresh.user.id);
    await expectInStep(ds, id, [now()]);
    await phishingResistant(false);
    await ds.getRepository(PasskeyFactor).delete({ userId: fresh.user.id });
    await policy(Enforcement.REQUIRED, [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN], 7);
    await expectInStep(ds, id, [now()]);

    // five wrong codes lock the step for 15 minutes: LOCKED now, not after the lock runs out
    const again = await signedIn(server.url, member.email, member.password);
    for (let i = 0; i < 5; i += 1) {
      await again.request(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: wrongCode(secret, stepOf(Date.now())),
      });
    }
    const locked = await ds.getRepository(User).findOneByOrFail({ id: member.user.id });
    expect(locked.twoFactorLockedUntil).not.toBeNull();
    await expectInStep(ds, id, [now(), new Date(locked.twoFactorLockedUntil!.getTime() + 1)]);

    // an administrator lifts the lock
    await owner.ok(`mutation ($id: ID!) { unlockTwoFactor(userId: $id) { id } }`, {
      id: member.user.id,
    });
    await expectInStep(ds, id, [now()]);

    // the method list loses the app: the PIN still counts, the possession factor no longer does
    await policy(Enforcement.REQUIRED, [TwoFactorMethod.PIN]);
    await expectInStep(ds, id, [now()]);
    await policy(Enforcement.REQUIRED, [TwoFactorMethod.SMS]);
    await expectInStep(ds, id, [now()]);

    // an administrator's reset removes every factor
    await owner.ok(
      `mutation ($id: ID!) { resetTwoFactor(userId: $id, reason: "lost phone") { id } }`,
      { id: member.user.id },
    );
    await expectInStep(ds, id, [now()]);

    // OFF, then OPTIONAL, then a per-user requirement under OPTIONAL
    await policy(Enforcement.OFF, []);
    await expectInStep(ds, id, [now()]);
    await policy(Enforcement.OPTIONAL, [TwoFactorMethod.AUTHENTICATOR_APP]);
    await expectInStep(ds, id, [now()]);
    await owner.ok(
      `mutation ($id: ID!) { updateUser(id: $id, input: { requireTwoFactor: true }) { id } }`,
      { id: member.user.id },
    );
    await expectInStep(ds, id, [now(), new Date(Date.now() + 30 * day)]);

    // a disabled factor step (100 wrong codes) is LOCKED whatever the clock says
    await ds.getRepository(SecondFactorGuard).save({
      userId: fresh.user.id,
      consecutiveFailures: 100,
      lockCount: 3,
      lockedUntil: null,
      disabledAt: now(),
    });
    await expectInStep(ds, id, [now(), new Date(Date.now() + 3650 * day)]);

    // moving a profile to another type, and removing one
    await owner.ok(
      `mutation ($id: ID!) { updateUser(id: $id, input: { userType: APP_REPORT_VIEWER }) { id } }`,
      { id: member.user.id },
    );
    await expectInStep(ds, id, [now()]);
    await owner.ok(`mutation ($id: ID!) { removeUser(id: $id) }`, { id: fresh.user.id });
    await expectInStep(ds, id, [now()]);
    expect(oathCode(secret, stepOf(Date.now()))).toHaveLength(6);
  });

  it('stays in step when factors of one profile change at once, and with a policy racing them', async () => {
    const ds = server.dataSource;
    const account = await makeAccount(server.services, 'Race');
    await ds.getRepository(SecurityPolicy).update(
      { accountId: account.account.id, userType: UserType.APP_REVIEWER },
      {
        enforcement: Enforcement.REQUIRED,
        allowedMethods: Object.values(TwoFactorMethod),
        gracePeriodDays: 3,
      },
    );
    await ds
      .getRepository(Account)
      .update({ id: account.account.id }, { allowAllSmsCountries: true });
    const racer = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    const owned = await signedIn(server.url, account.ownerEmail, account.password);
    const userId = racer.user.id;
    const at = new Date();
    const app = () =>
      ds.getRepository(AuthenticatorFactor).insert({
        id: randomUUID(),
        userId,
        secretSealed: 'sealed',
        status: FactorStatus.ACTIVE,
        lastUsedStep: null,
        createdAt: at,
        confirmedAt: at,
      });
    const sms = () =>
      ds.getRepository(SmsFactor).insert({
        id: randomUUID(),
        userId,
        phoneSealed: 'sealed',
        phoneHash: `hash-${userId}`,
        status: FactorStatus.ACTIVE,
        createdAt: at,
        confirmedAt: at,
      });
    const pin = () =>
      ds
        .getRepository(PinFactor)
        .insert({ userId, pinHash: 'not-a-hash', createdAt: at, updatedAt: at });
    const passkeyRow = () =>
      ds.getRepository(PasskeyFactor).insert({
        id: randomUUID(),
        userId,
        credentialIdHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
        credentialId: 'AQID',
        publicKey: 'public',
        signCount: 0,
        transports: [],
        aaguid: '00000000-0000-0000-0000-000000000000',
        name: 'Key',
        createdAt: at,
        lastUsedAt: null,
      });
    const flip = (enforcement: Enforcement) =>
      owned.ok(
        `mutation ($input: SecurityPolicyInput!) { updateSecurityPolicy(input: $input) { enforcement } }`,
        {
          input: {
            userType: UserType.APP_REVIEWER,
            enforcement,
            allowedMethods: [TwoFactorMethod.SMS],
            gracePeriodDays: 1,
          },
        },
      );
    // four factors and a policy change, each in its own transaction, released together
    await Promise.all([app(), sms(), pin(), passkeyRow(), flip(Enforcement.REQUIRED)]);
    await expectInStep(ds, account.account.id, [new Date()]);
    // and all removed at once while the policy changes again
    await Promise.all([
      ds.getRepository(AuthenticatorFactor).delete({ userId }),
      ds.getRepository(SmsFactor).delete({ userId }),
      ds.getRepository(PinFactor).delete({ userId }),
      ds.getRepository(PasskeyFactor).delete({ userId }),
      flip(Enforcement.OPTIONAL),
    ]);
    await expectInStep(ds, account.account.id, [new Date()]);
    expect((await ds.getRepository(User).findOneByOrFail({ id: userId })).twoFactorHeld).toBe(0);
  });
});

describe('the migration that adds the stored 2FA columns', () => {
  it('brings profiles made before it, and rows changed under the old schema, into step', async () => {
    const database = await createTestDatabase();
    try {
      const before = await startTestServer({ database });
      const fixture = await makeAccount(before.services, 'Before');
      const accountId = fixture.account.id;
      const enrolled = await makeUser(before.services, fixture.account, {
        userType: UserType.APP_REVIEWER,
      });
      const waiting = await makeUser(before.services, fixture.account, {
        userType: UserType.APP_REVIEWER,
        requireTwoFactor: true,
        neverSignedIn: true,
      });
      const lockedOut = await makeUser(before.services, fixture.account, {
        userType: UserType.ADMINISTRATOR,
      });
      await before.close();

      const dataSource = createDataSource(database.config);
      await dataSource.initialize();
      try {
        // back to the schema before the migration, undoing those after it too
        const applied = async () =>
          (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).map(
            (row) => row.name,
          );
        expect((await applied()).some((name) => name.startsWith('StoredTwoFactorStatus'))).toBe(
          true,
        );
        while ((await applied()).some((name) => name.startsWith('StoredTwoFactorStatus'))) {
          await undoLastMigration(dataSource);
        }
        // what the old code wrote under the old schema, with no trigger to see it. (SQLite's undo
        // leaves the factor tables' foreign keys naming the users table's temporary copy until the
        // migration runs again: they are not checked meanwhile.)
        const sqlite = database.config.type === 'sqlite';
        if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
        const at = new Date();
        await dataSource.getRepository(AuthenticatorFactor).insert({
          id: randomUUID(),
          userId: enrolled.user.id,
          secretSealed: 'sealed',
          status: FactorStatus.ACTIVE,
          lastUsedStep: null,
          createdAt: at,
          confirmedAt: at,
        });
        await dataSource
          .getRepository(PinFactor)
          .insert({ userId: lockedOut.user.id, pinHash: 'hash', createdAt: at, updatedAt: at });
        await dataSource.getRepository(SecondFactorGuard).insert({
          userId: lockedOut.user.id,
          consecutiveFailures: 5,
          lockCount: 1,
          lockedUntil: new Date(Date.now() + 15 * minute),
          disabledAt: null,
        });
        if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
        await dataSource.query(
          `UPDATE security_policies SET enforcement = 'REQUIRED', allowedMethods = '["AUTHENTICATOR_APP"]' WHERE accountId = ? AND userType = 'APP_REVIEWER'`,
          [accountId],
        );
        await runMigrations(dataSource);
        const now = new Date();
        await expectInStep(dataSource, accountId, [now, new Date(now.getTime() + 20 * minute)]);
        const stored = await dataSource.getRepository(User).findBy({ accountId });
        const base = Object.fromEntries(stored.map((u) => [u.id, u.twoFactorBase]));
        expect([base[enrolled.user.id], base[waiting.user.id]]).toEqual([
          'ENROLLED',
          'AWAITING_FIRST_SIGN_IN',
        ]);
        expect(stored.find((u) => u.id === lockedOut.user.id)?.twoFactorLockedUntil).not.toBeNull();
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
