import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import type { GraphQLInputObjectType, GraphQLSchema } from 'graphql';
import type { FindOptionsWhere } from 'typeorm';
import { type ApiClient, codesOf, signedIn, reasonsOf } from '@twofold/testkit/api-client';
import { startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import {
  BEGIN,
  CONFIRM,
  enroll,
  oathCode,
  parseOtpauth,
  readQrCode,
  stepOf,
  VERIFY,
  wrongCode,
} from '@twofold/testkit/two-factor';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { LinkPurpose } from '../src/modules/link-token/link-token.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  SecondFactorGuard,
} from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

import { loadTwoFactorSummaries } from '../src/modules/two-factor/status/state';

jest.setTimeout(60_000);

const SESSION = `{ session { stage availableSecondFactors backupCodesRemaining user { id twoFactorStatus twoFactorMethods backupCodesRemaining } } }`;
// before the second factor a session may read only the profile's id, name and type (docs/design.md, Sign-in stages)
const PENDING_SESSION = `{ session { stage availableSecondFactors backupCodesRemaining user { id } } }`;

interface SessionData {
  session: {
    stage: string;
    availableSecondFactors: string[];
    backupCodesRemaining: number | null;
    user: {
      id: string;
      twoFactorStatus: string;
      twoFactorMethods: string[];
      backupCodesRemaining: number;
    } | null;
  } | null;
}

