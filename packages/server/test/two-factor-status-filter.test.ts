import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import { type ApiClient, signedIn } from '@twofold/testkit/api-client';
import { enroll, VERIFY } from '@twofold/testkit/two-factor';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import {
  AuthenticatorFactor,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const LIST = `query ($status: TwoFactorStatus) {
  users(filter: { twoFactorStatus: $status }, first: 100) { totalCount nodes { id twoFactorStatus } }
}`;

describe('users filtered by 2FA status once factors exist', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
  });
  afterAll(async () => {
    await server.close();
  });

  async function listed(status: string) {
    const data = await owner.ok<{
      users: { totalCount: number; nodes: { id: string; twoFactorStatus: string }[] };
    }>(LIST, {
      status,
    });
    // the SQL filter and the computed field must agree on every row
    for (const node of data.users.nodes) expect(node.twoFactorStatus).toBe(status);
    expect(data.users.totalCount).toBe(data.users.nodes.length);
    return data.users.nodes.map((n) => n.id);
  }

  it('finds enrolled users under ENROLLED and locked ones under LOCKED, in SQL and in the field alike', async () => {
    const enrolled = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, enrolled.email, enrolled.password);
    const { backupCodes } = await enroll(client);
    expect(backupCodes).toHaveLength(10);

    const locked = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    await server.dataSource.getRepository(SecondFactorGuard).save({
      userId: locked.user.id,
      consecutiveFailures: 5,
      lockCount: 1,
      lockedUntil: new Date(Date.now() + 15 * 60_000),
      disabledAt: null,
    });

    expect(await listed('ENROLLED')).toEqual([enrolled.user.id]);
    expect(await listed('LOCKED')).toEqual([locked.user.id]);
    const optionalOff = await listed('OPTIONAL_OFF');
    expect(optionalOff).toEqual(expect.arrayContaining([acme.owner.id]));
    expect(optionalOff).not.toContain(enrolled.user.id);
    expect(optionalOff).not.toContain(locked.user.id);

    // an expired lock no longer counts
    await server.dataSource
      .getRepository(SecondFactorGuard)
      .update({ userId: locked.user.id }, { lockedUntil: new Date(Date.now() - 1000) });
    expect(await listed('LOCKED')).toEqual([]);
  });

  it('warns in the session when 3 or fewer backup codes remain', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, member.email, member.password);
    const { backupCodes } = await enroll(client);
    const state = async () =>
      (
        await client.ok<{ session: { backupCodesRemaining: number; backupCodesLow: boolean } }>(
          '{ session { backupCodesRemaining backupCodesLow } }',
        )
      ).session;
    expect(await state()).toEqual({ backupCodesRemaining: 10, backupCodesLow: false });
    // spend seven codes through real second-factor sign-ins
    for (const code of backupCodes.slice(0, 7)) {
      const again = await signedIn(server.url, member.email, member.password);
      await again.ok(VERIFY, { kind: 'BACKUP_CODE', code });
    }
    expect(await state()).toEqual({ backupCodesRemaining: 3, backupCodesLow: true });
  });

  it.each([
    [TwoFactorMethod.AUTHENTICATOR_APP, [TwoFactorMethod.AUTHENTICATOR_APP], 'ENROLLED'],
    [TwoFactorMethod.AUTHENTICATOR_APP, [TwoFactorMethod.PIN], 'OVERDUE'],
    [TwoFactorMethod.SMS, [TwoFactorMethod.SMS, TwoFactorMethod.PIN], 'ENROLLED'],
    [TwoFactorMethod.SMS, [TwoFactorMethod.AUTHENTICATOR_APP], 'OVERDUE'],
    [TwoFactorMethod.PIN, [TwoFactorMethod.PIN], 'ENROLLED'],
    [TwoFactorMethod.PIN, [TwoFactorMethod.SMS], 'OVERDUE'],
    [TwoFactorMethod.PIN, [], 'OVERDUE'],
  ])(
    'counts a %s factor only where the type allows it (allowed %j → %s), in SQL and in the field alike',
    async (method, allowedMethods, status) => {
      const account = await makeAccount(server.services);
      await server.dataSource
        .getRepository(SecurityPolicy)
        .update(
          { accountId: account.account.id, userType: UserType.APP_REVIEWER },
          { enforcement: Enforcement.REQUIRED, allowedMethods },
        );
      const holder = await makeUser(server.services, account.account, {
        userType: UserType.APP_REVIEWER,
        twoFactorDeadline: new Date(Date.now() - 1000),
      });
      const now = new Date();
      const userId = holder.user.id;
      if (method === TwoFactorMethod.PIN) {
        await server.dataSource
          .getRepository(PinFactor)
          .insert({ userId, pinHash: 'not-a-real-hash', createdAt: now, updatedAt: now });
      } else {
        const entity = method === TwoFactorMethod.SMS ? SmsFactor : AuthenticatorFactor;
        const repo = server.dataSource.getRepository<AuthenticatorFactor | SmsFactor>(entity);
        await repo.insert(
          repo.create({
            userId,
            status: FactorStatus.ACTIVE,
            createdAt: now,
            confirmedAt: now,
            ...(method === TwoFactorMethod.SMS
              ? { phoneSealed: 'sealed', phoneHash: `hash-${userId}` }
              : { secretSealed: 'sealed', lastUsedStep: null }),
          }),
        );
      }
      const owner = await signedIn(server.url, account.ownerEmail, account.password);
      const data = await owner.ok<{ users: { nodes: { id: string; twoFactorStatus: string }[] } }>(
        LIST,
        { status },
      );
      expect(data.users.nodes).toEqual([{ id: userId, twoFactorStatus: status }]);
    },
  );
});
