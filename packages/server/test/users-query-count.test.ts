import { UserType } from '@twofold/shared';
import type { Logger } from 'typeorm';
import { type ApiClient, signedIn } from './helpers/api-client';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

/** A TypeORM logger that only counts the statements sent to the database. */
class QueryCounter implements Logger {
  queries: string[] = [];
  logQuery(query: string): void {
    this.queries.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

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

/**
 * Queries of one users page beyond what authenticating the request costs: the page, its total,
 * the identities (email), the security policies and the 2FA state (active factors, locks, backup
 * codes) behind twoFactor*. `account` needs none.
 */
const USERS_PAGE_QUERIES = 7;

describe('users list query count', () => {
  const counter = new QueryCounter();
  let server: TestServer;
  let acme: AccountFixture;
  let api: ApiClient;

  /** Statements one request sends, less those a bare `viewer` request sends (authentication). */
  async function queriesOf(query: string, variables: Record<string, unknown>): Promise<number> {
    counter.queries = [];
    await api.ok('{ viewer { id } }');
    const baseline = counter.queries.length;
    counter.queries = [];
    const data = await api.ok<{ users: { nodes: unknown[] } }>(query, variables);
    expect(data.users.nodes.length).toBe(variables.first);
    return counter.queries.length - baseline;
  }

  beforeAll(async () => {
    server = await startTestServer({ queryLogger: counter });
    acme = await makeAccount(server.services, 'Counted');
    const types = Object.values(UserType);
    for (let i = 0; i < 60; i += 1) {
      await makeUser(server.services, acme.account, {
        userType: types[i % types.length],
        displayName: `User ${String(i).padStart(2, '0')}`,
        requireTwoFactor: i % 3 === 0,
        twoFactorDeadline:
          i % 3 === 0 ? new Date(Date.now() + (i % 2 ? 1 : -1) * 86_400_000) : null,
      });
    }
    api = await signedIn(server.url, acme.ownerEmail, acme.password);
  });
  afterAll(async () => {
    await server.close();
  });

  it('issues the same, pinned number of queries for 5 and for 50 users', async () => {
    const five = await queriesOf(PAGE, { first: 5 });
    const fifty = await queriesOf(PAGE, { first: 50 });
    expect({ five, fifty }).toEqual({ five: USERS_PAGE_QUERIES, fifty: USERS_PAGE_QUERIES });
  });

  it('keeps the count flat with filters too', async () => {
    const filter = { search: 'user', userType: null, twoFactorStatus: null };
    const five = await queriesOf(PAGE, { first: 5, filter });
    const fifty = await queriesOf(PAGE, { first: 50, filter });
    expect({ five, fifty }).toEqual({ five: USERS_PAGE_QUERIES, fifty: USERS_PAGE_QUERIES });
  });

  it('does not grow with the page when each user’s apps are read too', async () => {
    const withApps = PAGE.replace('account { name }', 'account { name } apps { id name }');
    expect(withApps).toContain('apps { id name }');
    expect(await queriesOf(withApps, { first: 5 })).toBe(await queriesOf(withApps, { first: 50 }));
  });
});
