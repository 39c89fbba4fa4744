import { setTimeout as sleep } from 'node:timers/promises';
import { UserStatus, UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn, type GraphQLResult } from '@twofold/testkit/api-client';
import { generateTotpSecret } from '../src/modules/two-factor/authenticator/totp';
import { LinkPurpose } from '../src/modules/link-token/link-token.service';
import { Session } from '../src/modules/session/session.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  SecondFactorGuard,
} from '../src/modules/two-factor/two-factor.entities';
import { Identity } from '../src/modules/identity/identity.entity';
import { User } from '../src/modules/user/user.entity';
import { makeAccount, makeUser, randomEmail, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;
const RESET = `mutation ($userId: ID!) { resetTwoFactor(userId: $userId, reason: "Lost phone") { id } }`;
const VERIFY = `mutation { verifySecondFactor(kind: AUTHENTICATOR_APP, code: "000000") { stage } }`;
const SESSION = '{ session { stage } }';

/**
 * docs/design.md, Security baseline: on the embedded default every request shares one connection. Requests that write
 * while another request's transaction is open must neither run inside it (and be rolled back
 * with it) nor collide with it: everything that answered success is in the database afterwards.
 */
describe('writes released together', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);

  /** A profile holding an active authenticator and backup codes, as after an enrollment. */
  async function withFactor(fixture: UserFixture): Promise<void> {
    const now = new Date();
    const factors = repo(AuthenticatorFactor);
    await factors.insert(
      factors.create({
        userId: fixture.user.id,
        secretSealed: server.services.secrets.box.seal(generateTotpSecret()),
        status: FactorStatus.ACTIVE,
        lastUsedStep: null,
        createdAt: now,
        confirmedAt: now,
      }),
    );
    const codes = repo(BackupCode);
    await codes.insert(
      ['a', 'b', 'c'].map((n) =>
        codes.create({
          userId: fixture.user.id,
          codeHash: `${fixture.user.id}:${n}`,
          usedAt: null,
          createdAt: now,
        }),
      ),
    );
  }

  async function round(): Promise<void> {
    const a = await makeAccount(server.services);
    const b = await makeAccount(server.services);
    const owner = await signedIn(server.url, a.ownerEmail, a.password);

    // one login invited to two accounts, with no password yet
    const email = randomEmail('invited');
    const invited = [
      await makeUser(server.services, a.account, {
        email,
        password: null,
        status: UserStatus.INVITED,
      }),
      await makeUser(server.services, b.account, {
        email,
        password: null,
        status: UserStatus.INVITED,
      }),
    ];
    const tokens = await Promise.all(
      invited.map(({ user }) =>
        server.services.linkTokens.issue(
          LinkPurpose.INVITATION,
          user.identityId,
          user.id,
          3_600_000,
        ),
      ),
    );

    // sessions that will sign out, a user whose 2FA the owner resets, a user guessing codes
    const leaving = await makeUser(server.services, a.account, { userType: UserType.APP_REVIEWER });
    const leavers = await Promise.all(
      [1, 2, 3].map(() => signedIn(server.url, leaving.email, leaving.password)),
    );
    const resetTarget = await makeUser(server.services, a.account);
    await withFactor(resetTarget);
    const guesser = await makeUser(server.services, a.account);
    await withFactor(guesser);
    const guessing = await signedIn(server.url, guesser.email, guesser.password);

    // the two acceptances race (different passwords: one sets the login's first password, the
    // other must then be refused), while the other requests arrive spread over their window
    type Answer = [string, GraphQLResult<unknown>];
    const later = async (ms: number, kind: string, send: () => Promise<GraphQLResult<unknown>>) => {
      await sleep(ms);
      return [kind, await send()] as Answer;
    };
    const results = await Promise.all<Promise<Answer>>([
      ...tokens.map((token, i) =>
        later(0, 'accept', () =>
          new ApiClient(server.url).request(ACCEPT, { token, password: `password number ${i}` }),
        ),
      ),
      ...leavers.map((client, i) =>
        later(10 + 25 * i, 'signOut', () => client.request('mutation { signOut }')),
      ),
      later(20, 'reset', () => owner.request(RESET, { userId: resetTarget.user.id })),
      ...[0, 1, 2, 3].map((i) => later(5 + 20 * i, 'verify', () => guessing.request(VERIFY))),
    ]);

    const answered = (kind: string) => results.filter(([k]) => k === kind).map(([, r]) => r);
    // nothing failed for lack of isolation
    for (const [, result] of results) {
      expect(codesOf(result)).not.toContain('INTERNAL_SERVER_ERROR');
    }

    // one invitation set the login's password; the other, with another password, was refused
    const accepts = answered('accept');
    expect(accepts.filter((r) => codesOf(r).length === 0 && r.data)).toHaveLength(1);
    expect(accepts.flatMap(codesOf)).toEqual(['BAD_USER_INPUT']);
    const statuses = await Promise.all(
      invited.map(async ({ user }) => (await repo(User).findOneByOrFail({ id: user.id })).status),
    );
    expect(statuses.sort()).toEqual([UserStatus.ACTIVE, UserStatus.INVITED]);
    const login = await repo(Identity).findOneByOrFail({ email });
    expect(login.passwordHash).not.toBeNull();

    // every signOut that answered true left no session behind
    expect(answered('signOut').map((r) => r.data)).toEqual([
      { signOut: true },
      { signOut: true },
      { signOut: true },
    ]);
    expect(await repo(Session).countBy({ userId: leaving.user.id })).toBe(0);
    for (const client of leavers) {
      expect(await client.ok(SESSION)).toEqual({ session: null });
    }

    // the reset that answered OK removed the factors and ended the sessions
    expect(codesOf(answered('reset')[0]!)).toEqual([]);
    expect(await repo(AuthenticatorFactor).countBy({ userId: resetTarget.user.id })).toBe(0);
    expect(await repo(BackupCode).countBy({ userId: resetTarget.user.id })).toBe(0);

    // every wrong code that answered INVALID_CODE is counted
    const wrong = answered('verify').filter((r) => codesOf(r)[0] === 'INVALID_CODE').length;
    expect(wrong).toBe(4);
    const guard = await repo(SecondFactorGuard).findOneByOrFail({ userId: guesser.user.id });
    expect(guard.consecutiveFailures).toBe(wrong);
  }

  it('keeps every acknowledged write across ten rounds', async () => {
    for (let i = 0; i < 10; i++) await round();
  });
});
