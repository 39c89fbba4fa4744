import { IsNull } from 'typeorm';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Platform,
  SessionStage,
  TwoFactorRequirement,
  UserStatus,
  UserType,
} from '@twofold/shared';
import { simpleParser } from 'mailparser';
import { ApiClient, codesOf, type GraphQLResult, signedIn } from '@twofold/testkit/api-client';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { hashToken } from '../src/crypto/tokens';
import type { Account } from '../src/modules/account/account.entity';
import { App, UserApp } from '../src/modules/app/app.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Identity } from '../src/modules/identity/identity.entity';
import { LinkPurpose, LinkToken } from '../src/modules/link-token/link-token.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { User } from '../src/modules/user/user.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  testPassword,
} from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { id email displayName userType status isOwner requireTwoFactor }
}`;
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password)
}`;

interface CreatedUser {
  id: string;
  email: string;
  displayName: string;
  userType: UserType;
  status: UserStatus;
  isOwner: boolean;
  requireTwoFactor: boolean;
}

const newPassword = 'a brand new passphrase';

async function makeApp(server: TestServer, account: Account, name: string): Promise<App> {
  const repo = server.dataSource.getRepository(App);
  return repo.save(
    repo.create({
      accountId: account.id,
      name,
      platform: Platform.WEB,
      bundleId: 'com.example.app',
      previewUrl: 'https://example.com/preview',
      createdAt: new Date(),
    }),
  );
}

function fieldsOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.fields ?? result.errors?.[0]?.extensions?.field;
}

