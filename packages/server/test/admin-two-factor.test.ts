import { execFileSync } from 'node:child_process';
import { Enforcement, SessionStage, UserType } from '@twofold/shared';
import {
  ApiClient,
  codesOf,
  type GraphQLResult,
  signedIn,
  reasonsOf,
} from '@twofold/testkit/api-client';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { hashToken } from '../src/crypto/tokens';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { LinkPurpose, LinkToken } from '../src/modules/link-token/link-token.entity';
import { refuseTwoFactorAdmin } from '../src/modules/two-factor/admin-two-factor.service';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  SecondFactorGuard,
} from '../src/modules/two-factor/two-factor.entities';
import { Session } from '../src/modules/session/session.entity';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const RESET = `mutation ($userId: ID!, $reason: String!, $code: String) {
  resetTwoFactor(userId: $userId, reason: $reason, code: $code) { id twoFactorStatus }
}`;
const RESEND = `mutation ($userId: ID!) { resendEnrollment(userId: $userId) }`;
const BEGIN = `mutation ($linkToken: String) {
  beginAuthenticatorEnrollment(linkToken: $linkToken) { otpauthUri manualEntryKey }
}`;
const CONFIRM = `mutation ($code: String!) {
  confirmAuthenticatorEnrollment(code: $code) { backupCodes session { stage } }
}`;
const SESSION = `{ session { stage } }`;
const UPDATE_POLICY = `mutation ($input: SecurityPolicyInput!) {
  updateSecurityPolicy(input: $input) { enforcement }
}`;

/** The code an authenticator app shows now (or `offsetSeconds` later), computed by oathtool. */
function totp(secret: string, offsetSeconds = 0): string {
  return execFileSync('oathtool', ['--totp', '-b', secret, '-N', `now + ${offsetSeconds} seconds`])
    .toString()
    .trim();
}

function fieldsOf(result: GraphQLResult<unknown>): string[] {
  const extensions = result.errors?.[0]?.extensions ?? {};
  const fields = extensions.fields as { field: string }[] | undefined;
  if (fields) return fields.map((f) => f.field);
  return typeof extensions.field === 'string' ? [extensions.field] : [];
}

describe('refuseTwoFactorAdmin', () => {
  const person = (id: string, identityId: string, isOwner = false) => ({ id, identityId, isOwner });
  it.each([
    ['an administrator on a reviewer', null, person('a', 'A'), person('b', 'B')],
    ['an owner on an owner', null, person('a', 'A', true), person('b', 'B', true)],
    ['an administrator on the owner', 'OWNER', person('a', 'A'), person('b', 'B', true)],
    ['anyone on themselves', 'SELF', person('a', 'A', true), person('a', 'A', true)],
    ['anyone on another profile of their login', 'SELF', person('a', 'A'), person('b', 'A')],
  ] as const)('%s: %s', (_name, expected, actor, target) => {
    expect(refuseTwoFactorAdmin(actor, target)).toBe(expected);
  });
});

