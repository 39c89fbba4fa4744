import { UserStatus, UserType } from '@twofold/shared';
import {
  ApiClient,
  codesOf,
  type GraphQLErrorBody,
  type GraphQLResult,
  reasonsOf,
  signedIn,
} from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { IsNull } from 'typeorm';
import { runMigrations } from '../src/db/migrate';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { LinkPurpose, LinkToken } from '../src/modules/link-token/link-token.entity';
import { invitationSendRule } from '../src/modules/user/invitation-admin.service';
import { User } from '../src/modules/user/user.entity';
import {
  type AccountFixture,
  makeAccount,
  makeUser,
  randomEmail,
  type UserFixture,
} from './helpers/factories';
import { startTestServer, type TestServer } from './helpers/test-server';

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const RESEND = `mutation ($userId: ID!) {
  resendInvitation(userId: $userId) { id status invitedAt invitation { sentAt expiresAt } }
}`;
const REVOKE = `mutation ($userId: ID!) {
  revokeInvitation(userId: $userId) { id status invitedAt invitation { sentAt expiresAt } }
}`;
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;
const INVITATION_OF = `query ($id: ID!) {
  user(id: $id) { status invitedAt invitation { sentAt expiresAt } }
}`;

interface InvitationView {
  id: string;
  status: UserStatus;
  invitedAt: string | null;
  invitation: { sentAt: string; expiresAt: string } | null;
}

const hours72 = 72 * 3_600_000;
const newPassword = 'a brand new passphrase';

function fieldOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.field;
}

