import { UserType } from '@twofold/shared';
import { type ApiClient, signedIn } from '@twofold/testkit/api-client';
import { User } from '../src/modules/user/user.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  testPassword,
} from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const day = 86_400_000;

describe('the enrollment deadline of profiles entering a type where 2FA is required', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, testPassword);
    await owner.ok(
      `mutation { updateSecurityPolicy(input: { userType: APP_REVIEWER, enforcement: REQUIRED, allowedMethods: [AUTHENTICATOR_APP], gracePeriodDays: 7 }) { enforcement } }`,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  const deadlineOf = async (id: string) =>
    (await server.dataSource.getRepository(User).findOneByOrFail({ id })).twoFactorDeadline;

  it('gives a profile created into the type its grace period, which it has not begun to use', async () => {
    const before = Date.now();
    const { createUser } = await owner.ok<{ createUser: { id: string; twoFactorStatus: string } }>(
      `mutation ($email: String!) { createUser(input: { email: $email, displayName: "New Reviewer", userType: APP_REVIEWER, sendInvitation: false }) { id twoFactorStatus } }`,
      { email: randomEmail('reviewer') },
    );
    // never signed in: it sets up at its first sign-in, where its grace period starts (first-sign-in.test.ts)
    expect(createUser.twoFactorStatus).toBe('AWAITING_FIRST_SIGN_IN');
    const deadline = (await deadlineOf(createUser.id))!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(before + 7 * day - 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 7 * day);
  });

  it('fixes the deadline once when a profile moves into the type, and never moves it after', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REPORT_VIEWER,
    });
    expect(await deadlineOf(member.user.id)).toBeNull();
    await owner.ok(
      `mutation { updateUser(id: "${member.user.id}", input: { userType: APP_REVIEWER }) { id } }`,
    );
    const fixed = await deadlineOf(member.user.id);
    expect(fixed).not.toBeNull();
    await owner.ok(
      `mutation { updateUser(id: "${member.user.id}", input: { userType: APP_REPORT_VIEWER }) { id } }`,
    );
    await owner.ok(
      `mutation { updateUser(id: "${member.user.id}", input: { userType: APP_REVIEWER }) { id } }`,
    );
    expect((await deadlineOf(member.user.id))?.getTime()).toBe(fixed?.getTime());
  });

  it('sets no deadline when moving into a type where 2FA is optional', async () => {
    const member = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    await owner.ok(
      `mutation { updateUser(id: "${member.user.id}", input: { userType: APP_ADMINISTRATOR }) { id } }`,
    );
    expect(await deadlineOf(member.user.id)).toBeNull();
  });
});
