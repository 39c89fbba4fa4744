// suite: galera — also runs on the 3-node Galera cluster (.ci/run, `pnpm test:galera`)
import { existsSync, readFileSync } from 'node:fs';
import { UserType } from '@twofold/shared';
import { codesOf, signedIn } from '@twofold/testkit/api-client';
import { enroll, oathCode, VERIFY, wrongCode, type Enrolled } from '@twofold/testkit/two-factor';
import { base32Decode } from '../src/modules/two-factor/authenticator/totp';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import { makeAccount, makeUser, testPassword } from './helpers/factories';
import {
  startReplicas,
  startTestServer,
  type TestServer,
  capturingLogger,
} from './helpers/test-server';

jest.setTimeout(60_000);

describe('two server instances on one database', () => {
  let a: TestServer;
  let b: TestServer;
  let closeReplicas: () => Promise<void>;

  beforeAll(async () => {
    ({ a, b, close: closeReplicas } = await startReplicas());
  });
  afterAll(async () => {
    await closeReplicas();
  });

  async function enrolledUser() {
    const { account } = await makeAccount(a.services);
    const fixture = await makeUser(a.services, account, { userType: UserType.APP_REVIEWER });
    const client = await signedIn(a.url, fixture.email, fixture.password);
    const enrolled = await enroll(client);
    return { fixture, enrolled };
  }

  it('refuses on B the code A accepted, and the confirming code on both', async () => {
    const { fixture, enrolled } = await enrolledUser();
    const next = oathCode(enrolled.secret, enrolled.step + 1);
    const onB = await signedIn(b.url, fixture.email, fixture.password);
    expect(
      codesOf(
        await onB.request(VERIFY, {
          kind: 'AUTHENTICATOR_APP',
          code: oathCode(enrolled.secret, enrolled.step),
        }),
      ),
    ).toEqual(['INVALID_CODE']);
    const onA = await signedIn(a.url, fixture.email, fixture.password);
    await onA.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code: next });
    const laterOnB = await signedIn(b.url, fixture.email, fixture.password);
    expect(
      codesOf(await laterOnB.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: next })),
    ).toEqual(['INVALID_CODE']);
  });

  it('accepts one code on exactly one instance when both see it at the same moment', async () => {
    const { fixture, enrolled } = await enrolledUser();
    const next = oathCode(enrolled.secret, enrolled.step + 1);
    const clients = await Promise.all(
      [a, b, a, b].map((server) => signedIn(server.url, fixture.email, fixture.password)),
    );
    const results = await Promise.all(
      clients.map((client) => client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: next })),
    );
    const accepted = results.filter((r) => r.errors === undefined);
    expect(accepted).toHaveLength(1);
    expect(results.flatMap((r) => codesOf(r)).sort()).toEqual([
      'INVALID_CODE',
      'INVALID_CODE',
      'INVALID_CODE',
    ]);
  });

  it('adds up failures on A and B into one lock', async () => {
    const { fixture, enrolled } = await enrolledUser();
    const wrong = wrongCode(enrolled.secret, enrolled.step);
    const onA = await signedIn(a.url, fixture.email, fixture.password);
    const onB = await signedIn(b.url, fixture.email, fixture.password);
    for (const client of [onA, onB, onA, onB, onA]) {
      expect(
        codesOf(await client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
    }
    const right = oathCode(enrolled.secret, enrolled.step + 1);
    for (const client of [onB, onA]) {
      expect(
        codesOf(await client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right })),
      ).toEqual(['TOO_MANY_ATTEMPTS']);
    }
  });

  it('counts ten parallel wrong codes spread over A and B exactly: five are checked', async () => {
    const { fixture, enrolled } = await enrolledUser();
    const wrong = wrongCode(enrolled.secret, enrolled.step);
    const clients = await Promise.all(
      [a, b].map((server) => signedIn(server.url, fixture.email, fixture.password)),
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        clients[i % 2]!.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong }),
      ),
    );
    expect(results.map((r) => codesOf(r)[0]).sort()).toEqual([
      ...Array<string>(5).fill('INVALID_CODE'),
      ...Array<string>(5).fill('TOO_MANY_ATTEMPTS'),
    ]);
    const guard = await a.dataSource
      .getRepository(SecondFactorGuard)
      .findOneByOrFail({ userId: fixture.user.id });
    expect(guard.consecutiveFailures).toBe(5);
  });
});

