import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signedIn } from '@twofold/testkit/api-client';
import { finished } from '@twofold/testkit/process';
import { AccountDomain } from '../src/modules/account-domain/account-domain.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { type AccountFixture, makeAccount } from './helpers/factories';
import { spawnServerScript } from './helpers/server-process';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

/** The environment that points a spawned CLI at `database` (the test dialect's). */
function envFor(database: TestDatabase, dataDir: string): Record<string, string> {
  const { config } = database;
  if (config.type === 'sqlite') return { TWOFOLD_DATA_DIR: path.dirname(config.path) };
  return {
    DATABASE_URL: config.url,
    TWOFOLD_SECRET_KEY: randomBytes(32).toString('base64'),
    TWOFOLD_DATA_DIR: dataDir,
  };
}

const OPTIONS = `query ($email: String) {
  signInOptions(email: $email) { displayName accountName }
}`;

describe('`twofold verify-domain` (the operator vouches for a domain)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  const domain = `acme-${randomBytes(3).toString('hex')}.test`;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-cli-domain-'));
    server = await startTestServer({ database });
    acme = await makeAccount(server.services, 'Acme Domains');
    globex = await makeAccount(server.services, 'Globex Domains');
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    await owner.ok(
      `mutation ($input: CreateIdentityProviderInput!) { createIdentityProvider(input: $input) { id } }`,
      {
        input: {
          displayName: 'Acme SSO',
          issuerUrl: 'https://id.example.com',
          clientId: 'twofold',
          clientSecret: 'not-used-here',
          allowedEmailDomains: [domain],
        },
      },
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    finished(spawnServerScript('cli.ts', ['verify-domain', ...args], envFor(database, dataDir)));

  const offered = async (email: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: OPTIONS, variables: { email } }),
    });
    return ((await response.json()) as { data: { signInOptions: unknown[] } }).data.signInOptions;
  };

  it('verifies the domain for the account, so its provider is offered by email', async () => {
    expect(await offered(`ann@${domain}`)).toEqual([]);
    const result = await run(['--account', acme.account.slug, '--domain', domain.toUpperCase()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`verified ${domain} for account ${acme.account.slug}\n`);
    expect(await offered(`ann@${domain}`)).toEqual([
      { displayName: 'Acme SSO', accountName: 'Acme Domains' },
    ]);
    const row = await server.dataSource
      .getRepository(AccountDomain)
      .findOneByOrFail({ accountId: acme.account.id, domain });
    expect(row).toMatchObject({ verifiedBy: 'OPERATOR', verifiedDomain: domain });
    const events = await server.dataSource
      .getRepository(AuditEvent)
      .find({ where: { targetId: row.id }, order: { createdAt: 'ASC' } });
    expect(events.map((event) => [event.action, event.actorUserId, event.details])).toEqual([
      ['account_domain.added', null, { domain }],
      ['account_domain.verified', null, { domain, method: 'OPERATOR' }],
    ]);

    const again = await run(['--account', acme.account.slug, '--domain', domain]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${domain} was already verified for account ${acme.account.slug}\n`);
  });

  it.each([
    [
      'a domain another account has verified',
      () => ['--account', globex.account.slug, '--domain', domain],
      /^twofold: --domain: Another account has verified this domain$/,
    ],
    [
      'a malformed domain',
      () => ['--account', globex.account.slug, '--domain', 'not a domain'],
      /^twofold: invalid input: --domain: Enter a domain such as example.com$/,
    ],
    [
      'an unknown account',
      () => ['--account', 'no-such-account', '--domain', 'globex.test'],
      /^twofold: --account: Account "no-such-account" not found$/,
    ],
    ['a missing option', () => ['--domain', 'globex.test'], /^twofold: missing --account$/],
  ])('exits 1 with one line on %s and verifies nothing', async (_name, args, line) => {
    const before = await server.dataSource
      .getRepository(AccountDomain)
      .countBy({ accountId: globex.account.id });
    const result = await run(args());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(
      await server.dataSource
        .getRepository(AccountDomain)
        .countBy({ accountId: globex.account.id }),
    ).toBe(before);
  });
});
