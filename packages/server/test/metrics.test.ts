import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleOperations, UserType } from '@twofold/shared';
import { buildSchema, print } from 'graphql';
import pino from 'pino';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { startSmsProvider } from '@twofold/testkit/sms-provider';
import { enroll, oathCode, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { SessionDocument, SignInDocument } from '../../shared/src/generated/graphql';
import { MailService } from '../src/modules/mail/mail.service';
import { SecondFactorGuard } from '../src/modules/two-factor/two-factor.entities';
import type { EmailOutcome, MetricsSink } from '../src/metrics/sink';
import { noMetrics } from '../src/metrics/sink';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  testPassword,
} from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { RateLimit } from '../src/modules/rate-limit/rate-limit.entity';
import { startTestServer, type TestServer } from './helpers/test-server';

jest.setTimeout(120_000);

const token = `metrics-${randomBytes(12).toString('hex')}`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (`# HELP`/`# TYPE` lines skipped). */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** One metric's series, keyed by their labels (`method=SMS,outcome=invalid`). */
function seriesOf(samples: Sample[], name: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const sample of samples.filter((s) => s.name === name)) {
    const key = Object.entries(sample.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([label, value]) => `${label}=${value}`)
      .join(',');
    series.set(key, sample.value);
  }
  return series;
}

