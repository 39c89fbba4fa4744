import { Enforcement, UserType } from '@twofold/shared';
import {
  ApiClient,
  codesOf,
  type GraphQLResult,
  reasonsOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { startSmsProvider, type TestSmsProvider } from '@twofold/testkit/sms-provider';
import { startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { enroll, oathCode, stepOf, VERIFY, wrongCode } from '@twofold/testkit/two-factor';
import { hashToken } from '../src/crypto/tokens';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Session } from '../src/modules/session/session.entity';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser, type UserFixture } from './helpers/factories';
import { graphql, startTestServer, type TestServer } from './helpers/test-server';

const UNLOCK = `mutation ($userId: ID!) { unlockTwoFactor(userId: $userId) { id twoFactorStatus } }`;
const END_SESSIONS = `mutation ($userId: ID!) { endUserSessions(userId: $userId) }`;
const RESET = `mutation ($userId: ID!, $reason: String!, $code: String, $factorIds: [ID!]) {
  resetTwoFactor(userId: $userId, reason: $reason, code: $code, factorIds: $factorIds) {
    id twoFactorStatus twoFactorMethods
  }
}`;
const DETAIL = `query ($id: ID!) {
  user(id: $id) {
    id
    secondFactors { id kind label addedAt lastUsedAt unusedCodes }
    secondFactorLockout { lockedUntil disabled failedAttempts }
    sessions { id browser transport createdAt lastSeenAt ip }
    securityActivity(first: 3) { action targetId actorName targetName createdAt }
  }
}`;
const FACTORS = `query ($id: ID!) { user(id: $id) { secondFactors { id kind } } }`;
const SET_PIN = `mutation ($pin: String!, $confirmation: String!) {
  setPin(pin: $pin, pinConfirmation: $confirmation) { session { stage } }
}`;
const BEGIN_SMS = `mutation ($country: String!, $number: String!, $code: String) {
  beginSmsEnrollment(countryCode: $country, phoneNumber: $number, code: $code)
}`;
const CONFIRM_SMS = `mutation ($code: String!) { confirmSmsEnrollment(code: $code) { backupCodes } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password, transport: BEARER) { token }
}`;
const UPDATE_POLICY = `mutation ($input: SecurityPolicyInput!) {
  updateSecurityPolicy(input: $input) { enforcement }
}`;

const chrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let nextNumber = 200000;

function fieldsOf(result: GraphQLResult<unknown>): string[] {
  return (result.errors ?? []).flatMap((error) => {
    const extensions = error.extensions ?? {};
    const fields = extensions.fields as { field: string }[] | undefined;
    if (fields) return fields.map((f) => f.field);
    return typeof extensions.field === 'string' ? [extensions.field] : [];
  });
}

interface Detail {
  id: string;
  secondFactors: {
    id: string;
    kind: string;
    label: string | null;
    addedAt: string;
    lastUsedAt: string | null;
    unusedCodes: number | null;
  }[];
  secondFactorLockout: {
    lockedUntil: string | null;
    disabled: boolean;
    failedAttempts: number;
  } | null;
  sessions: { id: string; browser: string; transport: string; ip: string | null }[];
  securityActivity: { action: string; targetId: string; actorName: string | null }[];
}