/** docs/design.md, Invitations: administrators send, resend and revoke invitations. */
describe('managing invitations over real SMTP', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  let owner: ApiClient;
  const byType = new Map<UserType, { fixture: UserFixture; api: ApiClient }>();

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  /** Everything a send or a revocation could change about `userId`. */
  const stateOf = async (userId: string) => ({
    user: await repo(User).findOneBy({ id: userId }),
    links: await repo(LinkToken).findBy({ userId, purpose: LinkPurpose.INVITATION }),
    audit: await repo(AuditEvent).countBy({ targetId: userId }),
  });
  const pendingLinks = (userId: string) =>
    repo(LinkToken).countBy({ userId, purpose: LinkPurpose.INVITATION, usedAt: IsNull() });
  const accept = (token: string) =>
    new ApiClient(server.url).request<{ acceptInvitation: boolean }>(ACCEPT, {
      token,
      password: newPassword,
    });

  /** A user the owner invites (the link mailed); `sendInvitation: false` mails nothing. */
  async function invited(sendInvitation = true, by: ApiClient = owner) {
    const email = randomEmail('invitee');
    const { createUser } = await by.ok<{ createUser: { id: string } }>(CREATE_USER, {
      input: { email, displayName: 'Ivy Invitee', userType: UserType.APP_REVIEWER, sendInvitation },
    });
    const token = sendInvitation ? linkToken(await mailbox.next(email), 'invitation') : null;
    return { id: createUser.id, email, token };
  }

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    acme = await makeAccount(server.services, 'Acme');
    globex = await makeAccount(server.services, 'Globex');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    for (const userType of Object.values(UserType)) {
      const fixture = await makeUser(server.services, acme.account, { userType });
      byType.set(userType, {
        fixture,
        api: await signedIn(server.url, fixture.email, fixture.password),
      });
    }
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  const admin = () => byType.get(UserType.ADMINISTRATOR)!;
  const actorRows = [
    ['owner', null, true],
    ['administrator', UserType.ADMINISTRATOR, true],
    ['app administrator', UserType.APP_ADMINISTRATOR, false],
    ['app reviewer', UserType.APP_REVIEWER, false],
    ['app report viewer', UserType.APP_REPORT_VIEWER, false],
  ] as const;
  const apiOf = (userType: UserType | null) => (userType ? byType.get(userType)!.api : owner);

  describe('docs/design.md, Permissions: the users table’s permission for every user type', () => {
    it.each(actorRows)(
      'resends an invitation when the caller is the %s: %s',
      async (_n, type, may) => {
        const target = await invited();
        const before = await stateOf(target.id);
        const result = await apiOf(type).request<{ resendInvitation: InvitationView }>(RESEND, {
          userId: target.id,
        });
        if (may) {
          expect(result.errors).toBeUndefined();
          expect(result.data?.resendInvitation.status).toBe(UserStatus.INVITED);
          linkToken(await mailbox.next(target.email), 'invitation');
        } else {
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(reasonsOf(result)).toEqual(['PERMISSION']);
          expect(await stateOf(target.id)).toEqual(before);
          expect(mailbox.unread(target.email)).toEqual([]);
        }
      },
    );

    it.each(actorRows)(
      'revokes an invitation when the caller is the %s: %s',
      async (_n, type, may) => {
        const target = await invited();
        const before = await stateOf(target.id);
        const result = await apiOf(type).request<{ revokeInvitation: InvitationView }>(REVOKE, {
          userId: target.id,
        });
        if (may) {
          expect(result.errors).toBeUndefined();
          expect(result.data?.revokeInvitation.invitation).toBeNull();
          expect(codesOf(await accept(target.token!))).toEqual(['BAD_USER_INPUT']);
        } else {
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(await stateOf(target.id)).toEqual(before);
          expect((await accept(target.token!)).data).toEqual({ acceptInvitation: true });
        }
      },
    );

    it.each(actorRows)('shows User.invitation to the %s: %s', async (_n, type, may) => {
      const result = await apiOf(type).request<{ viewer: { invitation: unknown } }>(
        '{ viewer { id invitation { expiresAt } invitedAt } }',
      );
      if (may) {
        // the caller's own profile is active: nothing pending
        expect(result.errors).toBeUndefined();
        expect(result.data?.viewer).toMatchObject({ invitation: null, invitedAt: null });
      } else {
        expect(codesOf(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      }
    });

    it('refuses an administrator on an invited owner, and lets an owner act on one', async () => {
      const coOwner = await makeUser(server.services, acme.account, {
        userType: UserType.ADMINISTRATOR,
        isOwner: true,
        status: UserStatus.INVITED,
        password: null,
      });
      const before = await stateOf(coOwner.user.id);
      for (const query of [RESEND, REVOKE]) {
        const result = await admin().api.request(query, { userId: coOwner.user.id });
        expect(codesOf(result)).toEqual(['FORBIDDEN']);
        expect(reasonsOf(result)).toEqual(['OWNER']);
      }
      expect(await stateOf(coOwner.user.id)).toEqual(before);
      expect(mailbox.unread(coOwner.email)).toEqual([]);

      await owner.ok(RESEND, { userId: coOwner.user.id });
      await owner.ok(REVOKE, { userId: coOwner.user.id });
      expect(await mailbox.next(coOwner.email)).toBeDefined();
    });

    it('refuses the caller on their own profile and on another profile of their login', async () => {
      const self = admin();
      // an invitation to a second profile of the administrator’s own login, by the owner
      const second = await makeUser(server.services, acme.account, {
        userType: UserType.APP_REVIEWER,
        email: self.fixture.email,
        status: UserStatus.INVITED,
      });
      await owner.ok(RESEND, { userId: second.user.id });
      await mailbox.next(self.fixture.email);
      for (const userId of [self.fixture.user.id, second.user.id]) {
        const before = await stateOf(userId);
        for (const query of [RESEND, REVOKE]) {
          const result = await self.api.request(query, { userId });
          expect(codesOf(result)).toEqual(['FORBIDDEN']);
          expect(reasonsOf(result)).toEqual(['SELF']);
        }
        expect(await stateOf(userId)).toEqual(before);
      }
      expect(mailbox.unread(self.fixture.email)).toEqual([]);
    });
  });

  describe('cross-account and unknown ids', () => {
    it('answers NOT_FOUND on userId for another account’s invited user and changes nothing', async () => {
      const globexOwner = await signedIn(server.url, globex.ownerEmail, globex.password);
      const victim = await invited(true, globexOwner);
      const before = await stateOf(victim.id);
      for (const query of [RESEND, REVOKE, INVITATION_OF]) {
        const variables = query === INVITATION_OF ? { id: victim.id } : { userId: victim.id };
        const result = await owner.request(query, variables);
        expect(codesOf(result)).toEqual(['NOT_FOUND']);
        expect(fieldOf(result)).toBe(query === INVITATION_OF ? 'id' : 'userId');
      }
      expect(await stateOf(victim.id)).toEqual(before);
      expect(mailbox.unread(victim.email)).toEqual([]);
      expect((await accept(victim.token!)).data).toEqual({ acceptInvitation: true });
    });

    it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '', "1' OR '1'='1"])(
      'answers NOT_FOUND on userId for %j',
      async (userId) => {
        for (const query of [RESEND, REVOKE]) {
          const result = await owner.request(query, { userId });
          expect(codesOf(result)).toEqual(['NOT_FOUND']);
          expect(fieldOf(result)).toBe('userId');
        }
      },
    );
  });

  describe('resending', () => {
    it('mails a new link that works and voids the old one, which answers like any invalid link', async () => {
      const target = await invited();
      const first = await owner.ok<{ user: InvitationView }>(INVITATION_OF, { id: target.id });
      const started = Date.now();
      const { resendInvitation: view } = await owner.ok<{ resendInvitation: InvitationView }>(
        RESEND,
        { userId: target.id },
      );
      const mail = await mailbox.next(target.email);
      expect(mail.subject).toBe('You have been invited to Acme on Twofold');
      expect(mail.text).toContain('Any link in an earlier invitation no longer works.');
      const newer = linkToken(mail, 'invitation');
      expect(newer).not.toBe(target.token);

      const sentAt = new Date(view.invitation!.sentAt).getTime();
      expect(sentAt).toBeGreaterThanOrEqual(started - 1000);
      expect(sentAt).toBeGreaterThan(new Date(first.user.invitation!.sentAt).getTime());
      expect(new Date(view.invitation!.expiresAt).getTime() - sentAt).toBe(hours72);
      expect(view.invitedAt).toBe(view.invitation!.sentAt);

      const old = await accept(target.token!);
      const unknown = await accept('A'.repeat(43));
      expect(codesOf(old)).toEqual(['BAD_USER_INPUT']);
      expect(old.errors?.[0]?.extensions).toEqual(unknown.errors?.[0]?.extensions);
      expect(old.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

      expect((await accept(newer)).data).toEqual({ acceptInvitation: true });
      const after = await owner.ok<{ user: InvitationView }>(INVITATION_OF, { id: target.id });
      expect(after.user).toMatchObject({ status: UserStatus.ACTIVE, invitation: null });
      const events = await repo(AuditEvent).findBy({
        targetId: target.id,
        action: 'user.invitation_sent',
      });
      expect(events.map((e) => [e.actorUserId, e.details])).toEqual([
        [acme.owner.id, { resent: true, replacedPending: true, expiresInHours: 72 }],
      ]);
    });

    it('sends a first invitation to a user created without one, who can then join', async () => {
      const target = await invited(false);
      const created = await owner.ok<{ user: InvitationView }>(INVITATION_OF, { id: target.id });
      expect(created.user).toEqual({
        status: UserStatus.INVITED,
        invitedAt: null,
        invitation: null,
      });
      await owner.ok(RESEND, { userId: target.id });
      const mail = await mailbox.next(target.email);
      expect(mail.text).not.toContain('earlier invitation');
      expect((await accept(linkToken(mail, 'invitation'))).data).toEqual({
        acceptInvitation: true,
      });
      await signedIn(server.url, target.email, newPassword);
      const event = await repo(AuditEvent).findOneByOrFail({
        targetId: target.id,
        action: 'user.invitation_sent',
      });
      expect(event.details).toEqual({ resent: false, replacedPending: false, expiresInHours: 72 });
    });

    it('sends a new invitation after an expired one, and the table sees the expiry meanwhile', async () => {
      const target = await invited();
      const past = new Date(Date.now() - 1000);
      await repo(LinkToken).update({ userId: target.id }, { expiresAt: past });
      await repo(User).update({ id: target.id }, { invitationExpiresAt: past });
      const { users } = await owner.ok<{ users: { nodes: InvitationView[] } }>(
        `query ($search: String) { users(filter: { search: $search }) {
          nodes { status invitedAt invitation { sentAt expiresAt } } } }`,
        { search: target.email },
      );
      expect(users.nodes).toEqual([
        expect.objectContaining({
          invitation: expect.objectContaining({ expiresAt: past.toISOString() }),
        }),
      ]);
      await owner.ok(RESEND, { userId: target.id });
      const token = linkToken(await mailbox.next(target.email), 'invitation');
      expect((await accept(token)).data).toEqual({ acceptInvitation: true });
    });

    it('keeps exactly one link working when resends are released together', async () => {
      const target = await invited();
      const results = await releaseTogether(
        server.url,
        [1, 2, 3, 4].map(() => ({
          query: RESEND,
          variables: { userId: target.id },
          token: owner.token,
        })),
      );
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
      const tokens = [];
      for (let i = 0; i < 4; i++)
        tokens.push(linkToken(await mailbox.next(target.email), 'invitation'));
      expect(await pendingLinks(target.id)).toBe(1);
      // the one that works is the one the profile shows
      const stored = await repo(User).findOneByOrFail({ id: target.id });
      const pending = await repo(LinkToken).findOneByOrFail({
        userId: target.id,
        purpose: LinkPurpose.INVITATION,
        usedAt: IsNull(),
      });
      expect(stored.invitationExpiresAt).toEqual(pending.expiresAt);
      const accepted = [];
      for (const token of [target.token!, ...tokens]) {
        accepted.push((await accept(token)).data?.acceptInvitation === true);
      }
      expect(accepted.filter(Boolean)).toHaveLength(1);
      expect(accepted[0]).toBe(false);
    });

    it('keeps exactly one link working after aliases in one request', async () => {
      const target = await invited();
      const data = await owner.ok<Record<string, { id: string }>>(
        `mutation ($userId: ID!) {
          a: resendInvitation(userId: $userId) { id }
          b: resendInvitation(userId: $userId) { id }
        }`,
        { userId: target.id },
      );
      expect(Object.keys(data)).toEqual(['a', 'b']);
      const a = linkToken(await mailbox.next(target.email), 'invitation');
      const b = linkToken(await mailbox.next(target.email), 'invitation');
      expect(await pendingLinks(target.id)).toBe(1);
      expect(codesOf(await accept(a))).toEqual(['BAD_USER_INPUT']);
      expect((await accept(b)).data).toEqual({ acceptInvitation: true });
    });

    it(`sends at most ${invitationSendRule.limit} invitations per user and hour; refusals count nothing`, async () => {
      const target = await invited(false);
      const other = await invited(false);
      const active = byType.get(UserType.APP_REVIEWER)!.fixture.user.id;
      for (let i = 0; i < invitationSendRule.limit; i++) {
        await owner.ok(RESEND, { userId: target.id });
        // a refused send in between spends nothing
        expect(codesOf(await owner.request(RESEND, { userId: active }))).toEqual(['CONFLICT']);
      }
      const refused = await owner.request(RESEND, { userId: target.id });
      expect(codesOf(refused)).toEqual(['TOO_MANY_ATTEMPTS']);
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      for (let i = 0; i < invitationSendRule.limit; i++) await mailbox.next(target.email);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailbox.unread(target.email)).toEqual([]);
      // counted per user: another invitee is not held up
      await owner.ok(RESEND, { userId: other.id });
      await mailbox.next(other.email);
    });
  });

  describe('revoking', () => {
    it('voids the link, keeps the user INVITED with no invitation, mails nobody, and allows a new one', async () => {
      const target = await invited();
      const app = await repo(User).findOneByOrFail({ id: target.id });
      const { revokeInvitation: view } = await owner.ok<{ revokeInvitation: InvitationView }>(
        REVOKE,
        { userId: target.id },
      );
      expect(view).toMatchObject({ status: UserStatus.INVITED, invitation: null });
      expect(new Date(view.invitedAt!).getTime()).toBe(app.invitedAt!.getTime());
      expect(await pendingLinks(target.id)).toBe(0);
      const refused = await accept(target.token!);
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0]?.extensions?.reason).toBe('INVALID_LINK');
      expect((await repo(User).findOneByOrFail({ id: target.id })).status).toBe(UserStatus.INVITED);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailbox.unread(target.email)).toEqual([]);
      const event = await repo(AuditEvent).findOneByOrFail({
        targetId: target.id,
        action: 'user.invitation_revoked',
      });
      expect(event).toMatchObject({ actorUserId: acme.owner.id, details: { expired: false } });

      // revoked is not the end: a new invitation works
      await owner.ok(RESEND, { userId: target.id });
      const token = linkToken(await mailbox.next(target.email), 'invitation');
      expect((await accept(token)).data).toEqual({ acceptInvitation: true });
    });

    it('answers CONFLICT NO_PENDING_INVITATION when nothing is pending', async () => {
      for (const target of [await invited(false), await invited()]) {
        if (target.token) await owner.ok(REVOKE, { userId: target.id });
        const before = await stateOf(target.id);
        const result = await owner.request(REVOKE, { userId: target.id });
        expect(codesOf(result)).toEqual(['CONFLICT']);
        expect(reasonsOf(result)).toEqual(['NO_PENDING_INVITATION']);
        expect(fieldOf(result)).toBe('userId');
        expect(await stateOf(target.id)).toEqual(before);
      }
    });

    it('lets exactly one of a revocation and an acceptance released together through', async () => {
      for (let round = 0; round < 3; round++) {
        const target = await invited();
        // the acceptance reads the link, hashes the password, then uses the link: the revocation
        // usually lands in between, which must leave the read link worth nothing
        const [revoked, accepted] = (
          await releaseTogether(server.url, [
            { query: REVOKE, variables: { userId: target.id }, token: owner.token },
            { query: ACCEPT, variables: { token: target.token, password: newPassword } },
          ])
        ).map((answer) => ({ ...answer, errors: answer.errors as GraphQLErrorBody[] | undefined }));
        const user = await repo(User).findOneByOrFail({ id: target.id });
        if (accepted!.errors) {
          expect(codesOf(accepted!)).toEqual(['BAD_USER_INPUT']);
          expect(revoked!.errors).toBeUndefined();
          expect(user).toMatchObject({ status: UserStatus.INVITED, invitationExpiresAt: null });
        } else {
          expect(accepted!.data).toEqual({ acceptInvitation: true });
          expect(codesOf(revoked!)).toEqual(['CONFLICT']);
          expect(reasonsOf(revoked!)).toEqual(['NOT_INVITED']);
          expect(user).toMatchObject({ status: UserStatus.ACTIVE, invitationExpiresAt: null });
        }
        expect(await pendingLinks(target.id)).toBe(0);
      }
    });
  });

  describe('only for invited users', () => {
    it.each([
      ['an active user', UserStatus.ACTIVE],
      ['a user suspended before accepting', UserStatus.SUSPENDED],
    ])(
      'answers CONFLICT NOT_INVITED on userId for %s and changes nothing',
      async (_name, status) => {
        const target = await invited();
        if (status === UserStatus.ACTIVE) {
          await accept(target.token!);
        } else {
          await owner.ok(
            `mutation ($id: ID!) { updateUser(id: $id, input: { status: SUSPENDED }) { id } }`,
            {
              id: target.id,
            },
          );
        }
        const before = await stateOf(target.id);
        for (const query of [RESEND, REVOKE]) {
          const result = await owner.request(query, { userId: target.id });
          expect(codesOf(result)).toEqual(['CONFLICT']);
          expect(reasonsOf(result)).toEqual(['NOT_INVITED']);
          expect(fieldOf(result)).toBe('userId');
        }
        expect(await stateOf(target.id)).toEqual(before);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(mailbox.unread(target.email)).toEqual([]);
      },
    );
  });
});

