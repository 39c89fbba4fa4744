import { UserType } from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const EVENTS = `query ($filter: AuditEventsFilter) {
  auditEvents(first: 100, filter: $filter) {
    totalCount
    nodes { action actorUserId actorName targetType targetId targetName }
  }
}`;
interface Node {
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
}

describe('auditEvents filters and names', () => {
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let reviewer: UserFixture;
  let appId: string;

  async function events(filter?: Record<string, unknown>) {
    return (
      await owner.ok<{ auditEvents: { totalCount: number; nodes: Node[] } }>(EVENTS, { filter })
    ).auditEvents;
  }

  beforeAll(async () => {
    server = await startTestServer();
    acme = await makeAccount(server.services, 'Audit Co');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    reviewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      displayName: 'Rita Reviewer',
    });
    const created = await owner.ok<{ createApp: { id: string } }>(
      'mutation { createApp(input: { name: "Field Notes", platform: IOS, bundleId: "com.example.notes", previewUrl: "https://preview.example.com/notes" }) { id } }',
    );
    appId = created.createApp.id;
    await owner.ok(
      'mutation ($id: ID!, $apps: [ID!]!) { setUserApps(userId: $id, appIds: $apps) { id } }',
      { id: reviewer.user.id, apps: [appId] },
    );
    await owner.ok(
      'mutation ($id: ID!) { updateUser(id: $id, input: { displayName: "Rita R." }) { id } }',
      {
        id: reviewer.user.id,
      },
    );
    // the reviewer's own sign-in: an event they did
    await signedIn(server.url, reviewer.email, reviewer.password);
  });
  afterAll(async () => {
    await server.close();
  });

  it('narrows by action', async () => {
    const page = await events({ action: 'app.created' });
    expect(page.totalCount).toBe(1);
    expect(page.nodes).toEqual([
      expect.objectContaining({
        action: 'app.created',
        actorUserId: acme.owner.id,
        actorName: acme.owner.displayName,
        targetType: 'App',
        targetId: appId,
        targetName: 'Field Notes',
      }),
    ]);
  });

  it('narrows by the user who acted or was acted on, with current names', async () => {
    const page = await events({ userId: reviewer.user.id });
    const actions = page.nodes.map((n) => n.action).sort();
    expect(actions).toEqual(['auth.signed_in', 'user.apps_set', 'user.updated']);
    for (const node of page.nodes) {
      expect(node.actorUserId === reviewer.user.id || node.targetId === reviewer.user.id).toBe(
        true,
      );
    }
    const update = page.nodes.find((n) => n.action === 'user.updated')!;
    expect(update).toMatchObject({ actorName: acme.owner.displayName, targetName: 'Rita R.' });
    // both conditions together
    expect((await events({ userId: reviewer.user.id, action: 'user.updated' })).totalCount).toBe(1);
  });

  it('finds nothing for another account’s user and an unknown action', async () => {
    const other = await makeAccount(server.services);
    expect((await events({ userId: other.owner.id })).totalCount).toBe(0);
    expect((await events({ action: 'nothing.here' })).totalCount).toBe(0);
  });

  it('names no one of another account in a login’s own activity', async () => {
    // another account made a profile for the reviewer's login and reset its 2FA
    const other = await makeAccount(server.services, 'Other Co');
    const elsewhere = await makeUser(server.services, other.account, {
      email: reviewer.email,
      displayName: 'Name chosen by Other Co',
    });
    await server.services.audit.record({
      accountId: other.account.id,
      actorUserId: other.owner.id,
      actorIdentityId: null,
      action: 'two_factor.reset',
      targetType: 'User',
      targetId: elsewhere.user.id,
      ip: null,
      details: null,
    });
    const client = await signedIn(server.url, reviewer.email, reviewer.password);
    await client.ok('mutation ($id: ID!) { selectProfile(userId: $id) { stage } }', {
      id: reviewer.user.id,
    });
    const { login } = await client.ok<{
      login: { securityEvents: { nodes: Node[] } };
    }>(
      '{ login { securityEvents(first: 100) { nodes { action actorUserId actorName targetType targetId targetName } } } }',
    );
    const reset = login.securityEvents.nodes.find((n) => n.targetId === elsewhere.user.id);
    expect(reset).toMatchObject({ action: 'two_factor.reset', actorName: null, targetName: null });
    const own = login.securityEvents.nodes.find(
      (n) => n.action === 'auth.signed_in' && n.actorUserId === reviewer.user.id,
    );
    expect(own?.actorName).toBe('Rita R.');
  });

  it('finds a user by an id written in capitals, on both dialects', async () => {
    const page = await events({ userId: reviewer.user.id.toUpperCase() });
    expect(page.totalCount).toBeGreaterThan(0);
  });

  it.each([
    [{ action: "x' OR 1=1" }, 'filter.action'],
    [{ action: 'a'.repeat(65) }, 'filter.action'],
    [{ userId: 'u'.repeat(65) }, 'filter.userId'],
  ])('refuses %j naming %s', async (filter, field) => {
    const result = await owner.request(EVENTS, { filter });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions!.fields as { field: string }[]).map(
      (f) => f.field,
    );
    expect(fields).toEqual([field]);
  });
});