/** What each series of `name` gained from `before` to `after`, listing only those that moved. */
function gains(before: Sample[], after: Sample[], name: string): Record<string, number> {
  const start = seriesOf(before, name);
  const moved: Record<string, number> = {};
  for (const [key, value] of seriesOf(after, name)) {
    const gain = value - (start.get(key) ?? 0);
    if (gain !== 0) moved[key] = gain;
  }
  return moved;
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number {
  const sample = samples.find(
    (s) =>
      s.name === name &&
      Object.entries(labels).every(([label, value]) => s.labels[label] === value),
  );
  return sample?.value ?? 0;
}

function scrape(url: string, authorization?: string): Promise<Response> {
  return fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
}

async function samplesOf(server: TestServer): Promise<Sample[]> {
  const response = await scrape(server.url, `Bearer ${token}`);
  expect(response.status).toBe(200);
  return parse(await response.text());
}

async function postGraphql(url: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  return response.status;
}

/** Label values that are words the server chose, never something a user or request supplied. */
const routeLabels = new Set(['/healthz', '/readyz', '/metrics', '/schema.graphql', 'console']);
const reservedOperations = new Set(['invalid', 'other', ...routeLabels]);

/** The root fields each operation type may be labelled with (the schema's, and introspection's). */
const schemaRoots = (() => {
  const sdl = buildSchema(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
  const meta = ['__typename', '__schema', '__type'];
  return {
    query: new Set([...Object.keys(sdl.getQueryType()?.getFields() ?? {}), ...meta]),
    mutation: new Set([...Object.keys(sdl.getMutationType()?.getFields() ?? {}), '__typename']),
  };
})();

describe('GET /metrics', () => {
  it('answers 404, like any unknown API path, when METRICS_TOKEN is not set', async () => {
    const plain = await startTestServer();
    try {
      const [metrics, unknown] = await Promise.all([
        scrape(plain.url, `Bearer ${token}`),
        fetch(`${plain.url}/healthz/nothing`),
      ]);
      expect([metrics.status, unknown.status]).toEqual([404, 404]);
      expect(await metrics.json()).toEqual({ error: 'Not Found', path: '/metrics' });
      expect(await unknown.json()).toEqual({ error: 'Not Found', path: '/healthz/nothing' });
    } finally {
      await plain.close();
    }
  });

  describe('with METRICS_TOKEN set', () => {
    let server: TestServer;
    let acme: AccountFixture;

    beforeAll(async () => {
      server = await startTestServer({ env: { METRICS_TOKEN: token } });
      acme = await makeAccount(server.services);
    });
    afterAll(async () => {
      await server.close();
    });

    it('answers 401 with WWW-Authenticate: Bearer to a missing or wrong token, and no metrics', async () => {
      const wrongSameLength = `metrics-${randomBytes(12).toString('hex')}`;
      const basic = `Basic ${Buffer.from(`metrics:${token}`).toString('base64')}`;
      const refused = await Promise.all(
        [
          undefined,
          `Bearer ${wrongSameLength}`,
          `Bearer ${token.slice(0, -1)}`,
          `Bearer ${token}0`,
          'Bearer ',
          basic,
          token,
        ].map((authorization) => scrape(server.url, authorization)),
      );
      for (const response of refused) {
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        const body = await response.text();
        expect(body).not.toContain('twofold_');
        expect(body).not.toContain('process_');
      }
    });

    it('answers the Prometheus text format with the process metrics and the database pool', async () => {
      const response = await scrape(server.url, `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      for (const [name, type] of [
        ['twofold_http_requests_total', 'counter'],
        ['twofold_http_request_duration_seconds', 'histogram'],
        ['twofold_sign_ins_total', 'counter'],
        ['twofold_second_factor_verifications_total', 'counter'],
        ['twofold_lockouts_total', 'counter'],
        ['twofold_sms_sends_total', 'counter'],
        ['twofold_emails_total', 'counter'],
        ['twofold_db_pool_connections', 'gauge'],
        ['twofold_purged_rows_total', 'counter'],
        ['process_cpu_user_seconds_total', 'counter'],
        ['process_resident_memory_bytes', 'gauge'],
        ['nodejs_eventloop_lag_seconds', 'gauge'],
        ['nodejs_heap_size_used_bytes', 'gauge'],
      ]) {
        expect(text).toContain(`# TYPE ${name} ${type}\n`);
      }
      const samples = parse(text);
      const pool = (state: string) => valueOf(samples, 'twofold_db_pool_connections', { state });
      if (testDialect === 'sqlite') {
        // one better-sqlite3 connection, and this scrape holds no statement
        expect([pool('max'), pool('open'), pool('in_use'), pool('waiting')]).toEqual([1, 1, 0, 0]);
      } else {
        expect(pool('open')).toBeGreaterThanOrEqual(1);
        expect(pool('max')).toBeGreaterThanOrEqual(pool('open'));
        expect(pool('waiting')).toBe(0);
      }
      expect(pool('idle') + pool('in_use')).toBe(pool('open'));
    });

    it('counts the sign-ins, the failed codes and the lockout a user causes, exactly, with no email, id, IP or code in any label', async () => {
      const fixture = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const unknownEmail = randomEmail('nobody');
      const before = await samplesOf(server);

      const client = await signedIn(server.url, fixture.email, fixture.password);
      const enrolled = await enroll(client);
      const wrongPassword = await new ApiClient(server.url).signIn(
        fixture.email,
        'not the password',
      );
      const unknown = await new ApiClient(server.url).signIn(unknownEmail, testPassword);
      expect([codesOf(wrongPassword), codesOf(unknown)]).toEqual([
        ['UNAUTHENTICATED'],
        ['UNAUTHENTICATED'],
      ]);
      const later = await signedIn(server.url, fixture.email, fixture.password);
      // ten wrong codes at once: five are checked, the fifth locks, five are refused
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong }),
        ),
      );
      expect(results.map((r) => codesOf(r)[0]).sort()).toEqual([
        ...Array<string>(5).fill('INVALID_CODE'),
        ...Array<string>(5).fill('TOO_MANY_ATTEMPTS'),
      ]);

      const text = await (await scrape(server.url, `Bearer ${token}`)).text();
      const after = parse(text);
      expect(gains(before, after, 'twofold_sign_ins_total')).toEqual({
        'outcome=success': 2,
        'outcome=wrong_password': 1,
        'outcome=unknown_email': 1,
      });
      expect(gains(before, after, 'twofold_second_factor_verifications_total')).toEqual({
        // the code that confirmed the enrollment
        'method=AUTHENTICATOR_APP,outcome=success': 1,
        'method=AUTHENTICATOR_APP,outcome=invalid': 5,
        'method=AUTHENTICATOR_APP,outcome=locked': 5,
      });
      expect(gains(before, after, 'twofold_lockouts_total')).toEqual({ 'kind=locked': 1 });

      const personal = [
        fixture.email,
        unknownEmail,
        acme.ownerEmail,
        fixture.user.id,
        fixture.user.identityId,
        acme.account.id,
        acme.owner.id,
        '127.0.0.1',
        enrolled.secret,
        token,
      ];
      for (const value of personal) expect(text).not.toContain(value);
      // codes are digits, which numbers may hold: they must only stay out of the labels
      const codes = [wrong, ...enrolled.backupCodes, testPassword, 'not the password'];
      const labelValues = new Set(after.flatMap((s) => Object.values(s.labels)));
      for (const value of labelValues) {
        for (const secret of [...personal, ...codes]) {
          expect([value, value.includes(secret)]).toEqual([value, false]);
        }
      }
    });

    it('counts the 100th wrong code as a disable, and the right code after it as refused', async () => {
      const fixture = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const enrolled = await enroll(await signedIn(server.url, fixture.email, fixture.password));
      const later = await signedIn(server.url, fixture.email, fixture.password);
      await server.dataSource.getRepository(SecondFactorGuard).save({
        userId: fixture.user.id,
        consecutiveFailures: 99,
        lockCount: 19,
        lockedUntil: null,
        disabledAt: null,
      });
      const before = await samplesOf(server);
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      const right = oathCode(enrolled.secret, enrolled.step + 1);
      expect(
        codesOf(await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
      expect(
        codesOf(await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right })),
      ).toEqual(['TOO_MANY_ATTEMPTS']);
      const after = await samplesOf(server);
      expect(gains(before, after, 'twofold_second_factor_verifications_total')).toEqual({
        'method=AUTHENTICATOR_APP,outcome=invalid': 1,
        'method=AUTHENTICATOR_APP,outcome=disabled': 1,
      });
      expect(gains(before, after, 'twofold_lockouts_total')).toEqual({ 'kind=disabled': 1 });
    });

    it('counts requests by operation: a made-up or missing name by its root field, invalid when nothing ran', async () => {
      const before = await samplesOf(server);
      const statuses = await Promise.all([
        postGraphql(server.url, { query: 'query MetricsProbe { __typename }' }),
        postGraphql(server.url, { query: '{ __typename }' }),
        postGraphql(server.url, { query: `query ${'a'.repeat(65)} { __typename }` }),
        // a batch, and a document that does not parse
        postGraphql(server.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]),
        postGraphql(server.url, { query: '{' }),
        // the client's operationName does not pick the label: the operation that ran does
        postGraphql(server.url, {
          query: 'query MetricsProbe { __typename }',
          operationName: 'Claimed',
        }),
        fetch(`${server.url}/healthz`).then((r) => r.status),
      ]);
      expect(statuses).toEqual([200, 200, 200, 400, 400, 400, 200]);
      const after = await samplesOf(server);
      expect(gains(before, after, 'twofold_http_requests_total')).toEqual({
        'operation=query:__typename,status=200': 3,
        'operation=invalid,status=400': 3,
        'operation=/healthz,status=200': 1,
        // the scrape before this one
        'operation=/metrics,status=200': 1,
      });
      expect(
        gains(before, after, 'twofold_http_request_duration_seconds_count')[
          'operation=query:__typename'
        ],
      ).toBe(3);
      expect(await scrape(server.url, `Bearer ${token}`).then((r) => r.text())).not.toContain(
        'MetricsProbe',
      );
    });

    it('counts the rows each purge removes, by kind', async () => {
      await server.dataSource.getRepository(RateLimit).save([
        {
          bucket: `gone-${Date.now()}-1`,
          count: 1,
          windowStartedAt: new Date(Date.now() - 2 * 86_400_000),
        },
        {
          bucket: `gone-${Date.now()}-2`,
          count: 1,
          windowStartedAt: new Date(Date.now() - 2 * 86_400_000),
        },
      ]);
      const before = await samplesOf(server);
      const { counts } = await server.services.purge.run();
      const after = await samplesOf(server);
      expect(counts.rateLimits).toBeGreaterThanOrEqual(2);
      expect(gains(before, after, 'twofold_purged_rows_total')).toMatchObject({
        'kind=rateLimits': counts.rateLimits,
      });
    });

    it("labels the console's operations by name however many names strangers make up, and no made-up name", async () => {
      const before = await samplesOf(server);
      // more names than the previous cap of 200, from callers with no session
      const names = Array.from({ length: 201 }, (_, i) => `Flood${i}`);
      for (let i = 0; i < names.length; i += 25) {
        const statuses = await Promise.all(
          names
            .slice(i, i + 25)
            .map((name) => postGraphql(server.url, { query: `query ${name} { __typename }` })),
        );
        expect(statuses.every((status) => status === 200)).toBe(true);
      }
      // then what the console sends, as it sends it
      const fromConsole = await Promise.all([
        postGraphql(server.url, { query: print(SessionDocument) }),
        postGraphql(server.url, {
          query: print(SignInDocument),
          variables: { email: randomEmail('nobody'), password: 'not the password' },
        }),
      ]);
      expect(fromConsole).toEqual([200, 200]);
      // a signed-in caller's own name does not make a label either
      const fixture = await makeUser(server.services, acme.account);
      const client = await signedIn(server.url, fixture.email, fixture.password);
      await client.ok('query MySessionProbe { session { stage } }');

      const text = await (await scrape(server.url, `Bearer ${token}`)).text();
      const after = parse(text);
      expect(gains(before, after, 'twofold_http_requests_total')).toMatchObject({
        'operation=query:__typename,status=200': 201,
        'operation=Session,status=200': 1,
        'operation=SignIn,status=200': 1,
        'operation=query:session,status=200': 1,
      });
      for (const name of [...names, 'MySessionProbe']) expect(text).not.toContain(name);
      // every label is a console operation, a root field of the schema or a word of the server
      const labels = new Set(
        after
          .filter((s) => s.name.startsWith('twofold_http_request'))
          .map((s) => s.labels.operation ?? ''),
      );
      for (const label of labels) {
        expect([label, knownLabel(label)]).toEqual([label, true]);
      }
    });
  });
});

