import { randomBytes } from 'node:crypto';
import { UserType } from '@twofold/shared';
import {
  ApiClient,
  codesOf,
  type GraphQLResult,
  reasonsOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { startDnsServer, type TestDnsServer } from '@twofold/testkit/dns-server';
import { releaseTogether } from '@twofold/testkit/release-together';
import { AccountDomain } from '../src/modules/account-domain/account-domain.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

const DOMAIN_FIELDS =
  'id domain verified verifiedAt verifiedBy verificationToken recordName recordValue';
const LIST = `{ accountDomains { ${DOMAIN_FIELDS} } }`;
const ADD = `mutation ($domain: String!) { addAccountDomain(domain: $domain) { ${DOMAIN_FIELDS} } }`;
const VERIFY = `mutation ($id: ID!) { verifyAccountDomain(id: $id) { ${DOMAIN_FIELDS} } }`;
const REMOVE = 'mutation ($id: ID!) { removeAccountDomain(id: $id) }';
const CREATE_PROVIDER = `mutation ($input: CreateIdentityProviderInput!) {
  createIdentityProvider(input: $input) { id }
}`;
const OPTIONS = `query ($slug: String, $email: String) {
  signInOptions(accountSlug: $slug, email: $email) { id displayName accountName startPath }
}`;

interface DomainView {
  id: string;
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verificationToken: string;
  recordName: string;
  recordValue: string;
}

interface SignInOptionView {
  id: string;
  displayName: string;
  accountName: string;
}

/** A domain of its own per test: the DNS table and the database are shared by the file. */
const freshDomain = (label = 'corp') => `${label}-${randomBytes(4).toString('hex')}.test`;

describe(`verified email domains (${testDialect})`, () => {
  let dns: TestDnsServer;
  let server: TestServer;

  beforeAll(async () => {
    dns = await startDnsServer();
    server = await startTestServer({
      env: { DNS_SERVERS: dns.address, DNS_TIMEOUT_SECONDS: '1' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await dns?.close();
  });

  /** An account, its owner signed in, and one provider allowing `domains`. */
  async function tenant(
    name: string,
    domains: string[],
  ): Promise<{ fixture: AccountFixture; owner: ApiClient; providerId: string }> {
    const fixture = await makeAccount(server.services, `${name} ${randomBytes(2).toString('hex')}`);
    const owner = await signedIn(server.url, fixture.ownerEmail, fixture.password);
    const created = await owner.ok<{ createIdentityProvider: { id: string } }>(CREATE_PROVIDER, {
      input: {
        displayName: `${name} SSO`,
        // never contacted: signInOptions only lists providers
        issuerUrl: 'https://id.example.com',
        clientId: 'twofold',
        clientSecret: 'not-used-here',
        allowedEmailDomains: domains,
      },
    });
    return { fixture, owner, providerId: created.createIdentityProvider.id };
  }

  /** What a signed-out visitor is offered, with the raw answer to search for leaks. */
  async function offered(
    variables: Record<string, unknown>,
  ): Promise<{ options: SignInOptionView[]; raw: string }> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: OPTIONS, variables }),
    });
    const raw = await response.text();
    const body = JSON.parse(raw) as { data?: { signInOptions: SignInOptionView[] } };
    if (!body.data) throw new Error(raw);
    return { options: body.data.signInOptions, raw };
  }

  async function add(owner: ApiClient, domain: string): Promise<DomainView> {
    return (await owner.ok<{ addAccountDomain: DomainView }>(ADD, { domain })).addAccountDomain;
  }

  async function eventsFor(targetId: string): Promise<AuditEvent[]> {
    return server.dataSource
      .getRepository(AuditEvent)
      .find({ where: { targetId }, order: { createdAt: 'ASC' } });
  }

  it('offers a provider by email domain only once its account has proven the domain by DNS', async () => {
    const domain = freshDomain();
    const acme = await tenant('Acme', [domain]);
    const email = `ann@${domain.toUpperCase()}`;

    // unproven: on the account's own page only
    expect((await offered({ email })).options).toEqual([]);
    expect((await offered({ slug: acme.fixture.account.slug })).options).toContainEqual(
      expect.objectContaining({ id: acme.providerId, displayName: 'Acme SSO' }),
    );

    const claimed = await add(acme.owner, `  ${domain.toUpperCase()}. `);
    expect(claimed).toMatchObject({
      domain,
      verified: false,
      verifiedAt: null,
      verifiedBy: null,
      recordName: `_twofold.${domain}`,
      recordValue: `twofold-verification=${claimed.verificationToken}`,
    });
    expect(claimed.verificationToken).toMatch(/^[0-9a-f]{32}$/);

    // no record, then a record with another token: refused, with the field and a closed reason
    for (const records of [[], ['twofold-verification=0123456789abcdef0123456789abcdef']]) {
      dns.setTxt(`_twofold.${domain}`, records);
      const refused = await acme.owner.request(VERIFY, { id: claimed.id });
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(reasonsOf(refused)).toEqual(['DOMAIN_RECORD_MISSING']);
      expect(refused.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'id', message: expect.stringContaining(`_twofold.${domain}`) },
      ]);
      expect((await offered({ email })).options).toEqual([]);
    }
    // the token at the apex is not where Twofold looks
    dns.setTxt(`_twofold.${domain}`, []);
    dns.setTxt(domain, [claimed.recordValue]);
    expect(reasonsOf(await acme.owner.request(VERIFY, { id: claimed.id }))).toEqual([
      'DOMAIN_RECORD_MISSING',
    ]);

    dns.setTxt(`_twofold.${domain}`, ['v=spf1 -all', claimed.recordValue]);
    const verified = (
      await acme.owner.ok<{ verifyAccountDomain: DomainView }>(VERIFY, { id: claimed.id })
    ).verifyAccountDomain;
    expect(verified).toMatchObject({ id: claimed.id, verified: true, verifiedBy: 'DNS' });
    expect(dns.asked).toContain(`_twofold.${domain}`);

    expect((await offered({ email })).options).toEqual([
      {
        id: acme.providerId,
        displayName: 'Acme SSO',
        accountName: acme.fixture.account.name,
        startPath: `/oidc/start?provider=${acme.providerId}`,
      },
    ]);
    // a sub-domain is another domain
    expect((await offered({ email: `ann@mail.${domain}` })).options).toEqual([]);

    const events = await eventsFor(claimed.id);
    expect(events.map((event) => [event.action, event.details])).toEqual([
      ['account_domain.added', { domain }],
      ['account_domain.verified', { domain, method: 'DNS' }],
    ]);
    expect(events[0]?.actorUserId).toBe(acme.fixture.owner.id);

    // removed: strangers are no longer offered the provider
    expect(
      (await acme.owner.ok<{ removeAccountDomain: boolean }>(REMOVE, { id: claimed.id }))
        .removeAccountDomain,
    ).toBe(true);
    expect((await offered({ email })).options).toEqual([]);
    expect((await eventsFor(claimed.id)).map((event) => event.action)).toEqual([
      'account_domain.added',
      'account_domain.verified',
      'account_domain.removed',
    ]);
  });

  it('offers a provider allowing any domain for its account’s verified domains only', async () => {
    const domain = freshDomain();
    const acme = await tenant('Anydomain', []);
    expect((await offered({ email: `ann@${domain}` })).options).toEqual([]);
    await server.services.accountDomains.verifyByOperator(acme.fixture.account.slug, domain);
    expect((await offered({ email: `ann@${domain}` })).options.map((o) => o.id)).toEqual([
      acme.providerId,
    ]);
    expect((await offered({ email: `ann@${freshDomain()}` })).options).toEqual([]);
  });

  it('never names an account whose domain is not verified to a signed-out visitor', async () => {
    const domain = freshDomain('victim');
    const victim = await tenant('Victim', [domain]);
    const rival = await tenant('Impostor', [domain]);
    // the impostor claims the domain too, but cannot prove it
    await add(rival.owner, domain);
    const { options, raw } = await offered({ email: `ceo@${domain}` });
    expect(options).toEqual([]);
    for (const leak of [
      victim.fixture.account.name,
      rival.fixture.account.name,
      'Victim SSO',
      'Impostor SSO',
    ]) {
      expect(raw).not.toContain(leak);
    }

    await server.services.accountDomains.verifyByOperator(victim.fixture.account.slug, domain);
    const after = await offered({ email: `ceo@${domain}` });
    expect(after.options.map((o) => o.accountName)).toEqual([victim.fixture.account.name]);
    expect(after.raw).not.toContain(rival.fixture.account.name);
    expect(after.raw).not.toContain('Impostor SSO');
  });

  it('verifies a domain for one account at a time', async () => {
    const domain = freshDomain('shared');
    const first = await tenant('First', [domain]);
    const second = await tenant('Second', [domain]);
    const mine = await add(first.owner, domain);
    const theirs = await add(second.owner, domain);
    expect(theirs.verificationToken).not.toBe(mine.verificationToken);
    dns.setTxt(`_twofold.${domain}`, [mine.recordValue, theirs.recordValue]);

    await first.owner.ok(VERIFY, { id: mine.id });
    const refused = await second.owner.request(VERIFY, { id: theirs.id });
    expect(codesOf(refused)).toEqual(['CONFLICT']);
    expect(reasonsOf(refused)).toEqual(['DOMAIN_TAKEN']);
    expect(refused.errors?.[0]?.extensions?.field).toBe('domain');
    expect(refused.errors?.[0]?.message).not.toContain(first.fixture.account.name);
    await expect(
      server.services.accountDomains.verifyByOperator(second.fixture.account.slug, domain),
    ).rejects.toMatchObject({ code: 'CONFLICT', reason: 'DOMAIN_TAKEN' });
    expect((await offered({ email: `x@${domain}` })).options.map((o) => o.id)).toEqual([
      first.providerId,
    ]);

    // once the first lets go, the second can prove it
    await first.owner.ok(REMOVE, { id: mine.id });
    await second.owner.ok(VERIFY, { id: theirs.id });
    expect((await offered({ email: `x@${domain}` })).options.map((o) => o.id)).toEqual([
      second.providerId,
    ]);
  });

  it('lets one of two accounts verifying the same domain at once win', async () => {
    const domain = freshDomain('race');
    const tenants = await Promise.all([tenant('Left', [domain]), tenant('Right', [domain])]);
    const claims = await Promise.all(tenants.map(({ owner }) => add(owner, domain)));
    dns.setTxt(
      `_twofold.${domain}`,
      claims.map((claim) => claim.recordValue),
    );
    const answers = await releaseTogether(
      server.url,
      tenants.map(({ owner }, index) => ({
        query: VERIFY,
        variables: { id: claims[index]!.id },
        token: owner.token,
      })),
    );
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(
      await server.dataSource
        .getRepository(AccountDomain)
        .countBy({ domain, verifiedDomain: domain }),
    ).toBe(1);
    expect((await offered({ email: `x@${domain}` })).options).toHaveLength(1);
  });

  it('says when DNS does not answer, in bounded time, and verifies nothing', async () => {
    const domain = freshDomain('slow');
    const acme = await tenant('Slow', [domain]);
    const claimed = await add(acme.owner, domain);
    dns.setTxt(`_twofold.${domain}`, [claimed.recordValue]);
    dns.setMode('silent');
    try {
      const started = Date.now();
      const answer = await acme.owner.request(VERIFY, { id: claimed.id });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(codesOf(answer)).toEqual(['UNAVAILABLE']);
      expect(reasonsOf(answer)).toEqual(['DOMAIN_LOOKUP_FAILED']);
    } finally {
      dns.setMode('ok');
    }
    expect((await offered({ email: `x@${domain}` })).options).toEqual([]);
    const [row] = (await acme.owner.ok<{ accountDomains: DomainView[] }>(LIST)).accountDomains;
    expect(row).toMatchObject({ verified: false });
  });

  it('names the field of bad input and writes nothing', async () => {
    const acme = await tenant('Strict', []);
    const existing = await add(acme.owner, freshDomain());
    const before = {
      events: await server.dataSource.getRepository(AuditEvent).count(),
      rows: await server.dataSource.getRepository(AccountDomain).count(),
    };
    for (const domain of ['not a domain', 'localhost', '*.example.com', 'x'.repeat(300)]) {
      const answer = await acme.owner.request(ADD, { domain });
      expect(codesOf(answer)).toEqual(['BAD_USER_INPUT']);
      const fields = answer.errors?.[0]?.extensions?.fields as { field: string }[];
      expect(fields.length).toBeGreaterThan(0);
      expect(new Set(fields.map((f) => f.field))).toEqual(new Set(['domain']));
    }
    const duplicate = await acme.owner.request(ADD, { domain: existing.domain.toUpperCase() });
    expect(codesOf(duplicate)).toEqual(['CONFLICT']);
    expect(reasonsOf(duplicate)).toEqual(['ALREADY_EXISTS']);
    for (const query of [VERIFY, REMOVE]) {
      const missing = await acme.owner.request(query, { id: 'no-such-domain' });
      expect(codesOf(missing)).toEqual(['NOT_FOUND']);
      expect(missing.errors?.[0]?.extensions?.field).toBe('id');
    }
    expect(await server.dataSource.getRepository(AuditEvent).count()).toBe(before.events);
    expect(await server.dataSource.getRepository(AccountDomain).count()).toBe(before.rows);
  });

  it('only owners change domains; administrators read them; other accounts see none', async () => {
    const acme = await tenant('Guarded', []);
    const claimed = await add(acme.owner, freshDomain());
    dns.setTxt(claimed.recordName, [claimed.recordValue]);
    const admin = await makeUser(server.services, acme.fixture.account, {
      userType: UserType.ADMINISTRATOR,
    });
    const adminClient = await signedIn(server.url, admin.email, admin.password);
    const listed = await adminClient.ok<{ accountDomains: DomainView[] }>(LIST);
    expect(listed.accountDomains).toEqual([claimed]);
    const refusals: GraphQLResult<unknown>[] = [
      await adminClient.request(ADD, { domain: freshDomain() }),
      await adminClient.request(VERIFY, { id: claimed.id }),
      await adminClient.request(REMOVE, { id: claimed.id }),
    ];
    expect(refusals.map(codesOf)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);

    const reviewer = await makeUser(server.services, acme.fixture.account, {
      userType: UserType.APP_REVIEWER,
    });
    expect(
      codesOf(await (await signedIn(server.url, reviewer.email, reviewer.password)).request(LIST)),
    ).toEqual(['FORBIDDEN']);
    expect(codesOf(await new ApiClient(server.url).request(LIST))).toEqual(['UNAUTHENTICATED']);

    const rival = await tenant('Rival', []);
    expect((await rival.owner.ok<{ accountDomains: unknown[] }>(LIST)).accountDomains).toEqual([]);
    expect(codesOf(await rival.owner.request(VERIFY, { id: claimed.id }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await rival.owner.request(REMOVE, { id: claimed.id }))).toEqual(['NOT_FOUND']);
    const [row] = (await acme.owner.ok<{ accountDomains: DomainView[] }>(LIST)).accountDomains;
    expect(row).toMatchObject({ id: claimed.id, verified: false });
  });
});