/** Every way a secret, backup code, token or password could be written down. */
function forbiddenStrings(input: {
  enrolled: Enrolled[];
  tokens: string[];
  extraCodes?: string[];
}): { what: string; value: Buffer }[] {
  const needles: { what: string; value: Buffer }[] = [];
  const add = (what: string, value: string | Buffer) =>
    needles.push({ what, value: typeof value === 'string' ? Buffer.from(value) : value });
  for (const { secret, manualEntryKey, backupCodes } of input.enrolled) {
    const raw = base32Decode(secret);
    add('secret', secret);
    add('secret (lower case)', secret.toLowerCase());
    add('manual entry key', manualEntryKey);
    add('raw secret bytes', raw);
    add('raw secret hex', raw.toString('hex'));
    add('raw secret hex (upper)', raw.toString('hex').toUpperCase());
    add('raw secret base64', raw.toString('base64'));
    add('raw secret base64url', raw.toString('base64url'));
    for (const code of [...backupCodes, ...(input.extraCodes ?? [])]) {
      const normalized = code.replace(/-/g, '');
      add('backup code', code);
      add('backup code (normalized)', normalized);
      add('backup code (lower case)', normalized.toLowerCase());
      add('backup code (lower, dashed)', code.toLowerCase());
    }
  }
  for (const token of input.tokens) add('session token', token);
  add('password', testPassword);
  return needles;
}

function leaks(haystack: Buffer, needles: { what: string; value: Buffer }[]): string[] {
  return needles.filter((n) => haystack.includes(n.value)).map((n) => n.what);
}

describe('what a database dump and the logs hold', () => {
  let server: TestServer;
  const { logger, lines: logLines } = capturingLogger('trace');

  beforeAll(async () => {
    server = await startTestServer({ logger });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps no TOTP secret, backup code, session token or password in the database or the logs', async () => {
    const { account } = await makeAccount(server.services);
    const enrolled: Enrolled[] = [];
    const tokens: string[] = [];
    const usedCodes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const fixture = await makeUser(server.services, account, {
        userType: UserType.ADMINISTRATOR,
      });
      const client = await signedIn(server.url, fixture.email, fixture.password);
      tokens.push(client.token ?? '');
      const done = await enroll(client);
      enrolled.push(done);
      usedCodes.push(oathCode(done.secret, done.step));
      // sign in again with the app and with a backup code, and fail once
      const again = await signedIn(server.url, fixture.email, fixture.password);
      tokens.push(again.token ?? '');
      await again.request(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: wrongCode(done.secret, done.step),
      });
      const next = oathCode(done.secret, done.step + 1);
      usedCodes.push(next);
      await again.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code: next });
      const third = await signedIn(server.url, fixture.email, fixture.password);
      tokens.push(third.token ?? '');
      await third.ok(VERIFY, { kind: 'BACKUP_CODE', code: done.backupCodes[0] });
      // a cookie session too
      const cookie = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
          variables: { e: fixture.email, p: fixture.password },
        }),
      });
      const match = /twofold_session=([^;]+)/.exec(cookie.headers.get('set-cookie') ?? '');
      tokens.push(match?.[1] ?? '');
    }
    expect(tokens.every((t) => t.length >= 43)).toBe(true);
    const needles = forbiddenStrings({ enrolled, tokens });

    // the database, byte for byte
    let dump: Buffer;
    const config = server.config.database;
    if (config.type === 'sqlite') {
      await server.dataSource.query('PRAGMA wal_checkpoint(PASSIVE)');
      const files = [config.path, `${config.path}-wal`].filter((f) => existsSync(f));
      dump = Buffer.concat(files.map((f) => readFileSync(f)));
      expect(dump.length).toBeGreaterThan(10_000);
    } else {
      const tables = await server.dataSource.query<{ name: string }[]>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
      );
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['authenticator_factors', 'backup_codes', 'sessions', 'identities']),
      );
      const parts: Buffer[] = [];
      for (const { name } of tables) {
        const rows = await server.dataSource.query<Record<string, unknown>[]>(
          `SELECT * FROM \`${name}\``,
        );
        for (const row of rows) {
          for (const value of Object.values(row)) {
            if (Buffer.isBuffer(value)) parts.push(value, Buffer.from(value.toString('hex')));
            else if (value instanceof Date) parts.push(Buffer.from(value.toISOString()));
            else parts.push(Buffer.from(JSON.stringify(value) ?? 'null'));
          }
        }
      }
      dump = Buffer.concat(parts);
    }
    // the dump does hold the profiles, so the search is looking in the right place
    expect(dump.includes(Buffer.from(account.name))).toBe(true);
    expect(leaks(dump, needles)).toEqual([]);

    // the logs (every level), plus the one-time codes that were typed
    const logs = Buffer.from(logLines.join(''));
    expect(logLines.length).toBeGreaterThan(10);
    expect(logs.includes(Buffer.from('/graphql'))).toBe(true);
    expect(leaks(logs, needles)).toEqual([]);
    // six digits standing alone (timestamps and durations hold longer runs of digits)
    const text = logs.toString('utf8');
    expect(usedCodes.filter((code) => new RegExp(`(?<![0-9])${code}(?![0-9])`).test(text))).toEqual(
      [],
    );
  });
});