describe('an invitation the mail server does not take', () => {
  let server: TestServer;
  beforeAll(async () => {
    // nothing listens on port 9 of loopback: the connection is refused at once
    server = await startTestServer({ env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers UNAVAILABLE and gives its count back', async () => {
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const invitee = await makeUser(server.services, acme.account, {
      status: UserStatus.INVITED,
      password: null,
    });
    for (let i = 0; i <= invitationSendRule.limit; i++) {
      const result = await owner.request(RESEND, { userId: invitee.user.id });
      expect(codesOf(result)).toEqual(['UNAVAILABLE']);
      expect(result.errors?.[0]?.message).toBe(
        'The invitation could not be mailed, and any earlier link no longer works. Try again in a moment.',
      );
    }
  });
});

describe('the migration to stored invitation state', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('fills the invitation of each profile from its links, or from its creation when they are gone', async () => {
    const { dataSource, services } = server;
    const acme = await makeAccount(services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const create = async (sendInvitation: boolean) =>
      (
        await owner.ok<{ createUser: { id: string } }>(CREATE_USER, {
          input: {
            email: randomEmail('old'),
            displayName: 'From before',
            userType: UserType.APP_REVIEWER,
            sendInvitation,
          },
        })
      ).createUser.id;
    const pending = await create(true);
    const purged = await create(true);
    const never = await create(false);
    const links = dataSource.getRepository(LinkToken);
    const pendingLink = await links.findOneByOrFail({ userId: pending });
    // the purge removed this one's link once it expired
    const purgedCreatedAt = (await dataSource.getRepository(User).findOneByOrFail({ id: purged }))
      .createdAt;
    await links.delete({ userId: purged });

    const executed = async () =>
      (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).map(
        (m) => m.name,
      );
    while ((await executed()).some((name) => name.startsWith('InvitationState'))) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    await runMigrations(dataSource);

    const users = dataSource.getRepository(User);
    expect(await users.findOneByOrFail({ id: pending })).toMatchObject({
      invitedAt: pendingLink.createdAt,
      invitationExpiresAt: pendingLink.expiresAt,
    });
    const gone = await users.findOneByOrFail({ id: purged });
    // the audit event is written in the same transaction, a moment after the profile
    expect(Math.abs(gone.invitedAt!.getTime() - purgedCreatedAt.getTime())).toBeLessThan(5000);
    expect(gone.invitationExpiresAt!.getTime() - gone.invitedAt!.getTime()).toBe(hours72);
    expect(await users.findOneByOrFail({ id: never })).toMatchObject({
      invitedAt: null,
      invitationExpiresAt: null,
    });
    expect(await users.findOneByOrFail({ id: acme.owner.id })).toMatchObject({
      invitedAt: null,
      invitationExpiresAt: null,
    });
  });
});
