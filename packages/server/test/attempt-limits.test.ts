import { signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { emailBucket, passwordRules } from '../src/modules/auth/password-sign-in.service';
import { RateLimit } from '../src/modules/rate-limit/rate-limit.entity';
import { makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password, transport: BEARER) { token }
}`;
const CHANGE_PASSWORD = `mutation ($current: String!) {
  changePassword(currentPassword: $current, newPassword: "a brand new secret")
}`;

/** How many answers carry each error code. */
function tally(
  answers: { errors?: { extensions?: { code?: string } }[] }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const code = answer.errors?.[0]?.extensions?.code ?? 'OK';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/**
 * docs/design.md, Security baseline: attempt limits are reserved before the check, so guesses released together cannot
 * all be checked before the first failure is counted.
 */
describe('password attempts released together', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const limit = passwordRules.email.limit;

  it(`checks at most ${limit} of 60 parallel sign-in guesses`, async () => {
    const { account } = await makeAccount(server.services);
    const victim = await makeUser(server.services, account);
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: 60 }, (_, i) => ({
        query: SIGN_IN,
        variables: { email: victim.email, password: `guess number ${i}` },
      })),
    );
    const counts = tally(answers);
    expect(counts.UNAUTHENTICATED).toBeLessThanOrEqual(limit);
    expect(counts).toEqual({
      UNAUTHENTICATED: counts.UNAUTHENTICATED,
      TOO_MANY_ATTEMPTS: 60 - (counts.UNAUTHENTICATED ?? 0),
    });
    // the right password is refused too until the window ends
    const right = await releaseTogether(server.url, [
      { query: SIGN_IN, variables: { email: victim.email, password: victim.password } },
    ]);
    expect(tally(right)).toEqual({ TOO_MANY_ATTEMPTS: 1 });
  });

  it(`checks at most ${limit} of 60 parallel changePassword guesses`, async () => {
    const { account } = await makeAccount(server.services);
    const member = await makeUser(server.services, account);
    const client = await signedIn(server.url, member.email, member.password);
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: 60 }, (_, i) => ({
        query: CHANGE_PASSWORD,
        variables: { current: `guess number ${i}` },
        token: client.token,
      })),
    );
    const counts = tally(answers);
    expect(counts.BAD_USER_INPUT).toBeLessThanOrEqual(limit);
    expect(counts).toEqual({
      BAD_USER_INPUT: counts.BAD_USER_INPUT,
      TOO_MANY_ATTEMPTS: 60 - (counts.BAD_USER_INPUT ?? 0),
    });
  });

  it('gives a right password its attempt back', async () => {
    const { account } = await makeAccount(server.services);
    const member = await makeUser(server.services, account);
    // limit - 1 wrong guesses, then the right password, then one more wrong: all checked
    const guesses = Array.from({ length: limit - 1 }, (_, i) => `wrong ${i}`);
    for (const password of [...guesses, member.password, 'one more wrong']) {
      const [answer] = await releaseTogether(server.url, [
        { query: SIGN_IN, variables: { email: member.email, password } },
      ]);
      expect(answer?.errors?.[0]?.extensions?.code).not.toBe('TOO_MANY_ATTEMPTS');
    }
  });

  it('starts a right password’s email over in a fresh window and gives its IP the attempt back', async () => {
    const { account } = await makeAccount(server.services);
    const member = await makeUser(server.services, account);
    const rows = server.services.dataSource.getRepository(RateLimit);
    for (const password of ['wrong 1', 'wrong 2']) {
      await releaseTogether(server.url, [
        { query: SIGN_IN, variables: { email: member.email, password } },
      ]);
    }
    const email = await rows.findOneByOrFail({ bucket: emailBucket(member.email) });
    expect(email.count).toBe(2);
    const ip = await rows.findOneByOrFail({ bucket: 'pw:ip:127.0.0.1' });
    const before = Date.now();
    await releaseTogether(server.url, [
      { query: SIGN_IN, variables: { email: member.email, password: member.password } },
    ]);
    const after = await rows.findOneByOrFail({ bucket: emailBucket(member.email) });
    expect(after.count).toBe(0);
    expect(after.windowStartedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(after.windowStartedAt.getTime()).toBeGreaterThan(email.windowStartedAt.getTime() - 1);
    // the IP keeps the two wrong guesses, not the right one
    expect((await rows.findOneByOrFail({ bucket: 'pw:ip:127.0.0.1' })).count).toBe(ip.count);
  });
});