/** A label from the fixed set: a console operation, `<type>:<root field>`, or a server word. */
function knownLabel(label: string): boolean {
  if (reservedOperations.has(label) || label in consoleOperations) return true;
  const [type, field, ...rest] = label.split(':');
  const root = type === 'query' || type === 'mutation' ? schemaRoots[type] : undefined;
  return rest.length === 0 && field !== undefined && root !== undefined && root.has(field);
}

describe('text messages in the metrics', () => {
  const BEGIN_SMS = `mutation ($number: String!) {
    beginSmsEnrollment(countryCode: "GB", phoneNumber: $number)
  }`;
  const CONFIRM_SMS =
    'mutation ($code: String!) { confirmSmsEnrollment(code: $code) { backupCodes } }';

  it('counts texts sent, refused by the provider and held back by the limits, without the numbers', async () => {
    const provider = await startSmsProvider();
    const server = await startTestServer({ env: { ...provider.env(), METRICS_TOKEN: token } });
    try {
      const acme = await makeAccount(server.services, undefined, { smsCountries: ['GB'] });
      const fixture = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const client = await signedIn(server.url, fixture.email, fixture.password);
      const before = await samplesOf(server);
      // three texts to one number (its limit), a fourth held back; one the provider refuses
      for (let i = 0; i < 3; i++) await client.ok(BEGIN_SMS, { number: '07400 900001' });
      const held = await client.request(BEGIN_SMS, { number: '07400 900001' });
      provider.mode = 'fail';
      const refused = await client.request(BEGIN_SMS, { number: '07400 900002' });
      expect([codesOf(held), codesOf(refused)]).toEqual([
        ['TOO_MANY_ATTEMPTS'],
        ['SMS_UNAVAILABLE'],
      ]);
      const code = provider.last('+447400900001').code;
      const wrong = code === '000000' ? '111111' : '000000';
      expect(codesOf(await client.request(CONFIRM_SMS, { code: wrong }))).toEqual(['INVALID_CODE']);

      const response = await scrape(server.url, `Bearer ${token}`);
      const text = await response.text();
      const after = parse(text);
      expect(gains(before, after, 'twofold_sms_sends_total')).toEqual({
        'outcome=sent': 3,
        'outcome=rate_limited': 1,
        'outcome=failed': 1,
      });
      expect(gains(before, after, 'twofold_second_factor_verifications_total')).toEqual({
        'method=SMS,outcome=invalid': 1,
      });
      for (const value of ['7400900001', '7400900002', '07400 900001', fixture.email]) {
        expect(text).not.toContain(value);
      }
    } finally {
      await server.close();
      await provider.close();
    }
  });
});

describe('emails in the metrics', () => {
  it('counts a mail sent as sent and one the mail server refuses as failed', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-mail-'));
    const counted: EmailOutcome[] = [];
    const sink: MetricsSink = { ...noMetrics, email: (outcome) => counted.push(outcome) };
    const mail = { to: 'someone@example.test', subject: 'Hello', text: 'Hello' };
    try {
      const outbox = new MailService({
        config: { smtpUrl: undefined, mailFrom: 'Twofold <no-reply@localhost>', dataDir },
        logger: pino({ level: 'silent' }),
        metrics: sink,
      });
      await outbox.send(mail);
      // nothing listens on port 1: the connection is refused at once
      const unreachable = new MailService({
        config: {
          smtpUrl: 'smtp://127.0.0.1:1',
          mailFrom: 'Twofold <no-reply@localhost>',
          dataDir,
        },
        logger: pino({ level: 'silent' }),
        metrics: sink,
      });
      await expect(unreachable.send(mail)).rejects.toThrow();
      await unreachable.notify(mail);
      expect(counted).toEqual(['sent', 'failed', 'failed']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
