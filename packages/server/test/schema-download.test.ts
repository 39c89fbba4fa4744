import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserType } from '@twofold/shared';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { makeAccount, makeUser } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

describe('GET /schema.graphql', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const download = (token?: string) =>
    fetch(`${server.url}/schema.graphql`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('refuses visitors without an ACTIVE session', async () => {
    expect((await download()).status).toBe(401);
    expect((await download('not-a-token')).status).toBe(401);
    // past the password but not the second factor
    const acme = await makeAccount(server.services);
    const required = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      requireTwoFactor: true,
    });
    const enrolling = new ApiClient(server.url);
    await enrolling.signIn(required.email, required.password);
    expect((await download(enrolling.token)).status).toBe(401);
  });

  it('gives a signed-in profile the committed SDL as a download', async () => {
    const acme = await makeAccount(server.services);
    const reviewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, reviewer.email, reviewer.password);
    const response = await download(client.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const committed = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(await response.text()).toBe(committed);
  });
});
