import { UserType } from '@twofold/shared';
import { ApiClient, codesOf, reasonsOf, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { RateLimit } from '../src/modules/rate-limit/rate-limit.entity';
import { changeRule } from '../src/modules/rate-limit/rate-limit.service';
import { makeAccount, makeUser, testPassword } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const aliases = (count: number, field: (i: number) => string) =>
  `mutation { ${Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;

/**
 * At most one expensive hash per request (docs/design.md, Limits): aliases of sign-in, password
 * or PIN fields answer 400 before any of them runs, and successful changes count per login.
 */
describe('one expensive hash per request', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses 15 aliased sign-ins with 400 before any runs', async () => {
    const { account } = await makeAccount(server.services);
    const { email } = await makeUser(server.services, account);
    const before = await server.dataSource.getRepository(AuditEvent).count();
    const result = await new ApiClient(server.url).request(
      aliases(15, (i) => `signIn(email: "${email}", password: "guess ${i}") { token }`),
    );
    expect(result.status).toBe(400);
    expect(codesOf(result)).toEqual(['BAD_REQUEST']);
    expect(reasonsOf(result)).toEqual(['ONE_HASH_PER_REQUEST']);
    expect(result.data).toBeUndefined();
    // nothing ran: no failed sign-in recorded, no attempt counted
    expect(await server.dataSource.getRepository(AuditEvent).count()).toBe(before);
    expect(await server.dataSource.getRepository(RateLimit).count()).toBe(0);
  });

  it('refuses a password change beside a PIN change, and PIN checks by variable', async () => {
    const { account } = await makeAccount(server.services);
    const user = await makeUser(server.services, account, { userType: UserType.APP_REVIEWER });
    const client = await signedIn(server.url, user.email, user.password);
    const mixed = await client.request(
      `mutation { changePassword(currentPassword: "${testPassword}", newPassword: "another password") ...Pin }
       fragment Pin on Mutation { setPin(pin: "2580", pinConfirmation: "2580") { backupCodes } }`,
    );
    expect(mixed.status).toBe(400);
    expect(reasonsOf(mixed)).toEqual(['ONE_HASH_PER_REQUEST']);
    const pins = await client.request(
      `mutation ($kind: SecondFactorKind!) {
        a: verifySecondFactor(kind: $kind, code: "1111") { stage }
        b: verifySecondFactor(kind: $kind, code: "2222") { stage }
      }`,
      { kind: 'PIN' },
    );
    expect(pins.status).toBe(400);
    expect(reasonsOf(pins)).toEqual(['ONE_HASH_PER_REQUEST']);
    // nothing ran: the password and the PIN are as they were
    await client.ok(`mutation { setPin(pin: "2580", pinConfirmation: "2580") { backupCodes } }`);
    expect((await signedIn(server.url, user.email, testPassword)).token).toBeDefined();
  });

  it('still runs aliased authenticator codes, each one counted', async () => {
    const result = await new ApiClient(server.url).request(
      aliases(3, (i) => `verifySecondFactor(kind: AUTHENTICATOR_APP, code: "00000${i}") { stage }`),
    );
    expect(result.status).toBe(200);
    expect(codesOf(result)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('counts successful password changes per login, also released together', async () => {
    const { account } = await makeAccount(server.services);
    const user = await makeUser(server.services, account);
    const client = await signedIn(server.url, user.email, user.password);
    const change = {
      query: `mutation ($p: String!) { changePassword(currentPassword: $p, newPassword: $p) }`,
      variables: { p: testPassword },
      token: client.token,
    };
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: changeRule.limit + 3 }, () => change),
    );
    const outcomes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK');
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(changeRule.limit);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS')).toHaveLength(3);
    const after = await client.request(change.query, change.variables);
    expect(codesOf(after)).toEqual(['TOO_MANY_ATTEMPTS']);
  });

  it('counts successful PIN changes per login', async () => {
    const { account } = await makeAccount(server.services);
    const user = await makeUser(server.services, account);
    const client = await signedIn(server.url, user.email, user.password);
    await client.ok(`mutation { setPin(pin: "2580", pinConfirmation: "2580") { backupCodes } }`);
    const change = `mutation { changePin(currentPin: "2580", newPin: "2580", newPinConfirmation: "2580") }`;
    // setting the first PIN was the first change
    for (let i = 1; i < changeRule.limit; i++) await client.ok(change);
    expect(codesOf(await client.request(change))).toEqual(['TOO_MANY_ATTEMPTS']);
  });
});