/** docs/design.md, Daily administration: one user's page and the jobs around them. */
describe('the jobs around one user', () => {
  let mailbox: TestMailbox;
  let sms: TestSmsProvider;
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  let owner: ApiClient;
  let admin: UserFixture;
  let adminApi: ApiClient;
  const byType = new Map<UserType, ApiClient>();

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const events = (action: string, targetId: string) =>
    repo(AuditEvent).countBy({ action, targetId });
  /** What the mutations here could change about a user. */
  const stateOf = async (userId: string) => ({
    apps: await repo(AuthenticatorFactor).countBy({ userId }),
    phones: await repo(SmsFactor).countBy({ userId }),
    pins: await repo(PinFactor).countBy({ userId }),
    backupCodes: await repo(BackupCode).countBy({ userId }),
    guard: await repo(SecondFactorGuard).findOneBy({ userId }),
    sessions: await repo(Session).countBy({ userId }),
    events: await repo(AuditEvent).countBy({ targetId: userId }),
  });

  /** A signed-in reviewer of `account` with an authenticator app (its secret and last step). */
  async function enrolledMember(account = acme) {
    const fixture = await makeUser(server.services, account.account, {
      userType: UserType.APP_REVIEWER,
    });
    const api = await signedIn(server.url, fixture.email, fixture.password);
    const { secret, step, backupCodes } = await enroll(api);
    await mailbox.next(fixture.email);
    return { fixture, api, secret, step, backupCodes };
  }

  /** Five wrong codes at the second-factor step: the step is locked for 15 minutes. */
  async function lock(member: { fixture: UserFixture; secret: string }) {
    const client = await signedIn(server.url, member.fixture.email, member.fixture.password);
    const wrong = wrongCode(member.secret, stepOf(Date.now()));
    for (let i = 0; i < 5; i++) {
      expect(
        codesOf(await client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
      ).toEqual(['INVALID_CODE']);
    }
    expect(
      codesOf(await client.request(VERIFY, { kind: 'AUTHENTICATOR_APP', code: wrong })),
    ).toEqual(['TOO_MANY_ATTEMPTS']);
    return client;
  }

  /** Links a UK mobile the way a user does; answers the E.164 number. */
  async function enrollSms(api: ApiClient): Promise<string> {
    const national = `07400 ${nextNumber++}`;
    await api.ok(BEGIN_SMS, { country: 'GB', number: national, code: null });
    const e164 = `+44${national.replace(/\D/g, '').replace(/^0/, '')}`;
    await api.ok(CONFIRM_SMS, { code: sms.last(e164).code });
    return e164;
  }

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    sms = await startSmsProvider();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url, ...sms.env() } });
    acme = await makeAccount(server.services, 'Acme', { smsCountries: ['GB'] });
    globex = await makeAccount(server.services, 'Globex');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    for (const userType of Object.values(UserType)) {
      const fixture = await makeUser(server.services, acme.account, {
        userType,
        displayName: `The ${userType.toLowerCase()}`,
      });
      if (userType === UserType.ADMINISTRATOR) admin = fixture;
      byType.set(userType, await signedIn(server.url, fixture.email, fixture.password));
    }
    adminApi = byType.get(UserType.ADMINISTRATOR)!;
  });
  afterAll(async () => {
    await server.close();
    await sms.close();
    await mailbox.close();
  });

  const callers = [
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
  const apiOf = (name: string) => (name === 'owner' ? owner : byType.get(typeOf[name]!)!);

  describe('docs/design.md, Permissions: who may do each job', () => {
    it.each(callers)('unlocks a locked user when the caller is the %s: %s', async (name, may) => {
      const member = await enrolledMember();
      await lock(member);
      const before = await stateOf(member.fixture.user.id);
      const result = await apiOf(name).request(UNLOCK, { userId: member.fixture.user.id });
      if (may) {
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({
          unlockTwoFactor: { id: member.fixture.user.id, twoFactorStatus: 'ENROLLED' },
        });
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(reasonsOf(result)).toEqual(['PERMISSION']);
        expect(await stateOf(member.fixture.user.id)).toEqual(before);
      }
    });

    it.each(callers)('ends a user’s sessions when the caller is the %s: %s', async (name, may) => {
      const member = await enrolledMember();
      const before = await stateOf(member.fixture.user.id);
      const result = await apiOf(name).request(END_SESSIONS, { userId: member.fixture.user.id });
      if (may) {
        expect(result.data).toEqual({ endUserSessions: 1 });
        expect((await stateOf(member.fixture.user.id)).sessions).toBe(0);
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(await stateOf(member.fixture.user.id)).toEqual(before);
      }
    });

    it.each(callers)('reads a user’s page when the caller is the %s: %s', async (name, may) => {
      const member = await enrolledMember();
      const result = await apiOf(name).request<{ user: Detail | null }>(DETAIL, {
        id: member.fixture.user.id,
      });
      if (may) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.user?.secondFactors.map((f) => f.kind)).toEqual([
          'AUTHENTICATOR_APP',
          'BACKUP_CODE',
        ]);
      } else {
        // the users query itself is an administrator's: nothing of the user is read
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(result.data?.user ?? null).toBeNull();
      }
    });

    it('refuses every job on a profile of the caller’s own login, and shows it without details', async () => {
      const second = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        email: admin.email,
      });
      for (const userId of [admin.user.id, second.user.id]) {
        const before = await stateOf(userId);
        for (const [query, variables] of [
          [UNLOCK, { userId }],
          [END_SESSIONS, { userId }],
          [RESET, { userId, reason: 'Myself', factorIds: [`pin:${userId}`] }],
        ] as const) {
          const result = await adminApi.request(query, variables);
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(reasonsOf(result)).toEqual(['SELF']);
        }
        expect(await stateOf(userId)).toEqual(before);
        // the profile reads, its details answer FORBIDDEN one by one
        const page = await adminApi.request<{ user: Detail }>(DETAIL, { id: userId });
        expect(page.data?.user).toEqual({
          id: userId,
          secondFactors: null,
          secondFactorLockout: null,
          sessions: null,
          securityActivity: null,
        });
        expect(new Set(reasonsOf(page))).toEqual(new Set(['SELF']));
        expect(page.errors?.map((e) => e.path?.at(-1)).sort()).toEqual([
          'secondFactorLockout',
          'secondFactors',
          'securityActivity',
          'sessions',
        ]);
      }
    });

    it('refuses an administrator on the owner, and lets an owner act on another owner', async () => {
      await repo(SecondFactorGuard).save({
        userId: acme.owner.id,
        consecutiveFailures: 5,
        lockCount: 1,
        lockedUntil: new Date(Date.now() + 600_000),
        disabledAt: null,
      });
      const before = await stateOf(acme.owner.id);
      for (const [query, variables] of [
        [UNLOCK, { userId: acme.owner.id }],
        [END_SESSIONS, { userId: acme.owner.id }],
      ] as const) {
        const result = await adminApi.request(query, variables);
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(reasonsOf(result)).toEqual(['OWNER']);
      }
      const page = await adminApi.request<{ user: Detail }>(DETAIL, { id: acme.owner.id });
      expect(page.data?.user.sessions).toBeNull();
      expect(new Set(reasonsOf(page))).toEqual(new Set(['OWNER']));
      expect(await stateOf(acme.owner.id)).toEqual(before);

      const coOwner = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        isOwner: true,
      });
      await signedIn(server.url, coOwner.email, coOwner.password);
      expect(await owner.ok(END_SESSIONS, { userId: coOwner.user.id })).toEqual({
        endUserSessions: 1,
      });
      const coOwnerPage = await owner.request<{ user: Detail }>(DETAIL, { id: coOwner.user.id });
      expect(coOwnerPage.errors).toBeUndefined();
      await repo(SecondFactorGuard).delete({ userId: acme.owner.id });
    });

    it.each([
      ['another account’s user', 'victim'],
      ['an unknown id', '00000000-0000-4000-8000-000000000000'],
      ['a malformed id', "1' OR '1'='1"],
    ])('answers NOT_FOUND on userId for %s and changes nothing', async (_name, which) => {
      const victim = await enrolledMember(globex);
      await lock(victim);
      const userId = which === 'victim' ? victim.fixture.user.id : which;
      const before = await stateOf(victim.fixture.user.id);
      for (const [query, variables] of [
        [UNLOCK, { userId }],
        [END_SESSIONS, { userId }],
        [RESET, { userId, reason: 'Probe', factorIds: [`pin:${victim.fixture.user.id}`] }],
      ] as const) {
        const result = await owner.request(query, variables);
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(fieldsOf(result)).toEqual(['userId']);
      }
      const page = await owner.request(DETAIL, { id: userId });
      expect(codesOf(page)).toEqual(['NOT_FOUND']);
      expect(await stateOf(victim.fixture.user.id)).toEqual(before);
    });
  });

  describe('unlocking', () => {
    it('lifts a lock, keeps the factors and lets the user sign in with a code again', async () => {
      const member = await enrolledMember();
      const locked = await lock(member);
      const lockedPage = await adminApi.ok<{ user: Detail }>(DETAIL, {
        id: member.fixture.user.id,
      });
      expect(lockedPage.user.secondFactorLockout).toMatchObject({
        disabled: false,
        failedAttempts: 5,
      });
      expect(Date.parse(lockedPage.user.secondFactorLockout!.lockedUntil!)).toBeGreaterThan(
        Date.now() + 14 * 60_000,
      );

      await adminApi.ok(UNLOCK, { userId: member.fixture.user.id });
      const after = await stateOf(member.fixture.user.id);
      expect(after).toMatchObject({ apps: 1, guard: null });
      expect(after.backupCodes).toBe(10);
      const [event] = await repo(AuditEvent).findBy({
        action: 'two_factor.unlocked',
        targetId: member.fixture.user.id,
      });
      expect(event).toMatchObject({
        actorUserId: admin.user.id,
        accountId: acme.account.id,
        details: { disabled: false, failedAttempts: 5 },
      });
      const unlockedPage = await adminApi.ok<{ user: Detail }>(DETAIL, {
        id: member.fixture.user.id,
      });
      expect(unlockedPage.user.secondFactorLockout).toBeNull();

      // the same session, still at its second factor, gets in with the next code
      const code = oathCode(member.secret, Math.max(member.step + 1, stepOf(Date.now())));
      expect(await locked.ok(VERIFY, { kind: 'AUTHENTICATOR_APP', code })).toMatchObject({
        verifySecondFactor: { stage: 'ACTIVE' },
      });
    });

    it('lifts the disable after a hundred wrong codes', async () => {
      const member = await enrolledMember();
      await repo(SecondFactorGuard).save({
        userId: member.fixture.user.id,
        consecutiveFailures: 100,
        lockCount: 19,
        lockedUntil: null,
        disabledAt: new Date(),
      });
      const page = await owner.ok<{ user: Detail }>(DETAIL, { id: member.fixture.user.id });
      expect(page.user.secondFactorLockout).toEqual({
        lockedUntil: null,
        disabled: true,
        failedAttempts: 100,
      });
      expect(await owner.ok(UNLOCK, { userId: member.fixture.user.id })).toEqual({
        unlockTwoFactor: { id: member.fixture.user.id, twoFactorStatus: 'ENROLLED' },
      });
      expect((await stateOf(member.fixture.user.id)).guard).toBeNull();
      const [event] = await repo(AuditEvent).findBy({
        action: 'two_factor.unlocked',
        targetId: member.fixture.user.id,
      });
      expect(event?.details).toEqual({ disabled: true, failedAttempts: 100 });
    });

    it.each([
      ['a user who never mistyped', null],
      [
        'a user with wrong codes but no lock',
        { consecutiveFailures: 3, lockCount: 0, lockedUntil: null },
      ],
      [
        'a user whose lock ran out',
        { consecutiveFailures: 5, lockCount: 1, lockedUntil: new Date(Date.now() - 1000) },
      ],
    ])('answers CONFLICT NOT_LOCKED for %s and changes nothing', async (_name, guard) => {
      const member = await enrolledMember();
      if (guard) {
        await repo(SecondFactorGuard).save({
          userId: member.fixture.user.id,
          ...guard,
          disabledAt: null,
        });
      }
      const before = await stateOf(member.fixture.user.id);
      const result = await adminApi.request(UNLOCK, { userId: member.fixture.user.id });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(reasonsOf(result)).toEqual(['NOT_LOCKED']);
      expect(fieldsOf(result)).toEqual(['userId']);
      expect(await stateOf(member.fixture.user.id)).toEqual(before);
    });

    it('unlocks once when two unlocks are released together: one CONFLICT, one audit event', async () => {
      const member = await enrolledMember();
      await lock(member);
      const answers = await releaseTogether(server.url, [
        { query: UNLOCK, variables: { userId: member.fixture.user.id }, token: adminApi.token },
        { query: UNLOCK, variables: { userId: member.fixture.user.id }, token: owner.token },
      ]);
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      expect(await events('two_factor.unlocked', member.fixture.user.id)).toBe(1);
      expect((await stateOf(member.fixture.user.id)).guard).toBeNull();
    });

    it('unlocks once for aliases in one request', async () => {
      const member = await enrolledMember();
      await lock(member);
      const result = await adminApi.request<Record<string, unknown>>(
        `mutation ($userId: ID!) {
          a: unlockTwoFactor(userId: $userId) { id }
          b: unlockTwoFactor(userId: $userId) { id }
        }`,
        { userId: member.fixture.user.id },
      );
      // the first alias unlocked; the second found nothing locked (a non-null field: no data)
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.path).toEqual(['b']);
      expect(await events('two_factor.unlocked', member.fixture.user.id)).toBe(1);
      expect((await stateOf(member.fixture.user.id)).guard).toBeNull();
    });
  });

  describe('resetting one factor', () => {
    /** A member with an authenticator app, a phone and a PIN, and their factor ids. */
    async function fullyEnrolled() {
      const member = await enrolledMember();
      const phone = await enrollSms(member.api);
      await member.api.ok(SET_PIN, { pin: '2580', confirmation: '2580' });
      // the mails of these set-ups are read: the ones a test expects come after them
      for (const _mail of mailbox.unread(member.fixture.email))
        await mailbox.next(member.fixture.email);
      const page = await owner.ok<{ user: Detail }>(DETAIL, { id: member.fixture.user.id });
      const idOf = (kind: string) => page.user.secondFactors.find((f) => f.kind === kind)!.id;
      return { ...member, phone, page: page.user, idOf };
    }

    it('lists each factor with when it was added and last used, the number masked', async () => {
      const member = await fullyEnrolled();
      const kinds = member.page.secondFactors.map((f) => f.kind);
      expect(kinds).toEqual(['AUTHENTICATOR_APP', 'SMS', 'PIN', 'BACKUP_CODE']);
      const phone = member.page.secondFactors.find((f) => f.kind === 'SMS')!;
      expect(phone.label).toBe(`+44 •••• ••${member.phone.slice(-4)}`);
      expect(JSON.stringify(member.page)).not.toContain(member.phone.slice(3));
      const [app] = await repo(AuthenticatorFactor).findBy({
        userId: member.fixture.user.id,
        status: FactorStatus.ACTIVE,
      });
      // what the statement reads is what the ORM reads
      expect(member.page.secondFactors[0]).toEqual({
        id: `app:${app!.id}`,
        kind: 'AUTHENTICATOR_APP',
        label: null,
        addedAt: app!.confirmedAt!.toISOString(),
        lastUsedAt: null,
        unusedCodes: null,
      });
      expect(member.page.secondFactors.find((f) => f.kind === 'BACKUP_CODE')).toMatchObject({
        unusedCodes: 10,
        lastUsedAt: null,
      });

      // a sign-in with the app and a backup code: both record their use
      const client = await signedIn(server.url, member.fixture.email, member.fixture.password);
      await client.ok(VERIFY, {
        kind: 'AUTHENTICATOR_APP',
        code: oathCode(member.secret, Math.max(member.step + 1, stepOf(Date.now()))),
      });
      const other = await signedIn(server.url, member.fixture.email, member.fixture.password);
      await other.ok(VERIFY, { kind: 'BACKUP_CODE', code: member.backupCodes[0] });
      const pin = await signedIn(server.url, member.fixture.email, member.fixture.password);
      await pin.ok(VERIFY, { kind: 'PIN', code: '2580' });
      const used = await owner.ok<{ user: Detail }>(DETAIL, { id: member.fixture.user.id });
      for (const kind of ['AUTHENTICATOR_APP', 'PIN', 'BACKUP_CODE']) {
        const factor = used.user.secondFactors.find((f) => f.kind === kind)!;
        const age = Date.now() - Date.parse(factor.lastUsedAt ?? 'never');
        expect([kind, age < 60_000]).toEqual([kind, true]);
      }
      expect(used.user.secondFactors.find((f) => f.kind === 'SMS')!.lastUsedAt).toBeNull();
      expect(used.user.secondFactors.find((f) => f.kind === 'BACKUP_CODE')!.unusedCodes).toBe(9);
    });

    it('removes only the chosen factor, signs the user out, mails and audits which', async () => {
      const member = await fullyEnrolled();
      await lock(member);
      const before = await stateOf(member.fixture.user.id);
      expect(before.sessions).toBeGreaterThan(0);
      const result = await adminApi.ok<{
        resetTwoFactor: { twoFactorStatus: string; twoFactorMethods: string[] };
      }>(RESET, {
        userId: member.fixture.user.id,
        reason: 'Lost the phone',
        factorIds: [member.idOf('SMS')],
      });
      expect(result.resetTwoFactor.twoFactorMethods).toEqual(['AUTHENTICATOR_APP', 'PIN']);
      const after = await stateOf(member.fixture.user.id);
      expect(after).toMatchObject({ apps: 1, phones: 0, pins: 1, backupCodes: 10, sessions: 0 });
      // a lock is its own decision: unlockTwoFactor lifts it
      expect(after.guard?.lockedUntil).toEqual(before.guard?.lockedUntil);
      expect(codesOf(await member.api.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);

      const mail = await mailbox.next(member.fixture.email);
      expect(mail.subject).toBe('A second factor of yours for Acme was removed');
      expect(mail.text).toContain(
        `${admin.user.displayName} removed your text message number from your two-factor authentication`,
      );
      const [event] = await repo(AuditEvent).findBy({
        action: 'two_factor.reset',
        targetId: member.fixture.user.id,
      });
      expect(event?.details).toEqual({ reason: 'Lost the phone', factors: ['SMS'] });
    });

    it('allows removing the last factor where 2FA is required: the user sets up again', async () => {
      await owner.ok(UPDATE_POLICY, {
        input: {
          userType: UserType.APP_REVIEWER,
          enforcement: Enforcement.REQUIRED,
          allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
          gracePeriodDays: 0,
        },
      });
      try {
        const member = await enrolledMember();
        await repo(SecondFactorGuard).save({
          userId: member.fixture.user.id,
          consecutiveFailures: 2,
          lockCount: 0,
          lockedUntil: null,
          disabledAt: null,
        });
        const factors = await owner.ok<{ user: Detail }>(FACTORS, { id: member.fixture.user.id });
        const appId = factors.user.secondFactors.find((f) => f.kind === 'AUTHENTICATOR_APP')!.id;
        const result = await owner.ok<{ resetTwoFactor: { twoFactorStatus: string } }>(RESET, {
          userId: member.fixture.user.id,
          reason: 'New phone',
          factorIds: [appId],
        });
        expect(result.resetTwoFactor.twoFactorStatus).toBe('OVERDUE');
        // nothing left to guard: backup codes and the lockout went with it
        expect(await stateOf(member.fixture.user.id)).toMatchObject({
          apps: 0,
          backupCodes: 0,
          guard: null,
          sessions: 0,
        });
        expect((await mailbox.next(member.fixture.email)).subject).toBe(
          'Your two-factor authentication for Acme was reset',
        );
        const [event] = await repo(AuditEvent).findBy({
          action: 'two_factor.reset',
          targetId: member.fixture.user.id,
        });
        expect(event?.details).toEqual({
          reason: 'New phone',
          factors: ['AUTHENTICATOR_APP'],
          nothingLeft: true,
        });
        const again = new ApiClient(server.url);
        expect(
          (await again.signIn(member.fixture.email, member.fixture.password)).data?.signIn.session
            .stage,
        ).toBe('ENROLLMENT');
      } finally {
        await owner.ok(UPDATE_POLICY, {
          input: {
            userType: UserType.APP_REVIEWER,
            enforcement: Enforcement.OPTIONAL,
            allowedMethods: ['AUTHENTICATOR_APP', 'SMS', 'PIN'],
            gracePeriodDays: 0,
          },
        });
      }
    });

    it('refuses a factor of another user naming factorIds, with no partial write', async () => {
      const member = await fullyEnrolled();
      const other = await fullyEnrolled();
      const otherGlobex = await enrolledMember(globex);
      const [globexApp] = await repo(AuthenticatorFactor).findBy({
        userId: otherGlobex.fixture.user.id,
      });
      const before = await stateOf(member.fixture.user.id);
      const otherBefore = await stateOf(other.fixture.user.id);
      for (const factorIds of [
        [member.idOf('SMS'), other.idOf('PIN')],
        [other.idOf('AUTHENTICATOR_APP')],
        [`app:${globexApp!.id}`],
        [`pin:${other.fixture.user.id}`],
        [`backup-codes:${other.fixture.user.id}`],
        ['app:00000000-0000-4000-8000-000000000000'],
        ['not-a-factor'],
        [],
        Array.from({ length: 11 }, () => member.idOf('SMS')),
      ]) {
        const result = await owner.request(RESET, {
          userId: member.fixture.user.id,
          reason: 'Cleanup',
          factorIds,
        });
        expect([factorIds, codesOf(result)]).toEqual([factorIds, ['BAD_USER_INPUT']]);
        expect(fieldsOf(result).every((field) => field.startsWith('factorIds'))).toBe(true);
      }
      expect(await stateOf(member.fixture.user.id)).toEqual(before);
      expect(await stateOf(other.fixture.user.id)).toEqual(otherBefore);
      expect(mailbox.unread(member.fixture.email)).toEqual([]);
    });

    it('asks an administrator with a factor for their code, and a refused id spends none', async () => {
      const careful = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
      });
      const api = await signedIn(server.url, careful.email, careful.password);
      const { secret, step } = await enroll(api);
      await mailbox.next(careful.email);
      const member = await fullyEnrolled();
      const missing = await api.request(RESET, {
        userId: member.fixture.user.id,
        reason: 'Lost',
        factorIds: [member.idOf('PIN')],
      });
      expect(fieldsOf(missing)).toEqual(['code']);
      const code = oathCode(secret, Math.max(step + 1, stepOf(Date.now())));
      const refused = await api.request(RESET, {
        userId: member.fixture.user.id,
        reason: 'Lost',
        code,
        factorIds: ['pin:00000000-0000-4000-8000-000000000000'],
      });
      expect(fieldsOf(refused)).toEqual(['factorIds']);
      // the same code still works: the refusal came before it was checked
      const ok = await api.request(RESET, {
        userId: member.fixture.user.id,
        reason: 'Lost',
        code,
        factorIds: [member.idOf('PIN')],
      });
      expect(ok.errors).toBeUndefined();
      expect((await stateOf(member.fixture.user.id)).pins).toBe(0);
    });

    it('removes a factor once when two resets of it are released together', async () => {
      const member = await fullyEnrolled();
      const variables = {
        userId: member.fixture.user.id,
        reason: 'Lost',
        factorIds: [member.idOf('SMS')],
      };
      const answers = await releaseTogether(server.url, [
        { query: RESET, variables, token: owner.token },
        { query: RESET, variables, token: adminApi.token },
      ]);
      const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
      expect(await events('two_factor.reset', member.fixture.user.id)).toBe(1);
      expect(await stateOf(member.fixture.user.id)).toMatchObject({ apps: 1, phones: 0, pins: 1 });
      await mailbox.next(member.fixture.email);
      expect(mailbox.unread(member.fixture.email)).toEqual([]);
    });

    it('refuses aliased resets before anything runs (a code may be a PIN: one hash a request)', async () => {
      const member = await fullyEnrolled();
      const before = await stateOf(member.fixture.user.id);
      const result = await owner.request<Record<string, unknown>>(
        `mutation ($userId: ID!, $ids: [ID!]) {
          a: resetTwoFactor(userId: $userId, reason: "Lost", factorIds: $ids) { id }
          b: resetTwoFactor(userId: $userId, reason: "Lost", factorIds: $ids) { id }
        }`,
        { userId: member.fixture.user.id, ids: [member.idOf('PIN')] },
      );
      expect(result.status).toBe(400);
      expect(reasonsOf(result)).toEqual(['ONE_HASH_PER_REQUEST']);
      expect(await stateOf(member.fixture.user.id)).toEqual(before);
    });
  });

  describe('ending sessions', () => {
    /** Signs `who` in with `userAgent`, as that browser would. */
    async function signInAs(who: UserFixture, userAgent: string): Promise<string> {
      const { body } = await graphql<{ signIn: { token: string } }>(
        server.url,
        SIGN_IN,
        { email: who.email, password: who.password },
        { 'user-agent': userAgent },
      );
      return body.data!.signIn.token;
    }

    it('lists open sessions with the browser in words, never the user agent', async () => {
      const member = await makeUser(server.services, acme.account);
      await signInAs(member, chrome);
      await signInAs(member, iphone);
      await signInAs(member, 'curl/8.5.0');
      const page = await owner.ok<{ user: Detail }>(DETAIL, { id: member.user.id });
      expect(page.user.sessions.map((s) => s.browser).sort()).toEqual([
        'Chrome on Linux',
        'Safari on iOS',
        'Unknown browser',
      ]);
      expect(page.user.sessions.every((s) => s.transport === 'BEARER' && s.ip !== null)).toBe(true);
      expect(JSON.stringify(page)).not.toContain('Mozilla');
      // a session past its limits is no longer open
      await repo(Session).update(
        { id: page.user.sessions[0]!.id },
        { absoluteExpiresAt: new Date(Date.now() - 1000) },
      );
      const later = await owner.ok<{ user: Detail }>(DETAIL, { id: member.user.id });
      expect(later.user.sessions).toHaveLength(2);
    });

    it('ends every session, counts the open ones and audits it', async () => {
      const member = await makeUser(server.services, acme.account);
      const tokens = [await signInAs(member, chrome), await signInAs(member, iphone)];
      // a third one idled out long ago: cleared, not counted
      const idle = await signInAs(member, chrome);
      await repo(Session).update(
        { tokenHash: hashToken(idle) },
        { lastSeenAt: new Date(Date.now() - 3_600_000) },
      );

      expect(await adminApi.ok(END_SESSIONS, { userId: member.user.id })).toEqual({
        endUserSessions: 2,
      });
      expect(await repo(Session).countBy({ userId: member.user.id })).toBe(0);
      for (const token of tokens) {
        const client = new ApiClient(server.url);
        client.token = token;
        expect(codesOf(await client.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      }
      const [event] = await repo(AuditEvent).findBy({
        action: 'user.sessions_ended',
        targetId: member.user.id,
      });
      expect(event).toMatchObject({ actorUserId: admin.user.id, details: { sessions: 2 } });

      // nothing open: zero, and nothing to audit
      expect(await adminApi.ok(END_SESSIONS, { userId: member.user.id })).toEqual({
        endUserSessions: 0,
      });
      expect(await events('user.sessions_ended', member.user.id)).toBe(1);
    });

    it('ends the sessions once when two calls are released together, and for aliases', async () => {
      const member = await makeUser(server.services, acme.account);
      await signInAs(member, chrome);
      await signInAs(member, iphone);
      const answers = await releaseTogether(server.url, [
        { query: END_SESSIONS, variables: { userId: member.user.id }, token: owner.token },
        { query: END_SESSIONS, variables: { userId: member.user.id }, token: adminApi.token },
      ]);
      expect(
        answers.map((a) => (a.data as { endUserSessions: number }).endUserSessions).sort(),
      ).toEqual([0, 2]);
      expect(await events('user.sessions_ended', member.user.id)).toBe(1);

      await signInAs(member, chrome);
      const aliased = await owner.ok(
        `mutation ($userId: ID!) {
          a: endUserSessions(userId: $userId)
          b: endUserSessions(userId: $userId)
        }`,
        { userId: member.user.id },
      );
      expect(aliased).toEqual({ a: 1, b: 0 });
      expect(await events('user.sessions_ended', member.user.id)).toBe(2);
    });
  });

  describe('security activity', () => {
    it('lists the newest events about the user, only theirs, newest first', async () => {
      const member = await enrolledMember();
      const bystander = await enrolledMember();
      await lock(member);
      await adminApi.ok(UNLOCK, { userId: member.fixture.user.id });
      await adminApi.ok(END_SESSIONS, { userId: bystander.fixture.user.id });
      const page = await owner.ok<{ user: Detail }>(DETAIL, { id: member.fixture.user.id });
      expect(page.user.securityActivity.map((e) => e.action)).toEqual([
        'two_factor.unlocked',
        'auth.second_factor_failed',
        'auth.second_factor_failed',
      ]);
      expect(page.user.securityActivity[0]).toMatchObject({
        targetId: member.fixture.user.id,
        actorName: admin.user.displayName,
      });
      const all = await owner.ok<{ user: { securityActivity: { targetId: string }[] } }>(
        `query ($id: ID!) { user(id: $id) { securityActivity(first: 50) { targetId } } }`,
        { id: member.fixture.user.id },
      );
      expect(all.user.securityActivity.length).toBeGreaterThan(3);
      expect(all.user.securityActivity.every((e) => e.targetId === member.fixture.user.id)).toBe(
        true,
      );
    });

    it.each([0, -1, 51])('refuses first = %i naming first', async (first) => {
      const result = await owner.request(
        `query ($id: ID!, $first: Int!) { user(id: $id) { securityActivity(first: $first) { id } } }`,
        { id: admin.user.id, first },
      );
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual(['first']);
    });
  });
});
