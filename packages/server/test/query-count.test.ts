import { UserStatus, UserType } from '@twofold/shared';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { enroll, oathCode, VERIFY } from '@twofold/testkit/two-factor';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { StatementLog } from './helpers/statement-log';
import { startTestServer, type TestServer } from './helpers/test-server';

const PAGE = `query ($first: Int, $filter: UsersFilter) {
  users(first: $first, filter: $filter) {
    nodes {
      id displayName email userType status isOwner twoFactorStatus twoFactorMethods
      enrollmentDeadline requireTwoFactor account { name }
    }
    totalCount
    pageInfo { hasNextPage endCursor }
  }
}`;

/** verifySecondFactor with an authenticator code: every statement has its reason. */
const VERIFY_STATEMENTS = [
  'SELECT sessions', // the caller, with its profile's lockout row
  'UPDATE second_factor_guards', // the attempt reserved on that row, conditionally (docs/design.md, Security baseline)
  'SELECT authenticator_factors', // the sealed secret and its last used step
  'UPDATE authenticator_factors', // the step used, in one conditional write (single use)
  'UPDATE second_factor_guards', // right: the failures start over
  'UPDATE sessions', // secondFactorVerifiedAt
  'INSERT audit_events',
];

/** The console's user page: everything an administrator reads about one user. */
const USER_PAGE = `query ($id: ID!) {
  user(id: $id) {
    id displayName email userType status isOwner twoFactorStatus twoFactorMethods
    enrollmentDeadline backupCodesRemaining apps { id name }
    secondFactors { id kind label addedAt lastUsedAt unusedCodes }
    secondFactorLockout { lockedUntil disabled }
    sessions { id browser lastSeenAt ip }
    securityActivity(first: 10) { id action actorName targetName createdAt }
  }
}`;

/** The same detail fields over a page of users: one statement per field for the whole page. */
const DETAIL_PAGE = `query ($first: Int, $filter: UsersFilter) {
  users(first: $first, filter: $filter) {
    nodes {
      id
      secondFactors { kind }
      secondFactorLockout { disabled }
      sessions { browser }
      securityActivity(first: 2) { actorName }
    }
  }
}`;

