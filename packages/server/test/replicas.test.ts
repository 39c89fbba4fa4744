// suite: galera — also runs on the 3-node Galera cluster (.ci/run, `pnpm test:galera`)
import { UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { passwordRules } from '../src/modules/auth/password-sign-in.service';
import { makeAccount, makeUser } from './helpers/factories';
import { startReplicas, type TestServer } from './helpers/test-server';

jest.setTimeout(60_000);

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password, transport: BEARER) { token }
}`;

/**
 * docs/design.md, Scale-out: replicas share everything that decides security through the database. Two server
 * instances here share one database — or, with TEST_GALERA_URLS, talk to two different nodes of
 * a Galera cluster (`scripts/galera-cluster.sh`, run by `.ci/run`).
 */
describe('two replicas', () => {
  let a: TestServer;
  let b: TestServer;
  let closeReplicas: () => Promise<void>;

  beforeAll(async () => {
    ({ a, b, close: closeReplicas } = await startReplicas());
  });
  afterAll(async () => {
    await closeReplicas();
  });

  it('share the password limit: guesses released together on both check at most the limit', async () => {
    const { account } = await makeAccount(a.services);
    const victim = await makeUser(a.services, account);
    const guesses = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) => ({
        query: SIGN_IN,
        variables: { email: victim.email, password: `guess number ${offset + i}` },
      }));
    const answers = (
      await Promise.all([
        releaseTogether(a.url, guesses(20, 0)),
        releaseTogether(b.url, guesses(20, 20)),
      ])
    ).flat();
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK');
    const checked = codes.filter((code) => code === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(passwordRules.email.limit);
    expect(codes.filter((code) => code === 'TOO_MANY_ATTEMPTS')).toHaveLength(40 - checked);
    // the right password waits for the window on either replica
    for (const server of [a, b]) {
      const result = await new ApiClient(server.url).signIn(victim.email, victim.password);
      expect(codesOf(result)).toEqual(['TOO_MANY_ATTEMPTS']);
    }
  });

  it('share session revocation: a session signed out on one is gone on the other', async () => {
    const { account } = await makeAccount(a.services);
    const user = await makeUser(a.services, account, { userType: UserType.APP_REVIEWER });
    const onA = await signedIn(a.url, user.email, user.password);
    const onB = new ApiClient(b.url);
    onB.token = onA.token;
    expect((await onB.ok<{ viewer: { id: string } }>('{ viewer { id } }')).viewer.id).toBe(
      user.user.id,
    );
    await onA.ok('mutation { signOut }');
    expect(codesOf(await onB.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('retry conflicting writes: parallel edits of one user on both never answer INTERNAL_SERVER_ERROR', async () => {
    const acme = await makeAccount(a.services);
    const target = await makeUser(a.services, acme.account, { userType: UserType.APP_REVIEWER });
    const admins = await Promise.all(
      [a, b].map((server) => signedIn(server.url, acme.ownerEmail, acme.password)),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admins[i % 2]!.request(
          'mutation ($id: ID!, $name: String!) { updateUser(id: $id, input: { displayName: $name }) { id } }',
          { id: target.user.id, name: `Name ${i}` },
        ),
      ),
    );
    const codes = results.flatMap((result) => codesOf(result));
    expect(codes.filter((code) => code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
    // each answered: applied, or refused as a conflict or unavailable, never a partial write
    expect(codes.every((code) => code === 'UNAVAILABLE' || code === 'CONFLICT')).toBe(true);
    expect(results.filter((result) => !result.errors).length).toBeGreaterThan(0);
  });
});