describe('invitations and password resets over real SMTP', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let acmeApp: App;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    acmeApp = await makeApp(server, acme.account, 'Acme Mobile');
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  const createUser = (client: ApiClient, input: Record<string, unknown>) =>
    client.request<{ createUser: CreatedUser }>(CREATE_USER, { input });

  /** Invites `email` into the owner's account and returns the profile and the mailed token. */
  async function invite(
    client: ApiClient,
    email: string,
    userType = UserType.APP_REVIEWER,
  ): Promise<{ user: CreatedUser; token: string; text: string }> {
    const result = await createUser(client, { email, displayName: 'Invitee', userType });
    expect(result.errors).toBeUndefined();
    const mail = await mailbox.next(email);
    return { user: result.data!.createUser, token: linkToken(mail, 'invitation'), text: mail.text };
  }

  async function countRows(): Promise<Record<string, number>> {
    const ds = server.dataSource;
    return {
      identities: await ds.getRepository(Identity).count(),
      users: await ds.getRepository(User).count(),
      userApps: await ds.getRepository(UserApp).count(),
      links: await ds.getRepository(LinkToken).count(),
      audit: await ds.getRepository(AuditEvent).count(),
    };
  }

  it('creates an INVITED user, mails the link, and the accepted invitation signs in', async () => {
    const email = randomEmail('ann');
    const result = await createUser(owner, {
      email: email.toUpperCase(),
      displayName: 'Ann Example',
      userType: UserType.APP_REVIEWER,
      appIds: [acmeApp.id],
    });
    expect(result.errors).toBeUndefined();
    const user = result.data!.createUser;
    expect(user).toMatchObject({
      email,
      displayName: 'Ann Example',
      userType: UserType.APP_REVIEWER,
      status: UserStatus.INVITED,
      isOwner: false,
      requireTwoFactor: false,
    });
    expect(await server.dataSource.getRepository(UserApp).findBy({ userId: user.id })).toEqual([
      { userId: user.id, appId: acmeApp.id },
    ]);

    const mail = await mailbox.next(email);
    expect(mail.subject).toBe('You have been invited to Acme on Twofold');
    expect(mail.text).toContain(`${server.config.publicUrl}/invitation/`);
    const token = linkToken(mail, 'invitation');
    // only the hash is stored
    const stored = await server.dataSource.getRepository(LinkToken).findOneByOrFail({
      userId: user.id,
    });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.purpose).toBe(LinkPurpose.INVITATION);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(72 * 3_600_000);

    // no password yet: no sign-in
    expect(codesOf(await new ApiClient(server.url).signIn(email, newPassword))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const accepted = await new ApiClient(server.url).request(ACCEPT, {
      token,
      password: newPassword,
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toEqual({ acceptInvitation: true });

    const client = await signedIn(server.url, email, newPassword);
    const data = await client.ok<{ viewer: { id: string; status: string } }>(
      '{ viewer { id status } }',
    );
    expect(data.viewer).toEqual({ id: user.id, status: UserStatus.ACTIVE });
    const identity = await server.dataSource.getRepository(Identity).findOneByOrFail({ email });
    expect(identity.emailVerifiedAt).not.toBeNull();
    const actions = (
      await server.dataSource.getRepository(AuditEvent).findBy({ targetId: user.id })
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.invitation_accepted']));
  });

  it('refuses an invitation link the second time it is used', async () => {
    const { token } = await invite(owner, randomEmail('once'));
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.request(ACCEPT, { token, password: newPassword })).errors).toBe(
      undefined,
    );
    const again = await anonymous.request(ACCEPT, { token, password: newPassword });
    expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors?.[0]?.message).toBe('This link is invalid or has expired');
    expect(fieldsOf(again)).toEqual([
      { field: 'token', message: 'This link is invalid or has expired' },
    ]);
  });

  it('accepts a link exactly once when two uses race', async () => {
    const { token } = await invite(owner, randomEmail('race'));
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        new ApiClient(server.url).request(ACCEPT, { token, password: newPassword }),
      ),
    );
    expect(results.filter((r) => r.data?.acceptInvitation === true)).toHaveLength(1);
    expect(results.flatMap(codesOf)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('refuses an expired invitation link and leaves the profile INVITED', async () => {
    const { user, token } = await invite(owner, randomEmail('late'));
    await server.dataSource
      .getRepository(LinkToken)
      .update({ tokenHash: hashToken(token) }, { expiresAt: new Date(Date.now() - 1000) });
    const result = await new ApiClient(server.url).request(ACCEPT, {
      token,
      password: newPassword,
    });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(result)).toEqual([{ field: 'token', message: expect.any(String) }]);
    const stored = await server.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(stored.status).toBe(UserStatus.INVITED);
  });

  it('voids an earlier invitation link when a newer one is issued for the profile', async () => {
    const { user, token: older } = await invite(owner, randomEmail('twice'));
    const newer = await server.services.linkTokens.issue(
      LinkPurpose.INVITATION,
      (await server.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).identityId,
      user.id,
      72 * 3_600_000,
    );
    const anonymous = new ApiClient(server.url);
    expect(
      codesOf(await anonymous.request(ACCEPT, { token: older, password: newPassword })),
    ).toEqual(['BAD_USER_INPUT']);
    expect((await anonymous.request(ACCEPT, { token: newer, password: newPassword })).data).toEqual(
      {
        acceptInvitation: true,
      },
    );
  });

  it('keeps the link usable when the chosen password is too short', async () => {
    const { token } = await invite(owner, randomEmail('short'));
    const anonymous = new ApiClient(server.url);
    const short = await anonymous.request(ACCEPT, { token, password: 'short' });
    expect(codesOf(short)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(short)).toEqual([{ field: 'password', message: expect.any(String) }]);
    expect((await anonymous.request(ACCEPT, { token, password: newPassword })).data).toEqual({
      acceptInvitation: true,
    });
  });

  it.each([
    ['an empty token', ''],
    ['an unknown token', 'A'.repeat(43)],
    ['an over-long token', 'A'.repeat(5000)],
  ])('refuses %s as an invalid link', async (_name, token) => {
    const result = await new ApiClient(server.url).request(ACCEPT, {
      token,
      password: newPassword,
    });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(result)).toEqual([{ field: 'token', message: expect.any(String) }]);
  });

  it('keeps ONE login and password for the same email invited into two accounts and two types', async () => {
    const email = randomEmail('multi');
    const beta = await makeAccount(server.services, 'Beta');
    const betaOwner = await signedIn(server.url, beta.ownerEmail, beta.password);
    const anonymous = new ApiClient(server.url);

    const first = await invite(owner, email, UserType.APP_REVIEWER);
    expect(first.text).toContain('choose your password');
    await anonymous.ok(ACCEPT, { token: first.token, password: newPassword });

    // a login that exists: the mail asks for the current password, which alone is accepted
    const second = await invite(owner, email, UserType.APP_REPORT_VIEWER);
    expect(second.user.status).toBe(UserStatus.INVITED);
    expect(second.text).toContain('confirm with your current password');
    const wrong = await anonymous.request(ACCEPT, {
      token: second.token,
      password: 'another password entirely',
    });
    expect(codesOf(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(wrong)).toEqual([{ field: 'password', message: expect.any(String) }]);
    await anonymous.ok(ACCEPT, { token: second.token, password: newPassword });

    const third = await invite(betaOwner, email, UserType.ADMINISTRATOR);
    await anonymous.ok(ACCEPT, { token: third.token, password: newPassword });

    expect(await server.dataSource.getRepository(Identity).countBy({ email })).toBe(1);
    expect(
      codesOf(await new ApiClient(server.url).signIn(email, 'another password entirely')),
    ).toEqual(['UNAUTHENTICATED']);
    const client = new ApiClient(server.url);
    const signIn = await client.signIn(email, newPassword);
    expect(signIn.data?.signIn.session.stage).toBe(SessionStage.PROFILE_SELECTION);
    const session = await client.ok<{
      session: { profiles: { userId: string; accountName: string; userType: string }[] };
    }>('{ session { profiles { userId accountName userType } } }');
    expect(
      session.session.profiles.map((p) => [p.accountName, p.userType, p.userId]).sort(),
    ).toEqual(
      [
        ['Acme', UserType.APP_REPORT_VIEWER, second.user.id],
        ['Acme', UserType.APP_REVIEWER, first.user.id],
        ['Beta', UserType.ADMINISTRATOR, third.user.id],
      ].sort(),
    );
  });

  it('adds an ACTIVE profile to an existing login without mailing when sendInvitation is false', async () => {
    const existing = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const result = await createUser(owner, {
      email: existing.email,
      displayName: 'Second hat',
      userType: UserType.APP_ADMINISTRATOR,
      sendInvitation: false,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createUser.status).toBe(UserStatus.ACTIVE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.unread(existing.email)).toEqual([]);
    const client = new ApiClient(server.url);
    expect(
      (await client.signIn(existing.email, existing.password)).data?.signIn.session.stage,
    ).toBe(SessionStage.PROFILE_SELECTION);
  });

  it('leaves a new login INVITED and mails nothing when sendInvitation is false', async () => {
    const email = randomEmail('quiet');
    const result = await createUser(owner, {
      email,
      displayName: 'Quiet',
      userType: UserType.APP_REVIEWER,
      sendInvitation: false,
    });
    expect(result.data?.createUser.status).toBe(UserStatus.INVITED);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.unread(email)).toEqual([]);
    expect(
      await server.dataSource
        .getRepository(LinkToken)
        .countBy({ userId: result.data!.createUser.id }),
    ).toBe(0);
  });

  it('requires 2FA with the deadline of the type’s grace period when requireTwoFactor is set', async () => {
    await server.dataSource
      .getRepository(SecurityPolicy)
      .update(
        { accountId: acme.account.id, userType: UserType.APP_ADMINISTRATOR },
        { gracePeriodDays: 7 },
      );
    const before = Date.now();
    const result = await createUser(owner, {
      email: randomEmail('strict'),
      displayName: 'Strict',
      userType: UserType.APP_ADMINISTRATOR,
      requireTwoFactor: true,
      sendInvitation: false,
    });
    expect(result.data?.createUser.requireTwoFactor).toBe(true);
    const stored = await server.dataSource
      .getRepository(User)
      .findOneByOrFail({ id: result.data!.createUser.id });
    expect(stored.twoFactorRequirement).toBe(TwoFactorRequirement.REQUIRED);
    const expected = before + 7 * 24 * 3_600_000;
    expect(stored.twoFactorDeadline!.getTime()).toBeGreaterThanOrEqual(expected - 1000);
    expect(stored.twoFactorDeadline!.getTime()).toBeLessThanOrEqual(
      Date.now() + 7 * 24 * 3_600_000,
    );
  });

  describe('bad input stores nothing', () => {
    let other: AccountFixture;
    let otherApp: App;
    let taken: string;
    beforeAll(async () => {
      other = await makeAccount(server.services, 'Other');
      otherApp = await makeApp(server, other.account, 'Not yours');
      taken = (await makeUser(server.services, acme.account, { userType: UserType.APP_REVIEWER }))
        .email;
    });

    const valid = () => ({
      email: randomEmail('bad'),
      displayName: 'Valid',
      userType: UserType.APP_REVIEWER,
    });

    it.each([
      ['a malformed email', 'BAD_USER_INPUT', 'input.email', { email: 'not-an-email' }],
      [
        'an over-long email',
        'BAD_USER_INPUT',
        'input.email',
        { email: `${'a'.repeat(250)}@example.com` },
      ],
      ['an empty display name', 'BAD_USER_INPUT', 'input.displayName', { displayName: '  ' }],
      [
        'an over-long display name',
        'BAD_USER_INPUT',
        'input.displayName',
        { displayName: 'x'.repeat(101) },
      ],
      [
        'an unknown app id',
        'NOT_FOUND',
        'input.appIds',
        { appIds: ['00000000-0000-4000-8000-000000000000'] },
      ],
      ['a malformed app id', 'NOT_FOUND', 'input.appIds', { appIds: ['nope'] }],
    ])('answers %s with %s naming %s', async (_name, code, field, change) => {
      const before = await countRows();
      const result = await createUser(owner, { ...valid(), ...change });
      expect(codesOf(result)).toEqual([code]);
      const named = fieldsOf(result);
      expect(Array.isArray(named) ? named.map((f: { field: string }) => f.field) : named).toEqual(
        code === 'BAD_USER_INPUT' ? [field] : field,
      );
      expect(await countRows()).toEqual(before);
    });

    it('answers the app of another account with NOT_FOUND on input.appIds, even beside a valid one', async () => {
      const before = await countRows();
      const input = { ...valid(), appIds: [acmeApp.id, otherApp.id] };
      const result = await createUser(owner, input);
      expect(codesOf(result)).toEqual(['NOT_FOUND']);
      expect(result.errors?.[0]?.extensions?.field).toBe('input.appIds');
      expect(await countRows()).toEqual(before);
      expect(mailbox.unread(input.email)).toEqual([]);
    });

    it('answers an unknown user type with BAD_USER_INPUT naming userType', async () => {
      const before = await countRows();
      const result = await createUser(owner, { ...valid(), userType: 'OWNER' });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toContain('userType');
      expect(await countRows()).toEqual(before);
    });

    it('answers the same email and user type twice in one account with CONFLICT on input.email', async () => {
      const before = await countRows();
      const result = await createUser(owner, {
        ...valid(),
        email: taken.toUpperCase(),
        userType: UserType.APP_REVIEWER,
      });
      expect(codesOf(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('input.email');
      expect(await countRows()).toEqual(before);
    });
  });

  describe('who may create users', () => {
    it.each([UserType.APP_ADMINISTRATOR, UserType.APP_REVIEWER, UserType.APP_REPORT_VIEWER])(
      'refuses a %s with FORBIDDEN',
      async (userType) => {
        const fixture = await makeUser(server.services, acme.account, { userType });
        const client = await signedIn(server.url, fixture.email, fixture.password);
        const before = await server.dataSource.getRepository(User).count();
        const result = await createUser(client, {
          email: randomEmail('nope'),
          displayName: 'Nope',
          userType: UserType.APP_REVIEWER,
        });
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(await server.dataSource.getRepository(User).count()).toBe(before);
      },
    );

    it('refuses a signed-out caller with UNAUTHENTICATED', async () => {
      const result = await createUser(new ApiClient(server.url), {
        email: randomEmail('anon'),
        displayName: 'Anon',
        userType: UserType.APP_REVIEWER,
      });
      expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('lets an Administrator create another Administrator, who is never an owner', async () => {
      const admin = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
      });
      const client = await signedIn(server.url, admin.email, admin.password);
      const result = await createUser(client, {
        email: randomEmail('admin'),
        displayName: 'Second admin',
        userType: UserType.ADMINISTRATOR,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.createUser).toMatchObject({
        userType: UserType.ADMINISTRATOR,
        isOwner: false,
      });
      const stored = await server.dataSource
        .getRepository(User)
        .findOneByOrFail({ id: result.data!.createUser.id });
      expect(stored.accountId).toBe(acme.account.id);
      await mailbox.next(result.data!.createUser.email);
    });
  });

  describe('password reset', () => {
    it('mails a reset link for a known email, ends every session and sets the new password', async () => {
      const fixture = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
      });
      const oldSession = await signedIn(server.url, fixture.email, fixture.password);
      const otherSession = await signedIn(server.url, fixture.email, fixture.password);

      const anonymous = new ApiClient(server.url);
      expect(
        await anonymous.ok(REQUEST_RESET, { email: `  ${fixture.email.toUpperCase()} ` }),
      ).toEqual({ requestPasswordReset: true });
      const mail = await mailbox.next(fixture.email);
      expect(mail.subject).toBe('Reset your Twofold password');
      expect(mail.text).not.toContain(fixture.password);
      const token = linkToken(mail, 'reset-password');
      const stored = await server.dataSource
        .getRepository(LinkToken)
        .findOneByOrFail({ tokenHash: hashToken(token) });
      expect(stored.purpose).toBe(LinkPurpose.PASSWORD_RESET);
      expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(3_600_000);

      const short = await anonymous.request(RESET, { token, password: 'short' });
      expect(codesOf(short)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(short)).toEqual([{ field: 'password', message: expect.any(String) }]);

      expect(await anonymous.ok(RESET, { token, password: newPassword })).toEqual({
        resetPassword: true,
      });
      for (const client of [oldSession, otherSession]) {
        expect(await client.ok('{ session { stage } }')).toEqual({ session: null });
        expect(codesOf(await client.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
      }
      expect(
        codesOf(await new ApiClient(server.url).signIn(fixture.email, fixture.password)),
      ).toEqual(['UNAUTHENTICATED']);
      await signedIn(server.url, fixture.email, newPassword);

      const again = await anonymous.request(RESET, { token, password: 'yet another password' });
      expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(again)).toEqual([{ field: 'token', message: expect.any(String) }]);
      const audit = await server.dataSource
        .getRepository(AuditEvent)
        .findBy({ action: 'auth.password_reset', accountId: IsNull() });
      expect(audit.map((e) => e.targetId)).toContain(fixture.user.identityId);
    });

    it('records the reset in the login’s own activity, in no account’s audit log', async () => {
      const beta = await makeAccount(server.services, 'Gamma');
      const first = await makeUser(server.services, acme.account);
      await makeUser(server.services, beta.account, { email: first.email });
      await new ApiClient(server.url).ok(REQUEST_RESET, { email: first.email });
      const token = linkToken(await mailbox.next(first.email), 'reset-password');
      await new ApiClient(server.url).ok(RESET, { token, password: newPassword });
      const events = await server.dataSource
        .getRepository(AuditEvent)
        .findBy({ targetId: first.user.identityId });
      expect(events.map((e) => [e.action, e.accountId]).sort()).toEqual([
        ['auth.password_reset', null],
        ['auth.password_reset_requested', null],
      ]);
    });

    it.each([
      ['an unknown email', () => randomEmail('ghost')],
      ['a malformed email', () => 'not an email'],
      ['an over-long email', () => `${'a'.repeat(300)}@example.com`],
    ])('answers true for %s and mails nothing', async (_name, makeEmail) => {
      const email = makeEmail();
      const before = await server.dataSource.getRepository(LinkToken).count();
      const result = await new ApiClient(server.url).request(REQUEST_RESET, { email });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ requestPasswordReset: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mailbox.unread(email)).toEqual([]);
      expect(await server.dataSource.getRepository(LinkToken).count()).toBe(before);
    });

    it('mails nothing for a login that has no password yet', async () => {
      const invited = await makeUser(server.services, acme.account, {
        password: null,
        status: UserStatus.INVITED,
      });
      await new ApiClient(server.url).ok(REQUEST_RESET, { email: invited.email });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mailbox.unread(invited.email)).toEqual([]);
    });

    it('sends at most 5 reset mails per email and hour, still answering true', async () => {
      const fixture = await makeUser(server.services, acme.account);
      const anonymous = new ApiClient(server.url);
      for (let i = 0; i < 7; i++) {
        expect(await anonymous.ok(REQUEST_RESET, { email: fixture.email })).toEqual({
          requestPasswordReset: true,
        });
      }
      for (let i = 0; i < 5; i++) await mailbox.next(fixture.email);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mailbox.unread(fixture.email)).toEqual([]);
    });

    it('voids the earlier reset link when a newer one is requested', async () => {
      const fixture = await makeUser(server.services, acme.account);
      const anonymous = new ApiClient(server.url);
      await anonymous.ok(REQUEST_RESET, { email: fixture.email });
      const older = linkToken(await mailbox.next(fixture.email), 'reset-password');
      await anonymous.ok(REQUEST_RESET, { email: fixture.email });
      const newer = linkToken(await mailbox.next(fixture.email), 'reset-password');
      expect(
        codesOf(await anonymous.request(RESET, { token: older, password: newPassword })),
      ).toEqual(['BAD_USER_INPUT']);
      expect(await anonymous.ok(RESET, { token: newer, password: newPassword })).toEqual({
        resetPassword: true,
      });
    });

    it('does not accept an invitation link as a reset link', async () => {
      const { token } = await invite(owner, randomEmail('mixed'));
      const result = await new ApiClient(server.url).request(RESET, {
        token,
        password: newPassword,
      });
      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(result)).toEqual([{ field: 'token', message: expect.any(String) }]);
    });
  });
});

describe('the development outbox', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes an .eml file into <dataDir>/outbox/ when SMTP_URL is unset', async () => {
    expect(server.config.smtpUrl).toBeUndefined();
    const acme = await makeAccount(server.services, 'Outbox Inc');
    const owner = await signedIn(server.url, acme.ownerEmail, testPassword);
    const email = randomEmail('eml');
    await owner.ok(CREATE_USER, {
      input: { email, displayName: 'Eml', userType: UserType.APP_REVIEWER },
    });
    const outbox = path.join(server.config.dataDir, 'outbox');
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const raw = readFileSync(path.join(outbox, files[0]!));
    expect(raw.toString()).toContain('\r\n');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('You have been invited to Outbox Inc on Twofold');
    expect(JSON.stringify(parsed.to)).toContain(email);
    const token = linkToken({ text: parsed.text ?? '' }, 'invitation');
    expect(await new ApiClient(server.url).ok(ACCEPT, { token, password: newPassword })).toEqual({
      acceptInvitation: true,
    });
  });
});