describe('two-factor authentication', () => {
  let server: TestServer;
  let mailbox: TestMailbox;
  let acme: AccountFixture;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    acme = await makeAccount(server.services, 'Acme Widgets');
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  const session = async (client: ApiClient) => {
    const pending = (await client.ok<SessionData>(PENDING_SESSION)).session;
    if (pending?.stage !== 'ACTIVE' && pending?.stage !== 'ENROLLMENT') return pending;
    return (await client.ok<SessionData>(SESSION)).session;
  };

  /** A reviewer (OPTIONAL by default) signed in at ACTIVE, or at ENROLLMENT when required. */
  async function member(options: { requireTwoFactor?: boolean } = {}) {
    const fixture = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      ...options,
    });
    const client = await signedIn(server.url, fixture.email, fixture.password);
    return { fixture, client };
  }

  const signInAgain = (fixture: UserFixture) =>
    signedIn(server.url, fixture.email, fixture.password);

  async function countOf<T extends object>(
    entity: new () => T,
    where: FindOptionsWhere<T>,
  ): Promise<number> {
    return server.dataSource.getRepository(entity).countBy(where);
  }

  describe('enrollment', () => {
    it('returns a QR code that decodes to the otpauth URI with the account as issuer and the email as label', async () => {
      const { fixture, client } = await member();
      const begun = await client.ok<{
        beginAuthenticatorEnrollment: {
          otpauthUri: string;
          qrCodeDataUrl: string;
          manualEntryKey: string;
        };
      }>(BEGIN, { link: null });
      const { otpauthUri, qrCodeDataUrl, manualEntryKey } = begun.beginAuthenticatorEnrollment;
      expect(readQrCode(qrCodeDataUrl)).toBe(otpauthUri);
      const parsed = parseOtpauth(otpauthUri);
      expect(parsed.issuer).toBe('Acme Widgets');
      expect(parsed.label).toBe(fixture.email);
      expect(parsed.params.get('issuer')).toBe('Acme Widgets');
      expect(parsed.params.get('digits')).toBe('6');
      expect(parsed.params.get('period')).toBe('30');
      expect(parsed.params.get('algorithm')).toBe('SHA1');
      // 160 bits = 32 base32 characters, shown in groups of four
      expect(parsed.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(manualEntryKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
      expect(manualEntryKey.replace(/ /g, '')).toBe(parsed.secret);
      // the secret is stored sealed in a PENDING factor, not in clear
      const pending = await server.dataSource
        .getRepository(AuthenticatorFactor)
        .findOneByOrFail({ userId: fixture.user.id, status: FactorStatus.PENDING });
      expect(pending.secretSealed).not.toContain(parsed.secret);
      expect(server.services.secrets.box.open(pending.secretSealed)).toBe(parsed.secret);
    });

    it('activates the factor with an oathtool code, returns 10 backup codes once and makes the session ACTIVE', async () => {
      const { fixture, client } = await member({ requireTwoFactor: true });
      expect((await session(client))?.stage).toBe('ENROLLMENT');
      const begun = await client.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
        BEGIN,
        { link: null },
      );
      const { secret } = parseOtpauth(begun.beginAuthenticatorEnrollment.otpauthUri);
      const step = stepOf(Date.now());
      const wrong = await client.request(CONFIRM, { code: wrongCode(secret, step) });
      expect(codesOf(wrong)).toEqual(['INVALID_CODE']);
      const confirmed = await client.ok<{
        confirmAuthenticatorEnrollment: {
          backupCodes: string[];
          session: { stage: string; backupCodesRemaining: number };
        };
      }>(CONFIRM, { code: oathCode(secret, step) });
      const { backupCodes, session: after } = confirmed.confirmAuthenticatorEnrollment;
      expect(after.stage).toBe('ACTIVE');
      expect(after.backupCodesRemaining).toBe(10);
      expect(backupCodes).toHaveLength(10);
      expect(new Set(backupCodes).size).toBe(10);
      for (const code of backupCodes)
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const now = await session(client);
      expect(now?.user).toMatchObject({
        twoFactorStatus: 'ENROLLED',
        twoFactorMethods: ['AUTHENTICATOR_APP'],
        backupCodesRemaining: 10,
      });
      const factor = await server.dataSource
        .getRepository(AuthenticatorFactor)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(factor.status).toBe(FactorStatus.ACTIVE);
      expect(factor.lastUsedStep).toBeGreaterThanOrEqual(step);
      // the wrong confirmation counted, the right one reset the counter
      const guard = await server.dataSource
        .getRepository(SecondFactorGuard)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(guard.consecutiveFailures).toBe(0);
      const mail = await mailbox.next(fixture.email);
      expect(mail.subject).toBe('Two-factor authentication enabled for Acme Widgets');
      expect(mail.raw).not.toContain(secret);
      for (const code of backupCodes) expect(mail.raw).not.toContain(code);
      expect(
        await countOf(AuditEvent, { action: 'two_factor.enabled', targetId: fixture.user.id }),
      ).toBe(1);
    });

    it('replaces the pending secret when enrollment begins again', async () => {
      const { client } = await member();
      const first = await client.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
        BEGIN,
        {},
      );
      const second = await client.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
        BEGIN,
        {},
      );
      const old = parseOtpauth(first.beginAuthenticatorEnrollment.otpauthUri).secret;
      const fresh = parseOtpauth(second.beginAuthenticatorEnrollment.otpauthUri).secret;
      expect(fresh).not.toBe(old);
      const step = stepOf(Date.now());
      expect(codesOf(await client.request(CONFIRM, { code: oathCode(old, step) }))).toEqual([
        'INVALID_CODE',
      ]);
      await client.ok(CONFIRM, { code: oathCode(fresh, step) });
    });

    it('answers CONFLICT when confirming without a started enrollment', async () => {
      const { client } = await member();
      const result = await client.request(CONFIRM, { code: '123456' });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(reasonsOf(result)).toEqual(['ENROLLMENT_NOT_STARTED']);
    });

    it('refuses a second app with CONFLICT while one is linked', async () => {
      const { client } = await member();
      await enroll(client);
      const again = await client.request(BEGIN, {});
      expect(codesOf(again)).toEqual(['CONFLICT']);
      expect(reasonsOf(again)).toEqual(['ALREADY_ENROLLED']);
    });

    it('refuses enrollment with FORBIDDEN when the type is OFF or does not allow the app, unless the user is required', async () => {
      const other = await makeAccount(server.services);
      const policies = server.dataSource.getRepository(SecurityPolicy);
      await policies.update(
        { accountId: other.account.id, userType: UserType.APP_REVIEWER },
        { enforcement: Enforcement.OFF },
      );
      await policies.update(
        { accountId: other.account.id, userType: UserType.APP_REPORT_VIEWER },
        { enforcement: Enforcement.OPTIONAL, allowedMethods: [TwoFactorMethod.SMS] },
      );
      const off = await makeUser(server.services, other.account, {
        userType: UserType.APP_REVIEWER,
      });
      const smsOnly = await makeUser(server.services, other.account, {
        userType: UserType.APP_REPORT_VIEWER,
      });
      // a user an administrator requires 2FA of, under a type allowing no method, gets the app
      await policies.update(
        { accountId: other.account.id, userType: UserType.APP_ADMINISTRATOR },
        { enforcement: Enforcement.OPTIONAL, allowedMethods: [] },
      );
      const required = await makeUser(server.services, other.account, {
        userType: UserType.APP_ADMINISTRATOR,
        email: undefined,
        requireTwoFactor: true,
      });
      for (const who of [off, smsOnly]) {
        const client = await signedIn(server.url, who.email, who.password);
        expect(codesOf(await client.request(BEGIN, {}))).toEqual(['FORBIDDEN']);
        expect(await countOf(AuthenticatorFactor, { userId: who.user.id })).toBe(0);
      }
      const client = await signedIn(server.url, required.email, required.password);
      expect((await session(client))?.stage).toBe('ENROLLMENT');
      await enroll(client);
      expect((await session(client))?.stage).toBe('ACTIVE');
    });
  });

  describe('enrollment links', () => {
    it('replaces a linked app through a link of the caller’s own profile, once', async () => {
      const { fixture, client } = await member();
      const old = await enroll(client);
      const token = await server.services.linkTokens.issue(
        LinkPurpose.ENROLLMENT,
        fixture.user.identityId,
        fixture.user.id,
        72 * 3600_000,
      );
      const fresh = await enroll(client, token);
      expect(fresh.secret).not.toBe(old.secret);
      expect(
        await countOf(AuthenticatorFactor, {
          userId: fixture.user.id,
          status: FactorStatus.ACTIVE,
        }),
      ).toBe(1);
      // the old app no longer signs in; the new one does
      const next = stepOf(Date.now()) + 1;
      const a = await signInAgain(fixture);
      expect(
        codesOf(
          await a.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: oathCode(old.secret, next) }),
        ),
      ).toEqual(['INVALID_CODE']);
      await a.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code: oathCode(fresh.secret, next) });
      // used up
      const reused = await client.request(BEGIN, { link: token });
      expect(codesOf(reused)).toEqual(['BAD_USER_INPUT']);
      expect(reasonsOf(reused)).toEqual(['INVALID_LINK']);
      expect(reused.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'linkToken', message: 'This link is invalid or has expired' },
      ]);
    });

    it('refuses someone else’s link like an unknown one, and leaves it usable for its owner', async () => {
      const owner = await member();
      const intruder = await member();
      const token = await server.services.linkTokens.issue(
        LinkPurpose.ENROLLMENT,
        owner.fixture.user.identityId,
        owner.fixture.user.id,
        72 * 3600_000,
      );
      const stolen = await intruder.client.request(BEGIN, { link: token });
      const unknown = await intruder.client.request(BEGIN, { link: 'x'.repeat(43) });
      expect(codesOf(stolen)).toEqual(['BAD_USER_INPUT']);
      expect(stolen.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      expect(await countOf(AuthenticatorFactor, { userId: intruder.fixture.user.id })).toBe(0);
      await enroll(owner.client, token);
    });
  });

  describe('the second-factor step', () => {
    it('puts a profile with a factor at SECOND_FACTOR, refuses the confirming code and older steps, accepts the next step', async () => {
      const { fixture, client } = await member();
      const { secret, step } = await enroll(client);
      const later = await signInAgain(fixture);
      const pending = await session(later);
      expect(pending?.stage).toBe('SECOND_FACTOR');
      expect(pending?.availableSecondFactors).toEqual(['AUTHENTICATOR_APP', 'BACKUP_CODE']);
      expect(pending?.backupCodesRemaining).toBeNull();
      // the code that confirmed the enrollment was used up, in any session
      for (const used of [step, step - 1]) {
        const replay = await later.request(VERIFY, {
          kind: 'AUTHENTICATOR_APP',
          code: oathCode(secret, used),
        });
        expect(codesOf(replay)).toEqual(['INVALID_CODE']);
      }
      const ok = await later.ok<{
        verifySecondFactor: { stage: string; backupCodesRemaining: number };
      }>(VERIFY, { kind: 'AUTHENTICATOR_APP', code: oathCode(secret, step + 1) });
      expect(ok.verifySecondFactor).toMatchObject({ stage: 'ACTIVE', backupCodesRemaining: 10 });
      expect((await session(later))?.stage).toBe('ACTIVE');
      // and that one cannot be used a second time either
      const third = await signInAgain(fixture);
      expect(
        codesOf(
          await third.request(VERIFY, {
            kind: 'AUTHENTICATOR_APP',
            code: oathCode(secret, step + 1),
          }),
        ),
      ).toEqual(['INVALID_CODE']);
      expect(
        await countOf(AuditEvent, {
          action: 'auth.second_factor_verified',
          targetId: fixture.user.id,
        }),
      ).toBe(1);
    });

    it('accepts each backup code once, whatever its case, spaces and dashes, counting down', async () => {
      const { fixture, client } = await member();
      const { backupCodes } = await enroll(client);
      await mailbox.next(fixture.email); // "enabled"
      const [first, second] = backupCodes as [string, string];
      const odd = (code: string) =>
        ` ${code.slice(0, 2).toLowerCase()} ${code.slice(2, 7)}-${code.slice(7).toLowerCase()} `.replace(
          '-',
          ' - ',
        );
      const a = await signInAgain(fixture);
      const verified = await a.ok<{
        verifySecondFactor: { stage: string; backupCodesRemaining: number };
      }>(VERIFY, { kind: 'BACKUP_CODE', code: odd(first) });
      expect(verified.verifySecondFactor).toMatchObject({
        stage: 'ACTIVE',
        backupCodesRemaining: 9,
      });
      const mail = await mailbox.next(fixture.email);
      expect(mail.subject).toBe('A backup code was used to sign in to Acme Widgets');
      expect(mail.text).toContain('9 unused backup codes remain');
      expect(mail.raw).not.toContain(first);

      const b = await signInAgain(fixture);
      const again = await b.request(VERIFY, { kind: 'BACKUP_CODE', code: first });
      expect(codesOf(again)).toEqual(['INVALID_CODE']);
      await b.ok(VERIFY, { kind: 'BACKUP_CODE', code: second.replace('-', '').toLowerCase() });
      expect((await session(b))?.backupCodesRemaining).toBe(8);
      expect((await session(b))?.user?.backupCodesRemaining).toBe(8);
    });

    it('offers only the authenticator app at SECOND_FACTOR once every backup code is used', async () => {
      const { fixture, client } = await member();
      await enroll(client);
      await server.dataSource
        .getRepository(BackupCode)
        .update({ userId: fixture.user.id }, { usedAt: new Date() });
      const later = await signInAgain(fixture);
      expect((await session(later))?.availableSecondFactors).toEqual(['AUTHENTICATOR_APP']);
    });

    it('answers INVALID_CODE to methods that are not set up, and counts them', async () => {
      const { fixture, client } = await member();
      await enroll(client);
      const later = await signInAgain(fixture);
      for (const kind of ['SMS', 'PIN']) {
        const result = await later.request(VERIFY, { kind, code: '123456' });
        expect(codesOf(result)).toEqual(['INVALID_CODE']);
        expect(result.errors?.[0]?.message).toBe('This method is not set up');
      }
      const guard = await server.dataSource
        .getRepository(SecondFactorGuard)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(guard.consecutiveFailures).toBe(2);
    });

    it('lets a SECOND_FACTOR session reach only session, verifySecondFactor, sendSmsCode, beginPasskeyAuthentication and signOut', async () => {
      const { fixture, client } = await member();
      await enroll(client);
      const later = await signInAgain(fixture);
      const { buildGraphQLSchema } = await import('../src/wiring/schema');
      const schema = await buildGraphQLSchema();
      const reachable = new Set([
        'session',
        'verifySecondFactor',
        'sendSmsCode',
        // docs/design.md, Passkeys: the challenge a passkey answers at this step
        'beginPasskeyAuthentication',
        'signOut',
      ]);
      const roots = [
        ['query', schema.getQueryType()],
        ['mutation', schema.getMutationType()],
      ] as const;
      let checked = 0;
      for (const [kind, type] of roots) {
        for (const field of Object.values(type?.getFields() ?? {})) {
          const guard = field.extensions.guard as { kind: string } | undefined;
          if (guard?.kind === 'public' || field.name === 'signOut') continue;
          // no arguments: stage errors come before argument validation would matter, so every
          // call is made with its required arguments as variables left out → we only use the
          // field name and accept GraphQL validation errors for fields that need arguments
          const required = field.args.filter((a) => String(a.type).endsWith('!'));
          const vars = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
          const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
          const named = String(field.type).replace(/[[\]!]/g, '');
          const leaf = ['String', 'Boolean', 'Int', 'ID', 'Float', 'DateTimeISO'].includes(named);
          const query = `${kind}${vars ? ` (${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${leaf ? '' : ' { __typename }'} }`;
          const variables = Object.fromEntries(
            required.map((a) => [a.name, sampleFor(String(a.type), schema)]),
          );
          const result = await later.request(query, variables);
          const code = codesOf(result)[0];
          if (reachable.has(field.name)) {
            expect([field.name, code]).not.toEqual([field.name, 'SECOND_FACTOR_REQUIRED']);
          } else {
            expect([field.name, code]).toEqual([field.name, 'SECOND_FACTOR_REQUIRED']);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(15);
      expect((await session(later))?.stage).toBe('SECOND_FACTOR');
      await later.ok('mutation { signOut }');
      expect(await later.ok<SessionData>('{ session { stage } }')).toEqual({ session: null });
    });
  });

  describe('lockout', () => {
    async function enrolledAtSecondFactor() {
      const { fixture, client } = await member();
      const enrolled = await enroll(client);
      const later = await signInAgain(fixture);
      return { fixture, enrolled, later };
    }

    it('counts every alias of one request: ten wrong codes lock the step, the right code is then refused, also after a new sign-in', async () => {
      const { fixture, enrolled, later } = await enrolledAtSecondFactor();
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      const aliases = Array.from(
        { length: 10 },
        (_, i) =>
          `a${i + 1}: verifySecondFactor(kind: AUTHENTICATOR_APP, code: "${wrong}") { stage }`,
      ).join('\n');
      const batch = await later.request(`mutation { ${aliases} }`);
      // mutations run one after another: five counted failures, then the lock answers
      expect((batch.errors ?? []).map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
        ...[1, 2, 3, 4, 5].map((i) => [`a${i}`, 'INVALID_CODE']),
        ...[6, 7, 8, 9, 10].map((i) => [`a${i}`, 'TOO_MANY_ATTEMPTS']),
      ]);
      const guards = server.dataSource.getRepository(SecondFactorGuard);
      const guard = await guards.findOneByOrFail({ userId: fixture.user.id });
      expect(guard.consecutiveFailures).toBeGreaterThanOrEqual(5);
      expect(guard.lockedUntil).not.toBeNull();
      const right = oathCode(enrolled.secret, enrolled.step + 1);
      const refused = await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right });
      expect(codesOf(refused)).toEqual(['TOO_MANY_ATTEMPTS']);
      const retry = refused.errors?.[0]?.extensions?.retryAfterSeconds as number;
      expect(retry).toBeGreaterThan(14 * 60);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      // a new sign-in does not lift it: the lock belongs to the profile
      const fresh = await signInAgain(fixture);
      expect((await session(fresh))?.stage).toBe('SECOND_FACTOR');
      expect(
        codesOf(
          await fresh.request(VERIFY, { kind: 'BACKUP_CODE', code: enrolled.backupCodes[0] }),
        ),
      ).toEqual(['TOO_MANY_ATTEMPTS']);
      expect(
        codesOf(await fresh.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right })),
      ).toEqual(['TOO_MANY_ATTEMPTS']);
      const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
      const seen = await owner.ok<{ user: { twoFactorStatus: string } }>(
        'query ($id: ID!) { user(id: $id) { twoFactorStatus } }',
        { id: fixture.user.id },
      );
      expect(seen.user.twoFactorStatus).toBe('LOCKED');
    });

    it('counts malformed codes (letters, 5 and 7 digits, 10 000 characters, empty) as failures answering INVALID_CODE', async () => {
      const { enrolled, later } = await enrolledAtSecondFactor();
      const malformed: [string, string][] = [
        ['AUTHENTICATOR_APP', 'abcdef'],
        ['AUTHENTICATOR_APP', '12345'],
        ['AUTHENTICATOR_APP', '1234567'],
        ['AUTHENTICATOR_APP', '9'.repeat(10_000)],
        ['BACKUP_CODE', ''],
      ];
      for (const [kind, code] of malformed) {
        const result = await later.request(VERIFY, { kind, code });
        expect(result.status).toBe(200);
        expect([code.slice(0, 10), codesOf(result)]).toEqual([code.slice(0, 10), ['INVALID_CODE']]);
      }
      const right = oathCode(enrolled.secret, enrolled.step + 1);
      expect(
        codesOf(await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: right })),
      ).toEqual(['TOO_MANY_ATTEMPTS']);
    });

    it('counts parallel requests one by one: of ten at once, exactly five are checked', async () => {
      const { fixture, enrolled, later } = await enrolledAtSecondFactor();
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong }),
        ),
      );
      const codes = results.map((r) => codesOf(r)[0]).sort();
      expect(codes).toEqual([
        ...Array<string>(5).fill('INVALID_CODE'),
        ...Array<string>(5).fill('TOO_MANY_ATTEMPTS'),
      ]);
      const guard = await server.dataSource
        .getRepository(SecondFactorGuard)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(guard).toMatchObject({ consecutiveFailures: 5, lockCount: 1, disabledAt: null });
    });

    it('doubles the lock on repeat, and a right code resets the counter', async () => {
      const { fixture, enrolled, later } = await enrolledAtSecondFactor();
      const guards = server.dataSource.getRepository(SecondFactorGuard);
      await guards.save({
        userId: fixture.user.id,
        consecutiveFailures: 9,
        lockCount: 1,
        lockedUntil: new Date(Date.now() - 1000),
        disabledAt: null,
      });
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      expect(
        codesOf(await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
      const locked = await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong });
      expect(codesOf(locked)).toEqual(['TOO_MANY_ATTEMPTS']);
      expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(29 * 60);
      // the lock ends: a right code is accepted and the counter starts over
      await guards.update(
        { userId: fixture.user.id },
        { lockedUntil: new Date(Date.now() - 1000) },
      );
      await later.ok(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: oathCode(enrolled.secret, enrolled.step + 1),
      });
      expect(await guards.findOneByOrFail({ userId: fixture.user.id })).toMatchObject({
        consecutiveFailures: 0,
        lockCount: 0,
        lockedUntil: null,
      });
    });

    it('disables the step at the 100th consecutive failure until an administrator resets it', async () => {
      const { fixture, enrolled, later } = await enrolledAtSecondFactor();
      await server.dataSource.getRepository(SecondFactorGuard).save({
        userId: fixture.user.id,
        consecutiveFailures: 99,
        lockCount: 19,
        lockedUntil: null,
        disabledAt: null,
      });
      const wrong = wrongCode(enrolled.secret, enrolled.step);
      expect(
        codesOf(await later.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
      const refused = await later.request(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: oathCode(enrolled.secret, enrolled.step + 1),
      });
      expect(codesOf(refused)).toEqual(['TOO_MANY_ATTEMPTS']);
      expect(refused.errors?.[0]?.message).toMatch(/administrator must reset/);
      const summaries = await loadTwoFactorSummaries(server.dataSource, [fixture.user]);
      expect(summaries.get(fixture.user.id)?.status).toBe('LOCKED');
      // the administrator's reset (removeAllFactors) lifts it
      await server.services.twoFactor.removeAllFactors(fixture.user.id);
      expect(await countOf(SecondFactorGuard, { userId: fixture.user.id })).toBe(0);
      expect(await countOf(BackupCode, { userId: fixture.user.id })).toBe(0);
      expect((await session(later))?.stage).toBe('ACTIVE');
    });

    it('counts failed enrollment confirmations in the same lockout', async () => {
      const { client } = await member();
      const begun = await client.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
        BEGIN,
        {},
      );
      const { secret } = parseOtpauth(begun.beginAuthenticatorEnrollment.otpauthUri);
      const step = stepOf(Date.now());
      for (let i = 0; i < 5; i++) {
        expect(codesOf(await client.request(CONFIRM, { code: wrongCode(secret, step) }))).toEqual([
          'INVALID_CODE',
        ]);
      }
      expect(codesOf(await client.request(CONFIRM, { code: oathCode(secret, step) }))).toEqual([
        'TOO_MANY_ATTEMPTS',
      ]);
    });
  });

  describe('atomic writes', () => {
    it('refuses a step that another instance used between our read and our write', async () => {
      const { fixture, client } = await member();
      const { secret, step } = await enroll(client);
      const later = await signInAgain(fixture);
      const repository = server.dataSource.getRepository(AuthenticatorFactor);
      const original = repository.findOneBy.bind(repository);
      // our read is stale: it still shows the factor before the confirming step was stored
      const spy = jest.spyOn(repository, 'findOneBy').mockImplementation(async (where) => {
        const row = await original(where);
        if (row?.userId === fixture.user.id) row.lastUsedStep = step - 2;
        return row;
      });
      try {
        const replay = await later.request(VERIFY, {
          kind: 'AUTHENTICATOR_APP',
          code: oathCode(secret, step),
        });
        expect(spy).toHaveBeenCalled();
        expect(codesOf(replay)).toEqual(['INVALID_CODE']);
      } finally {
        spy.mockRestore();
      }
      expect((await repository.findOneByOrFail({ userId: fixture.user.id })).lastUsedStep).toBe(
        step,
      );
    });

    it('counts concurrent attempts exactly: of ten reservations started together, five get through', async () => {
      const { fixture } = await member();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => server.services.lockout.reserve(fixture.user.id)),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused.map((o) => (o.reason as { code: string }).code)).toEqual(
        Array<string>(5).fill('TOO_MANY_ATTEMPTS'),
      );
      expect(await server.services.lockout.state(fixture.user.id)).toMatchObject({
        consecutiveFailures: 5,
        lockCount: 1,
      });
    });

    it('takes the caller statement’s row only as a guess: stale rows neither refuse nor skip a count', async () => {
      const { fixture } = await member();
      const { lockout, dataSource } = server.services;
      const guards = dataSource.getRepository(SecondFactorGuard);
      // five failures lock the step; the row as a request read it then
      for (let i = 0; i < 5; i++) await lockout.reserve(fixture.user.id);
      const locked = await guards.findOneByOrFail({ userId: fixture.user.id });
      expect(locked.lockedUntil).not.toBeNull();
      // an administrator resets it meanwhile: the stale locked row must not refuse the attempt
      await guards.update(
        { userId: fixture.user.id },
        { consecutiveFailures: 0, lockCount: 0, lockedUntil: null, disabledAt: null },
      );
      const allowed = await lockout.reserve(fixture.user.id, new Date(), locked);
      expect(allowed.state.consecutiveFailures).toBe(1);
      // a guess of "no row yet" while the row exists counts on that row
      const counted = await lockout.reserve(fixture.user.id, new Date(), null);
      expect(counted.state.consecutiveFailures).toBe(2);
      // and a stale row with fewer failures than stored is refuted by the conditional write
      const stale = { ...locked, consecutiveFailures: 0, lockCount: 0, lockedUntil: null };
      const third = await lockout.reserve(fixture.user.id, new Date(), stale);
      expect(third.state.consecutiveFailures).toBe(3);
      expect(await lockout.state(fixture.user.id)).toMatchObject({ consecutiveFailures: 3 });
    });
  });

  describe('managing one’s own 2FA', () => {
    const REGENERATE = 'mutation ($code: String!) { regenerateBackupCodes(code: $code) }';
    const DISABLE =
      'mutation ($code: String!) { disableTwoFactor(code: $code) { id twoFactorStatus twoFactorMethods } }';

    it('regenerates backup codes with a current code and voids the old ones', async () => {
      const { fixture, client } = await member();
      const { secret, step, backupCodes: old } = await enroll(client);
      expect(codesOf(await client.request(REGENERATE, { code: oathCode(secret, step) }))).toEqual([
        'INVALID_CODE',
      ]);
      const fresh = (
        await client.ok<{ regenerateBackupCodes: string[] }>(REGENERATE, {
          code: oathCode(secret, step + 1),
        })
      ).regenerateBackupCodes;
      expect(fresh).toHaveLength(10);
      expect(fresh.filter((c) => old.includes(c))).toEqual([]);
      const a = await signInAgain(fixture);
      expect(codesOf(await a.request(VERIFY, { kind: 'BACKUP_CODE', code: old[0] }))).toEqual([
        'INVALID_CODE',
      ]);
      await a.ok(VERIFY, { kind: 'BACKUP_CODE', code: fresh[0] });
      expect(
        await countOf(AuditEvent, {
          action: 'two_factor.backup_codes_regenerated',
          targetId: fixture.user.id,
        }),
      ).toBe(1);
    });

    it('disables optional 2FA with a current code, removing the app and backup codes', async () => {
      const { fixture, client } = await member();
      const { secret, step } = await enroll(client);
      await mailbox.next(fixture.email); // "enabled"
      expect(await client.ok('{ viewer { twoFactorRequired } }')).toEqual({
        viewer: { twoFactorRequired: false },
      });
      expect(codesOf(await client.request(DISABLE, { code: wrongCode(secret, step) }))).toEqual([
        'INVALID_CODE',
      ]);
      const disabled = await client.ok<{
        disableTwoFactor: { twoFactorStatus: string; twoFactorMethods: string[] };
      }>(DISABLE, { code: oathCode(secret, step + 1) });
      expect(disabled.disableTwoFactor).toMatchObject({
        twoFactorStatus: 'OPTIONAL_OFF',
        twoFactorMethods: [],
      });
      expect(await countOf(AuthenticatorFactor, { userId: fixture.user.id })).toBe(0);
      expect(await countOf(BackupCode, { userId: fixture.user.id })).toBe(0);
      expect((await mailbox.next(fixture.email)).subject).toBe(
        'Two-factor authentication disabled for Acme Widgets',
      );
      expect(
        await countOf(AuditEvent, { action: 'two_factor.disabled', targetId: fixture.user.id }),
      ).toBe(1);
      // signing in again needs no second factor
      expect((await session(await signInAgain(fixture)))?.stage).toBe('ACTIVE');
    });

    it('refuses to disable 2FA with CONFLICT while it is required, even with a right code', async () => {
      const { fixture, client } = await member({ requireTwoFactor: true });
      const { secret, step } = await enroll(client);
      // the API says so first, so that clients do not offer it
      expect(await client.ok('{ viewer { twoFactorRequired } }')).toEqual({
        viewer: { twoFactorRequired: true },
      });
      const refused = await client.request(DISABLE, { code: oathCode(secret, step + 1) });
      expect(codesOf(refused)).toEqual(['CONFLICT']);
      expect(reasonsOf(refused)).toEqual(['TWO_FACTOR_REQUIRED']);
      expect(refused.errors?.[0]?.message).toBe('two-factor authentication is required for you');
      expect(
        await countOf(AuthenticatorFactor, {
          userId: fixture.user.id,
          status: FactorStatus.ACTIVE,
        }),
      ).toBe(1);
    });

    it('checks a current code for the admin side: used once, wrong ones counted', async () => {
      const { fixture, client } = await member();
      const { secret, step } = await enroll(client);
      const caller = await server.services.callers.resolve(client.token ?? '');
      if (!caller) throw new Error('no caller');
      await expect(
        server.services.codes.checkCurrentCode(caller, oathCode(secret, step)),
      ).rejects.toMatchObject({ code: 'INVALID_CODE' });
      await server.services.codes.checkCurrentCode(caller, oathCode(secret, step + 1));
      await expect(
        server.services.codes.checkCurrentCode(caller, oathCode(secret, step + 1)),
      ).rejects.toMatchObject({ code: 'INVALID_CODE' });
      const guard = await server.dataSource
        .getRepository(SecondFactorGuard)
        .findOneByOrFail({ userId: fixture.user.id });
      expect(guard.consecutiveFailures).toBe(1);
    });
  });
});

/** A syntactically valid variable value for a GraphQL input type written as SDL. */
function sampleFor(type: string, schema: GraphQLSchema): unknown {
  const named = type.replace(/[[\]!]/g, '');
  const list = type.startsWith('[');
  const one = ((): unknown => {
    switch (named) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'String':
        return 'sample';
      case 'DateTimeISO':
        return new Date().toISOString();
      default: {
        const t = schema.getType(named);
        if (t && 'getValues' in t) return t.getValues()[0]?.value;
        if (t && 'getFields' in t) {
          const fields = (t as GraphQLInputObjectType).getFields();
          return Object.fromEntries(
            Object.values(fields)
              .filter((f) => String(f.type).endsWith('!') && f.defaultValue === undefined)
              .map((f) => [f.name, sampleFor(String(f.type), schema)]),
          );
        }
        return 'sample';
      }
    }
  })();
  return list ? [one] : one;
}