/** The users page `pnpm bench` measures. */
const BENCH_PAGE = `query ($first: Int) {
  users(first: $first) { totalCount nodes { id displayName email userType twoFactorStatus apps { id name } } }
}`;

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password, transport: BEARER) { token session { stage } }
}`;

/**
 * The statements a request sends, pinned (docs/design.md, Targets): authentication is one statement (the
 * session with its login, profile, account, policy and 2FA state), and a list costs the same
 * whatever its length.
 */
describe('statements per request', () => {
  const log = new StatementLog();
  let server: TestServer;
  let acme: AccountFixture;
  let api: ApiClient;

  async function statementsOf(
    client: ApiClient,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<string[]> {
    log.statements = [];
    const result = await client.request<{ users?: { nodes: unknown[] } }>(query, variables);
    expect(result.errors).toBeUndefined();
    // a page really holds its users: a count alone would not see a hydration bug
    if (result.data?.users && !variables.filter) {
      expect(result.data.users.nodes).toHaveLength(variables.first as number);
    }
    return log.statements;
  }

  beforeAll(async () => {
    server = await startTestServer({ queryLogger: log });
    acme = await makeAccount(server.services, 'Counted');
    const types = Object.values(UserType);
    for (let i = 0; i < 60; i += 1) {
      const { user } = await makeUser(server.services, acme.account, {
        userType: types[i % types.length],
        displayName: `User ${String(i).padStart(2, '0')}`,
        requireTwoFactor: i % 3 === 0,
        twoFactorDeadline:
          i % 3 === 0 ? new Date(Date.now() + (i % 2 ? 1 : -1) * 86_400_000) : null,
        status: i % 4 === 0 ? UserStatus.INVITED : UserStatus.ACTIVE,
      });
      if (i % 4 === 0) {
        await server.dataSource
          .getRepository(User)
          .update(
            { id: user.id },
            { invitedAt: new Date(), invitationExpiresAt: new Date(Date.now() + 86_400_000) },
          );
      }
    }
    api = await signedIn(server.url, acme.ownerEmail, acme.password);
  });
  afterAll(async () => {
    await server.close();
  });

  it('authenticates a request in one statement', async () => {
    expect(await statementsOf(api, '{ viewer { id displayName email twoFactorStatus } }')).toEqual([
      expect.stringMatching(/FROM [`"]sessions[`"]/),
    ]);
  });

  it('reads a users page in four statements, 5 users or 50, apps included', async () => {
    const five = await statementsOf(api, BENCH_PAGE, { first: 5 });
    const fifty = await statementsOf(api, BENCH_PAGE, { first: 50 });
    // the caller; the page with emails, policies and 2FA state; its total; the apps
    expect({ five: five.length, fifty: fifty.length }).toEqual({ five: 4, fifty: 4 });
  });

  it('counts a list’s total only for a request that asks for it', async () => {
    const withTotal = await statementsOf(api, BENCH_PAGE, { first: 5 });
    const without = await statementsOf(
      api,
      'query ($first: Int) { users(first: $first) { nodes { id displayName email userType twoFactorStatus apps { id name } } } }',
      { first: 5 },
    );
    expect(withTotal.length - without.length).toBe(1);
    const events = await statementsOf(api, '{ auditEvents(first: 5) { nodes { id action } } }');
    const eventsWithTotal = await statementsOf(
      api,
      '{ auditEvents(first: 5) { nodes { id action } totalCount totalCountIsLowerBound } }',
    );
    expect(eventsWithTotal.length - events.length).toBe(1);
  });

  it('keeps a page with every 2FA field at three, filtered or not', async () => {
    const plain = await statementsOf(api, PAGE, { first: 50 });
    const filter = { search: 'user', userType: null, twoFactorStatus: 'ENROLLED' };
    const filtered = await statementsOf(api, PAGE, { first: 5, filter });
    expect({ plain: plain.length, filtered: filtered.length }).toEqual({ plain: 3, filtered: 3 });
  });

  it('reads each user’s invitation with the page: three statements for 5 users or 50', async () => {
    const query = `query ($first: Int) {
      users(first: $first) { totalCount nodes { id status invitedAt invitation { sentAt expiresAt } } }
    }`;
    const five = await statementsOf(api, query, { first: 5 });
    const fifty = await statementsOf(api, query, { first: 50 });
    // the caller; the page (its users' invitation state is on their rows); its total
    expect({ five: five.length, fifty: fifty.length }).toEqual({ five: 3, fifty: 3 });
    const data = await api.ok<{ users: { nodes: { invitation: unknown }[] } }>(query, {
      first: 50,
    });
    // the page holds invitations to read, not only nulls
    expect(data.users.nodes.filter((node) => node.invitation !== null).length).toBeGreaterThan(0);
  });

  it('counts backup codes only for a page that asks for them, right', async () => {
    const { email, password } = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const { backupCodes } = await enroll(await signedIn(server.url, email, password));
    const query = `query ($first: Int, $filter: UsersFilter) {
      users(first: $first, filter: $filter) { nodes { email twoFactorStatus backupCodesRemaining } }
    }`;
    log.statements = [];
    const data = await api.ok<{ users: { nodes: unknown[] } }>(query, {
      first: 5,
      filter: { search: email },
    });
    expect(data.users.nodes).toEqual([
      { email, twoFactorStatus: 'ENROLLED', backupCodesRemaining: backupCodes.length },
    ]);
    // the caller, the page (no total asked for: none counted), then the 2FA of its users in two
    // (loadTwoFactorSummaries)
    expect(log.statements).toHaveLength(4);
  });

  it('reads a user’s page in one statement a field, whatever it holds', async () => {
    const { user, email, password } = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    await enroll(await signedIn(server.url, email, password));
    const statements = await statementsOf(api, USER_PAGE, { id: user.id });
    expect(statements.map(kindOf).sort()).toEqual(
      [
        'SELECT sessions', // the caller
        'SELECT users', // the user
        'SELECT identities', // their email
        'SELECT users', // their 2FA state (loadTwoFactorSummaries) …
        'SELECT security_policies', // … and their type's policy
        'SELECT apps', // their apps
        'SELECT authenticator_factors', // secondFactors: the four factor tables in one UNION ALL
        'SELECT second_factor_guards', // secondFactorLockout
        'SELECT sessions', // sessions
        'SELECT audit_events', // securityActivity
        'SELECT users', // the names of those who acted
      ].sort(),
    );
  });

  it('reads the detail fields of 5 users or 50 in the same statements', async () => {
    // the 60 users named "User NN": never the caller, whose own details answer FORBIDDEN
    const filter = { search: 'User' };
    const five = await statementsOf(api, DETAIL_PAGE, { first: 5, filter });
    const fifty = await statementsOf(api, DETAIL_PAGE, { first: 50, filter });
    expect(fifty.map(kindOf)).toEqual(five.map(kindOf));
  });

  it('signs in with a password in seven statements', async () => {
    const client = new ApiClient(server.url);
    const statements = await statementsOf(client, SIGN_IN, {
      email: acme.ownerEmail,
      password: acme.password,
    });
    expect(statements.map(kindOf)).toEqual([
      'UPDATE rate_limits', // the email's attempt, reserved before the password is checked
      'UPDATE rate_limits', // the client IP's
      'SELECT identities', // the login with its active profiles, accounts, policies and 2FA
      'UPDATE rate_limits', // right: the email starts over, the IP gets its attempt back
      'INSERT sessions',
      'UPDATE users', // lastSignInAt
      'INSERT audit_events',
    ]);
    // the caller of the next request is one statement again
    const next = new ApiClient(server.url);
    next.token = (
      await next.request<{ signIn: { token: string } }>(SIGN_IN, {
        email: acme.ownerEmail,
        password: acme.password,
      })
    ).data?.signIn.token;
    expect(await statementsOf(next, '{ viewer { email } }')).toHaveLength(1);
  });

  it('verifies an authenticator code in seven statements', async () => {
    const { email, password } = await makeUser(server.services, acme.account, {
      userType: UserType.ADMINISTRATOR,
    });
    const { secret, step } = await enroll(await signedIn(server.url, email, password));
    const client = await signedIn(server.url, email, password);
    const statements = await statementsOf(client, VERIFY, {
      kind: 'AUTHENTICATOR_APP',
      code: oathCode(secret, step + 1),
    });
    expect(statements.map(kindOf)).toEqual(VERIFY_STATEMENTS);
  });
});

/** `UPDATE table`, `SELECT table` (its first FROM), `INSERT table`, … of a statement. */
function kindOf(statement: string): string {
  const verb = statement.trim().split(/\s+/)[0]!.toUpperCase();
  const table =
    verb === 'SELECT'
      ? // the quoted table of the outer FROM (subqueries name theirs unquoted)
        /\bFROM\s+[`"](\w+)[`"]/i.exec(statement)?.[1]
      : /^(?:UPDATE|INSERT INTO|DELETE FROM)\s+[`"]?(\w+)/i.exec(statement.trim())?.[1];
  return table ? `${verb} ${table}` : verb;
}
