import { IsNull } from 'typeorm';
import { releaseTogether } from '@twofold/testkit/release-together';
import { passwordRules } from '../src/modules/auth/password-sign-in.service';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { makeAccount, makeUser, randomEmail, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

jest.setTimeout(120_000);

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password, transport: BEARER) { token }
}`;

/** A sign-in with a wrong password, sent with `X-Forwarded-For: <xff>` (none when undefined). */
async function failSignIn(server: TestServer, email: string, xff?: string): Promise<string[]> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(xff === undefined ? {} : { 'x-forwarded-for': xff }),
    },
    body: JSON.stringify({ query: SIGN_IN, variables: { email, password: 'not the password' } }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return (body.errors ?? []).map((e) => e.extensions?.code ?? '');
}

/** The IPs the audit log recorded for the failed sign-ins of `fixture`'s login, oldest first. */
async function failedSignInIps(server: TestServer, fixture: UserFixture): Promise<string[]> {
  const events = await server.dataSource.getRepository(AuditEvent).find({
    where: { actorIdentityId: fixture.user.identityId, action: 'auth.sign_in_failed' },
    order: { createdAt: 'ASC' },
  });
  return events.map((event) => event.ip ?? '');
}

/** A server with TRUST_PROXY=`trust` and one login whose failed sign-ins are audited. */
async function serverTrusting(
  trust: string | undefined,
): Promise<{ server: TestServer; fixture: UserFixture }> {
  const server = await startTestServer({ env: trust === undefined ? {} : { TRUST_PROXY: trust } });
  const acme = await makeAccount(server.services);
  return { server, fixture: await makeUser(server.services, acme.account) };
}

describe('client IPs behind TRUST_PROXY=true (one proxy)', () => {
  let server: TestServer;
  let fixture: UserFixture;
  beforeAll(async () => {
    ({ server, fixture } = await serverTrusting('true'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes the right-most X-Forwarded-For entry, the one the proxy added, for the audit log', async () => {
    expect(await failSignIn(server, fixture.email, '203.0.113.66, 198.51.100.7')).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await failedSignInIps(server, fixture)).toEqual(['198.51.100.7']);
  });

  it('limits failed sign-ins per proxied IP however the client rotates the left-most entries', async () => {
    const proxied = '198.51.100.9';
    const attempts = passwordRules.ip.limit + 5;
    // a new email each time (the per-email limit stays out of it) and a new invented address
    const answers = await releaseTogether(
      server.url,
      Array.from({ length: attempts }, (_, i) => ({
        query: SIGN_IN,
        variables: { email: randomEmail('nobody'), password: 'not the password' },
        headers: { 'X-Forwarded-For': `10.${i >> 8}.${i & 255}.1, ${proxied}` },
      })),
    );
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'none').sort();
    expect(codes).toEqual([
      ...Array<string>(5).fill('TOO_MANY_ATTEMPTS'),
      ...Array<string>(passwordRules.ip.limit).fill('UNAUTHENTICATED'),
    ]);
    // the audit log of the unknown emails holds the proxied address, no invented one
    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'auth.sign_in_failed', actorIdentityId: IsNull() });
    expect(events).toHaveLength(passwordRules.ip.limit);
    expect(new Set(events.map((event) => event.ip))).toEqual(new Set([proxied]));
  });
});

describe('client IPs by TRUST_PROXY', () => {
  const cases: { trust: string | undefined; xff: string | undefined; ip: string }[] = [
    // no proxy: the header is the client's and counts for nothing
    { trust: undefined, xff: '203.0.113.5', ip: '127.0.0.1' },
    { trust: 'false', xff: '203.0.113.5', ip: '127.0.0.1' },
    // one proxy and no header: the socket's address
    { trust: 'true', xff: undefined, ip: '127.0.0.1' },
    // two proxies: the second entry from the right, whatever the client put before it
    { trust: '2', xff: '203.0.113.66, 198.51.100.20, 10.0.0.5', ip: '198.51.100.20' },
    // listed proxies only: 127.0.0.1 is not one, so its header is not believed
    { trust: '10.0.0.0/8', xff: '203.0.113.5, 10.1.2.3', ip: '127.0.0.1' },
    // through listed proxies up to the first address that is not one
    {
      trust: '127.0.0.1,10.0.0.0/8',
      xff: '203.0.113.66, 203.0.113.5, 10.1.2.3',
      ip: '203.0.113.5',
    },
  ];

  it.each(cases)(
    'records $ip as the client with TRUST_PROXY=$trust and X-Forwarded-For: $xff',
    async ({ trust, xff, ip }) => {
      const { server, fixture } = await serverTrusting(trust);
      try {
        expect(await failSignIn(server, fixture.email, xff)).toEqual(['UNAUTHENTICATED']);
        expect(await failedSignInIps(server, fixture)).toEqual([ip]);
      } finally {
        await server.close();
      }
    },
  );
});
