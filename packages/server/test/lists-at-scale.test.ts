import { signedIn, type ApiClient } from '@twofold/testkit/api-client';
import { countBound } from '../src/db/paging';
import { User } from '../src/modules/user/user.entity';
import { insertAuditEvents, insertUsers } from './helpers/bulk-rows';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const USERS = `query ($filter: UsersFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    nodes { id displayName email }
    pageInfo { hasNextPage endCursor }
    totalCount
    totalCountIsLowerBound
  }
}`;

const EVENTS = `query ($filter: AuditEventsFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    nodes { id action createdAt }
    pageInfo { hasNextPage endCursor }
    totalCount
    totalCountIsLowerBound
  }
}`;

interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  totalCountIsLowerBound: boolean;
}
type UsersData = { users: Connection<{ id: string; displayName: string; email: string }> };
type EventsData = {
  auditEvents: Connection<{ id: string; action: string; createdAt: string }>;
};

/** Lists past the count's bound (docs/design.md, Lists at scale). */
describe('lists at scale', () => {
  let server: TestServer;
  let big: AccountFixture;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    big = await makeAccount(server.services, 'Big');
    await insertUsers(server.dataSource, big.account.id, countBound + 1, 'Bulk user');
    await insertAuditEvents(server.dataSource, big.account.id, big.owner.id, countBound + 1);
    api = await signedIn(server.url, big.ownerEmail, big.password);
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('stops counting users at the bound and says the total is a lower bound', async () => {
    const data = await api.ok<UsersData>(USERS, { first: 2 });
    expect(data.users).toMatchObject({ totalCount: countBound, totalCountIsLowerBound: true });
    expect(data.users.nodes).toHaveLength(2);
  });

  it('counts exactly below the bound, filtered and searched', async () => {
    const data = await api.ok<UsersData>(USERS, { filter: { search: 'bulk user 00000' } });
    // Bulk user 000000 … 000009
    expect(data.users).toMatchObject({ totalCount: 10, totalCountIsLowerBound: false });
    expect(data.users.nodes.map((n) => n.displayName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Bulk user 00000${i}`),
    );
    const email = data.users.nodes[3]!.email;
    const byEmail = await api.ok<UsersData>(USERS, { filter: { search: email.toUpperCase() } });
    expect(byEmail.users.nodes.map((n) => n.email)).toEqual([email]);
    expect(byEmail.users.totalCount).toBe(1);
    const owners = await api.ok<UsersData>(USERS, { filter: { userType: 'ADMINISTRATOR' } });
    expect(owners.users).toMatchObject({ totalCount: 1, totalCountIsLowerBound: false });
  });

  it('counts a search matching past the bound by both keys as a lower bound', async () => {
    // every bulk name starts with "bulk" and every bulk email too: the union is past the bound
    const data = await api.ok<UsersData>(USERS, { filter: { search: 'bulk' }, first: 1 });
    expect(data.users).toMatchObject({ totalCount: countBound, totalCountIsLowerBound: true });
  });

  it('walks a searched list page by page in name order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages += 1) {
      const data: UsersData = await api.ok<UsersData>(USERS, {
        filter: { search: 'Bulk user 0000' },
        first: 30,
        after,
      });
      seen.push(...data.users.nodes.map((n) => n.displayName));
      if (!data.users.pageInfo.hasNextPage) break;
      after = data.users.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      Array.from({ length: 100 }, (_, i) => `Bulk user ${String(i).padStart(6, '0')}`),
    );
  });

  it('stops counting events at the bound, by action too, and pages them newest first', async () => {
    const pageOf = (filter: Record<string, string>, after: string | null = null) =>
      api.ok<EventsData>(EVENTS, { filter, first: 3, after });
    const bounded = { totalCount: countBound, totalCountIsLowerBound: true };
    expect((await pageOf({})).auditEvents).toMatchObject(bounded);
    const updated = await pageOf({ action: 'user.updated' });
    expect(updated.auditEvents).toMatchObject(bounded);
    const next = await pageOf({ action: 'user.updated' }, updated.auditEvents.pageInfo.endCursor);
    const times = [...updated.auditEvents.nodes, ...next.auditEvents.nodes].map((n) =>
      Date.parse(n.createdAt),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(times).size).toBe(6);
  });

  it('merges the events a user did and those done to them, each once, newest first', async () => {
    const { user } = await makeUser(server.services, big.account, { displayName: 'Target person' });
    const renamed = await api.ok<{ updateUser: { id: string } }>(
      `mutation ($id: ID!) { updateUser(id: $id, input: { displayName: "Renamed target" }) { id } }`,
      { id: user.id },
    );
    expect(renamed.updateUser.id).toBe(user.id);
    const ownerEvents = await api.ok<EventsData>(EVENTS, {
      filter: { userId: big.owner.id },
      first: 100,
    });
    // the owner did the rename and the bulk events (acted on themself: counted once)
    expect(ownerEvents.auditEvents.totalCountIsLowerBound).toBe(true);
    expect(ownerEvents.auditEvents.nodes[0]!.action).toBe('user.updated');
    const ids = ownerEvents.auditEvents.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const targetEvents = await api.ok<EventsData>(EVENTS, { filter: { userId: user.id } });
    expect(targetEvents.auditEvents).toMatchObject({
      totalCount: 1,
      totalCountIsLowerBound: false,
      nodes: [{ action: 'user.updated' }],
    });
  });

  it('finds a user by a new name once renamed, by an administrator or by themself', async () => {
    const { user, email, password } = await makeUser(server.services, big.account, {
      displayName: 'Old Name',
    });
    const search = async (text: string) =>
      (await api.ok<UsersData>(USERS, { filter: { search: text } })).users.nodes.map((n) => n.id);
    expect(await search('old name')).toEqual([user.id]);
    await api.ok(
      `mutation ($id: ID!) { updateUser(id: $id, input: { displayName: "Ängel Admin" }) { id } }`,
      { id: user.id },
    );
    expect(await search('old name')).toEqual([]);
    expect(await search('ängel')).toEqual([user.id]);
    const self = await signedIn(server.url, email, password);
    await self.ok('mutation { updateProfile(input: { displayName: "Self Chosen" }) { id } }');
    expect(await search('ängel')).toEqual([]);
    expect(await search('SELF CHOSEN')).toEqual([user.id]);
    const row = await server.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect({ searchName: row.searchName, searchEmail: row.searchEmail }).toEqual({
      searchName: 'self chosen',
      searchEmail: email.toLowerCase(),
    });
  });
});
