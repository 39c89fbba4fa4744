import { type GraphQLResult, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { enroll, oathCode, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

jest.setTimeout(60_000);

type Answer = Pick<GraphQLResult<unknown>, 'errors'>;

/** The code and the lockout's words of each error of an answer. */
const told = (answer: Answer) =>
  (answer.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    attemptsRemaining: e.extensions?.attemptsRemaining,
  }));

/**
 * docs/design.md, Second-factor rules: a wrong code says how many are left before the lockout,
 * counted in the database as the lockout itself is.
 */
describe('tries left before the second-factor lockout', () => {
  let server: TestServer;
  let acme: AccountFixture;

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Acme Widgets');
  });
  afterAll(async () => {
    await server.close();
  });

  /** A reviewer with an authenticator app, signed in again: at the second-factor step. */
  async function atSecondFactor() {
    const fixture = await makeUser(server.services, acme.account);
    const enrolled = await enroll(await signedIn(server.url, fixture.email, fixture.password));
    const client = await signedIn(server.url, fixture.email, fixture.password);
    const wrong = wrongCode(enrolled.secret, enrolled.step);
    const guess = () => client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong });
    return { fixture, enrolled, client, wrong, guess };
  }

  it('counts down 4, 3, 2, 1, 0 and gives the lock’s one wait with the code that locks', async () => {
    const { guess } = await atSecondFactor();
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await guess());
    expect(answers.map((a) => told(a))).toEqual(
      [4, 3, 2, 1, 0].map((left) => [{ code: 'INVALID_CODE', attemptsRemaining: left }]),
    );
    expect(answers.slice(0, 4).map((a) => a.errors?.[0]?.extensions?.retryAfterSeconds)).toEqual(
      Array(4).fill(undefined),
    );
    const wait = answers[4]?.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // the next code meets the lock, which names the same wait
    const locked = await guess();
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const then = locked.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(wait - then).toBeGreaterThanOrEqual(0);
    expect(wait - then).toBeLessThanOrEqual(5);
  });

  it('keeps the count in the database: a new sign-in of the profile continues it', async () => {
    const { fixture, guess } = await atSecondFactor();
    await guess();
    await guess();
    const again = await signedIn(server.url, fixture.email, fixture.password);
    const answer = await again.request(VERIFY, { kind: 'BACKUP_CODE', code: 'AAAA-BBBB' });
    expect(told(answer)).toEqual([{ code: 'INVALID_CODE', attemptsRemaining: 2 }]);
  });

  it('starts a new round of five after a lock ends, and after a right code', async () => {
    const { fixture, enrolled, client, guess } = await atSecondFactor();
    const guards = server.dataSource.getRepository(SecondFactorGuard);
    await guards.save({
      userId: fixture.user.id,
      consecutiveFailures: 5,
      lockCount: 1,
      lockedUntil: new Date(Date.now() - 1000),
      disabledAt: null,
    });
    expect(told(await guess())).toEqual([{ code: 'INVALID_CODE', attemptsRemaining: 4 }]);
    expect(told(await guess())).toEqual([{ code: 'INVALID_CODE', attemptsRemaining: 3 }]);
    await client.ok(VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(enrolled.secret, enrolled.step + 1),
    });
    // signed in now: the next check of a current code starts from five again
    const regenerate = await client.request(
      'mutation ($code: String!) { regenerateBackupCodes(code: $code) }',
      { code: wrongCode(enrolled.secret, enrolled.step + 1) },
    );
    expect(told(regenerate)).toEqual([{ code: 'INVALID_CODE', attemptsRemaining: 4 }]);
  });

  it('tells each alias of one request its own place in the count', async () => {
    const { client, wrong } = await atSecondFactor();
    const aliases = [1, 2, 3]
      .map((i) => `a${i}: verifySecondFactor(kind: AUTHENTICATOR_APP, code: "${wrong}") { stage }`)
      .join('\n');
    const answer = await client.request(`mutation { ${aliases} }`);
    expect(
      (answer.errors ?? []).map((e) => [e.path?.[0], e.extensions?.attemptsRemaining]),
    ).toEqual([
      ['a1', 4],
      ['a2', 3],
      ['a3', 2],
    ]);
  });

  it('tells ten wrong codes released together 4, 3, 2, 1 and 0 once each, the rest locked', async () => {
    const { fixture, client, wrong } = await atSecondFactor();
    const answers = (await releaseTogether(
      server.url,
      Array.from({ length: 10 }, () => ({
        query: VERIFY,
        variables: { kind: 'AUTHENTICATOR_APP', code: wrong },
        token: client.token,
      })),
    )) as Answer[];
    const invalid = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'INVALID_CODE');
    const left = invalid.map((a) => told(a)[0]?.attemptsRemaining as number);
    expect(left.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(
      answers.filter((a) => a.errors?.[0]?.extensions?.code === 'TOO_MANY_ATTEMPTS'),
    ).toHaveLength(5);
    expect(
      await server.dataSource
        .getRepository(SecondFactorGuard)
        .findOneByOrFail({ userId: fixture.user.id }),
    ).toMatchObject({ consecutiveFailures: 5, lockCount: 1 });
  });
});
