import { UserType } from '@twofold/shared';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { type ApiClient, signedIn } from './helpers/api-client';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';
import { enroll, VERIFY } from './helpers/two-factor';

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
});
