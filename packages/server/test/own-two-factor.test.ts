import { UserType } from '@twofold/shared';
import { codesOf, signedIn } from '@twofold/testkit/api-client';
import { enroll, oathCode, VERIFY } from '@twofold/testkit/two-factor';
import { type AccountFixture, makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

type Role = 'owner' | UserType;
const roles: Role[] = ['owner', ...Object.values(UserType)];

describe('own 2FA, for every user type (docs/design.md, Permissions, last row)', () => {
  let server: TestServer;
  let acme: AccountFixture;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme');
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(roles)(
    'lets %s enroll an authenticator, pass the second factor, and turn it off again',
    async (role) => {
      const email =
        role === 'owner'
          ? acme.ownerEmail
          : (await makeUser(server.services, acme.account, { userType: role })).email;
      const first = await signedIn(server.url, email, testPassword);
      const { secret, step, backupCodes } = await enroll(first);
      expect(backupCodes).toHaveLength(10);

      const second = await signedIn(server.url, email, testPassword);
      expect(
        (await second.ok<{ session: { stage: string } }>('{ session { stage } }')).session.stage,
      ).toBe('SECOND_FACTOR');
      const verified = await second.ok<{ verifySecondFactor: { stage: string } }>(VERIFY, {
        kind: 'BACKUP_CODE',
        code: backupCodes[0] ?? '',
      });
      expect(verified.verifySecondFactor.stage).toBe('ACTIVE');

      const disable =
        'mutation ($code: String!) { disableTwoFactor(code: $code) { twoFactorStatus twoFactorMethods } }';
      expect(codesOf(await second.request(disable, { code: '000000' }))).toEqual(['INVALID_CODE']);
      // the step after the enrolling one (the enrolling step is used up)
      const off = await second.ok<{
        disableTwoFactor: { twoFactorStatus: string; twoFactorMethods: string[] };
      }>(disable, {
        code: oathCode(secret, step + 1),
      });
      expect(off.disableTwoFactor).toEqual({
        twoFactorStatus: 'OPTIONAL_OFF',
        twoFactorMethods: [],
      });
    },
  );
});
