import { UserStatus, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, reasonsOf, signedIn } from '@twofold/testkit/api-client';
import { User } from '../src/modules/user/user.entity';
import { makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const SELECT = `mutation ($userId: ID!) { selectProfile(userId: $userId) { stage } }`;

/**
 * docs/design.md, Permissions: nobody acts on themselves through admin operations, and "themselves" is every
 * profile of the caller's login — a second profile of the same person in the same account too.
 */
describe('admin operations on another profile of the caller’s own login', () => {
  let server: TestServer;
  let admin: ApiClient;
  let secondId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { account } = await makeAccount(server.services);
    const first = await makeUser(server.services, account, { userType: UserType.ADMINISTRATOR });
    const second = await makeUser(server.services, account, {
      userType: UserType.APP_REVIEWER,
      email: first.email,
    });
    secondId = second.user.id;
    admin = await signedIn(server.url, first.email, first.password);
    await admin.ok(SELECT, { userId: first.user.id });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    [
      'updateUser',
      `mutation ($id: ID!) { updateUser(id: $id, input: { displayName: "Me too" }) { id } }`,
    ],
    [
      'updateUser (suspend)',
      `mutation ($id: ID!) { updateUser(id: $id, input: { status: SUSPENDED }) { id } }`,
    ],
    ['removeUser', `mutation ($id: ID!) { removeUser(id: $id) }`],
    ['setUserApps', `mutation ($id: ID!) { setUserApps(userId: $id, appIds: []) { id } }`],
    [
      'resetTwoFactor',
      `mutation ($id: ID!) { resetTwoFactor(userId: $id, reason: "Mine") { id } }`,
    ],
    ['resendEnrollment', `mutation ($id: ID!) { resendEnrollment(userId: $id) }`],
    ['resendInvitation', `mutation ($id: ID!) { resendInvitation(userId: $id) { id } }`],
    ['revokeInvitation', `mutation ($id: ID!) { revokeInvitation(userId: $id) { id } }`],
  ])('refuses %s with reason SELF and changes nothing', async (_name, mutation) => {
    const before = await server.dataSource.getRepository(User).findOneByOrFail({ id: secondId });
    const result = await admin.request(mutation, { id: secondId });
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(reasonsOf(result)).toEqual(['SELF']);
    const after = await server.dataSource.getRepository(User).findOneByOrFail({ id: secondId });
    expect(after).toEqual(before);
    expect(after.status).toBe(UserStatus.ACTIVE);
  });
});