describe('administrators’ two-factor operations over real SMTP', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  let owner: ApiClient;
  let admin: UserFixture;
  let adminApi: ApiClient;
  const byType = new Map<UserType, { fixture: UserFixture; api: ApiClient }>();

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  /** Everything a reset or a resend could change about `userId`. */
  const stateOf = async (userId: string) => ({
    factors: await repo(AuthenticatorFactor).countBy({ userId }),
    backupCodes: await repo(BackupCode).countBy({ userId }),
    guards: await repo(SecondFactorGuard).countBy({ userId }),
    sessions: await repo(Session).countBy({ userId }),
    links: await repo(LinkToken).countBy({ userId }),
    user: await repo(User).findOneBy({ id: userId }),
  });
  const auditCount = () => repo(AuditEvent).count();

  /**
   * Links an authenticator through the API and reads the "enabled" mail it sends; returns the
   * secret (read from the otpauth URI).
   */
  async function enroll(who: { api: ApiClient; email: string }, link?: string): Promise<string> {
    const { api } = who;
    const begun = await api.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(BEGIN, {
      linkToken: link ?? null,
    });
    const secret = new URL(begun.beginAuthenticatorEnrollment.otpauthUri).searchParams.get(
      'secret',
    );
    if (!secret) throw new Error('no secret in the otpauth URI');
    await api.ok(CONFIRM, { code: totp(secret) });
    expect((await mailbox.next(who.email)).subject).toMatch(/enabled/);
    return secret;
  }

  /** A signed-in reviewer of `account` (a new one each time). */
  async function reviewer(account = acme): Promise<{ fixture: UserFixture; api: ApiClient }> {
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    return { fixture, api: await signedIn(server.url, fixture.email, fixture.password) };
  }

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    acme = await makeAccount(server.services, 'Acme');
    globex = await makeAccount(server.services, 'Globex');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    for (const userType of Object.values(UserType)) {
      const fixture = await makeUser(server.services, acme.account, {
        userType,
        displayName: `The ${userType.toLowerCase()}`,
      });
      byType.set(userType, {
        fixture,
        api: await signedIn(server.url, fixture.email, fixture.password),
      });
    }
    admin = byType.get(UserType.ADMINISTRATOR)!.fixture;
    adminApi = byType.get(UserType.ADMINISTRATOR)!.api;
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  const actorRows = [
    ['owner', true],
    ['administrator', true],
    ['app administrator', false],
    ['app reviewer', false],
    ['app report viewer', false],
  ] as const;
  const typeOf: Record<string, UserType> = {
    administrator: UserType.ADMINISTRATOR,
    'app administrator': UserType.APP_ADMINISTRATOR,
    'app reviewer': UserType.APP_REVIEWER,
    'app report viewer': UserType.APP_REPORT_VIEWER,
  };
  const apiOf = (name: string) => (name === 'owner' ? owner : byType.get(typeOf[name]!)!.api);
  const selfOf = (name: string) =>
    name === 'owner' ? acme.owner.id : byType.get(typeOf[name]!)!.fixture.user.id;

  describe('docs/design.md, Permissions "reset 2FA / re-send enrollment link" for every user type', () => {
    it.each(actorRows)(
      'resets another user’s 2FA when the caller is the %s: %s',
      async (name, may) => {
        const target = await reviewer();
        await enroll({ api: target.api, email: target.fixture.email });
        const before = await stateOf(target.fixture.user.id);
        expect(before.factors).toBe(1);
        const result = await apiOf(name).request(RESET, {
          userId: target.fixture.user.id,
          reason: 'Lost phone',
        });
        const after = await stateOf(target.fixture.user.id);
        if (may) {
          expect(result.errors).toBeUndefined();
          expect(after).toMatchObject({ factors: 0, backupCodes: 0, sessions: 0 });
          expect((await mailbox.next(target.fixture.email)).subject).toMatch(/was reset$/);
        } else {
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(after).toEqual(before);
        }
      },
    );

    it.each(actorRows)(
      're-sends an enrollment link when the caller is the %s: %s',
      async (name, may) => {
        const target = await reviewer();
        const before = await stateOf(target.fixture.user.id);
        const result = await apiOf(name).request(RESEND, { userId: target.fixture.user.id });
        if (may) {
          expect(result.data).toEqual({ resendEnrollment: true });
          expect((await stateOf(target.fixture.user.id)).links).toBe(1);
          linkToken(await mailbox.next(target.fixture.email), 'enroll');
        } else {
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(await stateOf(target.fixture.user.id)).toEqual(before);
          expect(mailbox.unread(target.fixture.email)).toEqual([]);
        }
      },
    );

    it.each(actorRows)('refuses the %s acting on themselves', async (name, may) => {
      const self = selfOf(name);
      const before = await stateOf(self);
      const events = await auditCount();
      for (const [query, variables] of [
        [RESET, { userId: self, reason: 'Myself' }],
        [RESEND, { userId: self }],
      ] as const) {
        const result = await apiOf(name).request(query, variables);
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        // administrators are refused for acting on themselves, everyone else for the role
        expect(reasonsOf(result)).toEqual([may ? 'SELF' : 'PERMISSION']);
      }
      expect(await stateOf(self)).toEqual(before);
      expect(await auditCount()).toBe(events);
    });

    it('refuses an administrator on the owner, and lets an owner act on another owner', async () => {
      const before = await stateOf(acme.owner.id);
      for (const [query, variables] of [
        [RESET, { userId: acme.owner.id, reason: 'Takeover' }],
        [RESEND, { userId: acme.owner.id }],
      ] as const) {
        const result = await adminApi.request(query, variables);
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(reasonsOf(result)).toEqual(['OWNER']);
      }
      expect(await stateOf(acme.owner.id)).toEqual(before);
      expect(mailbox.unread(acme.ownerEmail)).toEqual([]);

      const coOwner = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        isOwner: true,
      });
      expect(codesOf(await owner.request(RESEND, { userId: coOwner.user.id }))).toEqual([]);
      expect(
        codesOf(await owner.request(RESET, { userId: coOwner.user.id, reason: 'Co-owner' })),
      ).toEqual([]);
      expect(mailbox.unread(coOwner.email)).toHaveLength(2);
    });

    it('refuses another profile of the caller’s own login in the same account', async () => {
      const second = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        email: admin.email,
      });
      expect(codesOf(await adminApi.request(RESEND, { userId: second.user.id }))).toEqual([
        'FORBIDDEN',
      ]);
    });
  });

  describe('cross-account and unknown ids', () => {
    it('answers NOT_FOUND on userId for another account’s user and changes nothing', async () => {
      const victim = await reviewer(globex);
      await enroll({ api: victim.api, email: victim.fixture.email });
      const before = await stateOf(victim.fixture.user.id);
      const events = await auditCount();
      for (const [query, variables] of [
        [RESET, { userId: victim.fixture.user.id, reason: 'Probe' }],
        [RESEND, { userId: victim.fixture.user.id }],
      ] as const) {
        const result = await owner.request(query, variables);
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(fieldsOf(result)).toEqual(['userId']);
      }
      expect(await stateOf(victim.fixture.user.id)).toEqual(before);
      expect(await auditCount()).toBe(events);
      expect(mailbox.unread(victim.fixture.email)).toEqual([]);
      // the victim is still signed in with their factor
      expect((await victim.api.ok<{ session: { stage: string } }>(SESSION)).session.stage).toBe(
        SessionStage.ACTIVE,
      );
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '', "1' OR '1'='1"])(
      'answers NOT_FOUND on userId for %j',
      async (userId) => {
        for (const [query, variables] of [
          [RESET, { userId, reason: 'Probe' }],
          [RESEND, { userId }],
        ] as const) {
          const result = await owner.request(query, variables);
          expect(codesOf(result)).toEqual(['NOT_FOUND']);
          expect(fieldsOf(result)).toEqual(['userId']);
        }
      },
    );
  });

  describe('bad input', () => {
    it.each([
      ['an empty reason', ''],
      ['a blank reason', '   '],
      ['a reason of 501 characters', 'x'.repeat(501)],
    ])('refuses %s naming reason and changes nothing', async (_name, reason) => {
      const target = await reviewer();
      await enroll({ api: target.api, email: target.fixture.email });
      const before = await stateOf(target.fixture.user.id);
      const events = await auditCount();
      const result = await owner.request(RESET, { userId: target.fixture.user.id, reason });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual(['reason']);
      expect(await stateOf(target.fixture.user.id)).toEqual(before);
      expect(await auditCount()).toBe(events);
    });

    it('refuses a missing reason in GraphQL itself', async () => {
      const result = await owner.request(
        `mutation ($userId: ID!) { resetTwoFactor(userId: $userId) { id } }`,
        { userId: acme.owner.id },
      );
      expect(codesOf(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });
  });

  describe('resetting', () => {
    it('removes the factors, ends the target’s sessions, mails them and audits the reason', async () => {
      const target = await reviewer();
      await enroll({ api: target.api, email: target.fixture.email });
      await repo(SecondFactorGuard).save({
        userId: target.fixture.user.id,
        consecutiveFailures: 3,
        lockCount: 1,
        lockedUntil: null,
        disabledAt: null,
      });
      // 2FA becomes required for reviewers; the target has a factor, so nothing is due yet
      const acmeReviewers = {
        userType: UserType.APP_REVIEWER,
        allowedMethods: ['AUTHENTICATOR_APP'],
      };
      await owner.ok(UPDATE_POLICY, {
        input: { ...acmeReviewers, enforcement: Enforcement.REQUIRED, gracePeriodDays: 0 },
      });
      const deadline = (await stateOf(target.fixture.user.id)).user?.twoFactorDeadline;
      expect(deadline).toBeInstanceOf(Date);
      const second = new ApiClient(server.url);
      expect(
        (await second.signIn(target.fixture.email, target.fixture.password)).data?.signIn.session
          .stage,
      ).toBe(SessionStage.SECOND_FACTOR);
      expect((await stateOf(target.fixture.user.id)).sessions).toBe(2);

      const result = await adminApi.ok<{ resetTwoFactor: { id: string; twoFactorStatus: string } }>(
        RESET,
        { userId: target.fixture.user.id, reason: 'Lost phone, confirmed by video call' },
      );
      expect(result.resetTwoFactor).toEqual({
        id: target.fixture.user.id,
        twoFactorStatus: 'OVERDUE',
      });
      const after = await stateOf(target.fixture.user.id);
      expect(after).toMatchObject({ factors: 0, backupCodes: 0, guards: 0, sessions: 0 });
      expect(after.user?.twoFactorDeadline?.getTime()).toBe(deadline!.getTime());

      // both tokens stopped working
      for (const api of [target.api, second]) {
        expect(await api.ok(SESSION)).toEqual({ session: null });
        expect(codesOf(await api.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      }

      const mail = await mailbox.next(target.fixture.email);
      expect(mail.subject).toBe('Your two-factor authentication for Acme was reset');
      expect(mail.text).toContain(`was reset by ${admin.user.displayName}.`);
      expect(mail.text).toContain('At your next sign-in you will link your authenticator again.');

      const [event] = await repo(AuditEvent).findBy({
        action: 'two_factor.reset',
        targetId: target.fixture.user.id,
      });
      expect(event).toMatchObject({
        accountId: acme.account.id,
        actorUserId: admin.user.id,
        targetType: 'User',
        details: { reason: 'Lost phone, confirmed by video call' },
      });
      expect(event?.ip).toBeTruthy();

      // at the next sign-in they must link an authenticator again
      const again = new ApiClient(server.url);
      expect(
        (await again.signIn(target.fixture.email, target.fixture.password)).data?.signIn.session
          .stage,
      ).toBe(SessionStage.ENROLLMENT);
      await owner.ok(UPDATE_POLICY, {
        input: { ...acmeReviewers, enforcement: Enforcement.OPTIONAL, gracePeriodDays: 0 },
      });
    });

    it('asks an administrator who has a factor for their own current code', async () => {
      const resetter = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        displayName: 'Careful Admin',
      });
      const api = await signedIn(server.url, resetter.email, resetter.password);
      const secret = await enroll({ api, email: resetter.email });
      const target = await reviewer();
      await enroll({ api: target.api, email: target.fixture.email });
      const before = await stateOf(target.fixture.user.id);
      const events = await auditCount();
      const resets = () => repo(AuditEvent).countBy({ action: 'two_factor.reset' });
      const resetsBefore = await resets();

      const missing = await api.request(RESET, { userId: target.fixture.user.id, reason: 'Lost' });
      expect(codesOf(missing)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(missing)).toEqual(['code']);
      const wrong = await api.request(RESET, {
        userId: target.fixture.user.id,
        reason: 'Lost',
        code: totp(secret, 600),
      });
      expect(codesOf(wrong)).toEqual(['INVALID_CODE']);
      expect(await stateOf(target.fixture.user.id)).toEqual(before);
      expect(await resets()).toBe(resetsBefore);

      // the enrollment used the current step up: the next one is still accepted (±1 step)
      const code = totp(secret, 30);
      const ok = await api.request(RESET, { userId: target.fixture.user.id, reason: 'Lost', code });
      expect(ok.errors).toBeUndefined();
      expect(await stateOf(target.fixture.user.id)).toMatchObject({ factors: 0, sessions: 0 });
      expect(await auditCount()).toBeGreaterThan(events);
      expect(mailbox.unread(target.fixture.email)).toHaveLength(1);
      await mailbox.next(target.fixture.email);
      // a code is accepted once: the same one again is refused
      const target2 = await reviewer();
      const replay = await api.request(RESET, {
        userId: target2.fixture.user.id,
        reason: 'Lost',
        code,
      });
      expect(codesOf(replay)).toEqual(['INVALID_CODE']);
    });

    it('needs no code from an administrator without a factor', async () => {
      const target = await reviewer();
      await enroll({ api: target.api, email: target.fixture.email });
      const result = await adminApi.request(RESET, {
        userId: target.fixture.user.id,
        reason: 'Lost',
        code: null,
      });
      expect(result.errors).toBeUndefined();
      expect((await mailbox.next(target.fixture.email)).subject).toMatch(/was reset$/);
    });
  });

  describe('re-sending the enrollment link', () => {
    it('mails only a single-use link: no secret, otpauth URI, image or attachment', async () => {
      const target = await reviewer();
      const secret = await enroll({ api: target.api, email: target.fixture.email });
      expect(await owner.ok(RESEND, { userId: target.fixture.user.id })).toEqual({
        resendEnrollment: true,
      });
      const mail = await mailbox.next(target.fixture.email);
      expect(mail.subject).toBe('Set up two-factor authentication for Acme');
      const token = linkToken(mail, 'enroll');
      expect(mail.text).toContain(`${server.config.publicUrl}/enroll/${token}`);
      expect(mail.text).toContain('after signing in with your password you scan a new QR code');
      expect(mail.raw).toContain('/enroll/');
      expect(mail.raw).not.toMatch(/otpauth/i);
      expect(mail.raw).not.toMatch(/data:image/i);
      expect(mail.raw).not.toMatch(/image\/png/i);
      expect(mail.raw).not.toMatch(/Content-Disposition:\s*attachment/i);
      expect(mail.raw).not.toContain(secret);
      expect(mail.parsed.attachments).toEqual([]);
      expect(mail.parsed.html).toBeFalsy();

      const [row] = await repo(LinkToken).findBy({ userId: target.fixture.user.id });
      expect(row).toMatchObject({ purpose: LinkPurpose.ENROLLMENT, tokenHash: hashToken(token) });
      const hours = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000;
      expect(hours).toBe(72);
      const [event] = await repo(AuditEvent).findBy({
        action: 'two_factor.enrollment_link_sent',
        targetId: target.fixture.user.id,
      });
      expect(event).toMatchObject({ actorUserId: acme.owner.id, accountId: acme.account.id });
      expect(JSON.stringify(event?.details)).not.toContain(token);
    });

    it('voids the first link when a second is sent; the new one enrolls its own user only', async () => {
      const target = await reviewer();
      const other = await reviewer();
      await owner.ok(RESEND, { userId: target.fixture.user.id });
      const first = linkToken(await mailbox.next(target.fixture.email), 'enroll');
      await adminApi.ok(RESEND, { userId: target.fixture.user.id });
      const second = linkToken(await mailbox.next(target.fixture.email), 'enroll');
      expect(second).not.toBe(first);

      await expect(
        server.services.linkTokens.peek(LinkPurpose.ENROLLMENT, first),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      const voided = await target.api.request(BEGIN, { linkToken: first });
      expect(codesOf(voided)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(voided)).toEqual(['linkToken']);

      // another user cannot use it, and their try does not use it up
      const stolen = await other.api.request(BEGIN, { linkToken: second });
      expect(codesOf(stolen)).toEqual(['BAD_USER_INPUT']);
      expect(await repo(AuthenticatorFactor).countBy({ userId: other.fixture.user.id })).toBe(0);

      const begun = await target.api.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(
        BEGIN,
        { linkToken: second },
      );
      const uri = new URL(begun.beginAuthenticatorEnrollment.otpauthUri);
      expect(decodeURIComponent(uri.pathname)).toContain(target.fixture.email);
      const secret = uri.searchParams.get('secret')!;
      await target.api.ok(CONFIRM, { code: totp(secret) });
      expect(await repo(AuthenticatorFactor).findBy({ userId: target.fixture.user.id })).toEqual([
        expect.objectContaining({ status: FactorStatus.ACTIVE }),
      ]);
      // used once
      expect(codesOf(await target.api.request(BEGIN, { linkToken: second }))).toEqual([
        'BAD_USER_INPUT',
      ]);
    });
  });
});
