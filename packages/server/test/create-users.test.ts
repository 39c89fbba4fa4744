import { Platform, UserStatus, UserType } from '@twofold/shared';
import { type ApiClient, codesOf, type GraphQLResult, signedIn } from '@twofold/testkit/api-client';
import { releaseTogether } from '@twofold/testkit/release-together';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { App, UserApp } from '../src/modules/app/app.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Identity } from '../src/modules/identity/identity.entity';
import { LinkToken } from '../src/modules/link-token/link-token.entity';
import { User } from '../src/modules/user/user.entity';
import { type AccountFixture, makeAccount, makeUser, randomEmail } from './helpers/factories';
import { StatementLog } from './helpers/statement-log';
import { startTestServer, type TestServer } from './helpers/test-server';

const CREATE_USERS = `mutation ($inputs: [CreateUserInput!]!) {
  createUsers(inputs: $inputs) { id email displayName userType status requireTwoFactor apps { id } }
}`;

interface Created {
  id: string;
  email: string;
  displayName: string;
  userType: UserType;
  status: UserStatus;
  requireTwoFactor: boolean;
  apps: { id: string }[];
}

function errorOf(result: GraphQLResult<unknown>) {
  const extensions = result.errors?.[0]?.extensions ?? {};
  return {
    code: extensions.code,
    field: extensions.field ?? (extensions.fields as { field: string }[] | undefined)?.[0]?.field,
    reason: extensions.reason,
  };
}

/** `n` new profiles of one batch, tagged so that batches never share an email. */
function batch(n: number, tag: string, extra: Record<string, unknown> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    email: `person${i}.${tag}@import.test`,
    displayName: `Person ${i} ${tag}`,
    userType: UserType.APP_REVIEWER,
    sendInvitation: false,
    ...extra,
  }));
}

describe('createUsers: an import of many profiles at once', () => {
  const log = new StatementLog();
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;
  let app: App;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url }, queryLogger: log });
    acme = await makeAccount(server.services, 'Importers');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    const apps = server.dataSource.getRepository(App);
    app = await apps.save(
      apps.create({
        accountId: acme.account.id,
        name: 'Imported app',
        platform: Platform.WEB,
        bundleId: 'com.example.imported',
        previewUrl: 'https://example.com/preview',
        createdAt: new Date(),
      }),
    );
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
  });

  /** What the account holds, to show that a refused batch wrote nothing. */
  async function footprint() {
    const { dataSource } = server;
    return {
      users: await dataSource.getRepository(User).countBy({ accountId: acme.account.id }),
      identities: await dataSource.getRepository(Identity).count(),
      events: await dataSource.getRepository(AuditEvent).countBy({ accountId: acme.account.id }),
      links: await dataSource.getRepository(LinkToken).count(),
      assignments: await dataSource.getRepository(UserApp).count(),
    };
  }

  it('creates every profile in order, each as createUser would, and mails the invited ones', async () => {
    // a login that already signs in elsewhere gains a profile here, as with createUser
    const other = await makeAccount(server.services, 'Elsewhere');
    const existing = await makeUser(server.services, other.account, {
      userType: UserType.ADMINISTRATOR,
    });
    const invitee = randomEmail();
    const inputs = [
      {
        email: invitee.toUpperCase(),
        displayName: 'Ivy Invited',
        userType: UserType.APP_ADMINISTRATOR,
        appIds: [app.id],
      },
      {
        email: existing.email,
        displayName: 'Known Elsewhere',
        userType: UserType.APP_REVIEWER,
        requireTwoFactor: true,
        sendInvitation: false,
      },
      {
        email: invitee,
        displayName: 'Ivy Reviewer',
        userType: UserType.APP_REVIEWER,
        sendInvitation: false,
      },
    ];
    const result = await owner.request<{ createUsers: Created[] }>(CREATE_USERS, { inputs });
    expect(result.errors).toBeUndefined();
    const created = result.data!.createUsers;
    expect(created.map((u) => [u.email, u.displayName, u.userType, u.status])).toEqual([
      [invitee, 'Ivy Invited', UserType.APP_ADMINISTRATOR, UserStatus.INVITED],
      [existing.email, 'Known Elsewhere', UserType.APP_REVIEWER, UserStatus.INVITED],
      [invitee, 'Ivy Reviewer', UserType.APP_REVIEWER, UserStatus.INVITED],
    ]);
    expect(created[0]!.apps).toEqual([{ id: app.id }]);
    expect(created[1]!.requireTwoFactor).toBe(true);

    // one login for the email given twice; the existing login keeps its one identity
    const users = server.dataSource.getRepository(User);
    const rows = await users.findBy(created.map((u) => ({ id: u.id })));
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(created[0]!.id)!.identityId).toBe(byId.get(created[2]!.id)!.identityId);
    expect(byId.get(created[1]!.id)!.identityId).toBe(existing.user.identityId);
    expect(byId.get(created[1]!.id)!.twoFactorDeadline).not.toBeNull();

    // an audit event each; a link and a mail only for the invited one
    const events = await server.dataSource
      .getRepository(AuditEvent)
      .findBy(created.map((u) => ({ action: 'user.created', targetId: u.id })));
    expect(events).toHaveLength(3);
    const mail = await mailbox.next(invitee);
    const token = linkToken(mail, 'invitation');
    expect(token).toBeTruthy();
    expect(mailbox.unread(invitee)).toHaveLength(0);
    expect(mailbox.unread(existing.email)).toHaveLength(0);
  });

  it('sends one INSERT per table for 5 profiles or 200', async () => {
    const statementsOf = async (n: number, tag: string) => {
      log.statements = [];
      const result = await owner.request<{ createUsers: Created[] }>(CREATE_USERS, {
        inputs: batch(n, tag, { sendInvitation: true, appIds: [app.id] }),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.createUsers).toHaveLength(n);
      return log.statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s)).length;
    };
    const five = await statementsOf(5, 'five');
    const many = await statementsOf(200, 'many');
    expect(many).toBe(five);
    // identities, users, app assignments, audit events, invitation links
    expect(five).toBe(5);
  });

  it.each([
    ['no input', [], 'inputs', 'BAD_USER_INPUT'],
    ['more than 500', batch(501, 'over'), 'inputs', 'BAD_USER_INPUT'],
    [
      'a bad email in the middle',
      [...batch(2, 'bad-a'), { ...batch(1, 'bad-b')[0]!, email: 'not an email' }],
      'inputs.2.email',
      'BAD_USER_INPUT',
    ],
    [
      'the same email and type twice',
      [...batch(2, 'twice'), batch(2, 'twice')[1]!],
      'inputs.2.email',
      'CONFLICT',
    ],
  ])('refuses %s, naming the input, and writes nothing', async (_name, inputs, field, code) => {
    const before = await footprint();
    const result = await owner.request(CREATE_USERS, { inputs });
    expect(errorOf(result)).toMatchObject({ code, field });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a profile the account already has, and an app it does not, writing nothing', async () => {
    const taken = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const other = await makeAccount(server.services, 'Not yours');
    const before = await footprint();
    const duplicate = await owner.request(CREATE_USERS, {
      inputs: [...batch(3, 'dup'), { ...batch(1, 'dup-x')[0]!, email: taken.email }],
    });
    expect(errorOf(duplicate)).toEqual({
      code: 'CONFLICT',
      field: 'inputs.3.email',
      reason: 'DUPLICATE_PROFILE',
    });
    const apps = server.dataSource.getRepository(App);
    const foreign = await apps.save(
      apps.create({
        accountId: other.account.id,
        name: 'Foreign',
        platform: Platform.WEB,
        bundleId: 'com.example.foreign',
        previewUrl: 'https://example.com/preview',
        createdAt: new Date(),
      }),
    );
    const wrongApp = await owner.request(CREATE_USERS, {
      inputs: [...batch(1, 'app'), { ...batch(1, 'app-x')[0]!, appIds: [app.id, foreign.id] }],
    });
    expect(errorOf(wrongApp)).toMatchObject({ code: 'NOT_FOUND', field: 'inputs.1.appIds' });
    expect(await footprint()).toEqual(before);
  });

  it('is for owners and administrators only', async () => {
    const reviewer = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
    });
    const client = await signedIn(server.url, reviewer.email, reviewer.password);
    const before = await footprint();
    expect(codesOf(await client.request(CREATE_USERS, { inputs: batch(2, 'denied') }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await footprint()).toEqual(before);
  });

  it('of two imports racing for one profile, one stores everything and the other nothing', async () => {
    const shared = batch(1, 'race-shared')[0]!;
    const answers = await releaseTogether(server.url, [
      {
        query: CREATE_USERS,
        variables: { inputs: [...batch(3, 'race-a'), shared] },
        token: owner.token,
      },
      {
        query: CREATE_USERS,
        variables: { inputs: [...batch(3, 'race-b'), shared] },
        token: owner.token,
      },
    ]);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const users = server.dataSource.getRepository(User);
    const stored = async (tag: string) =>
      (await users.find({ where: { accountId: acme.account.id }, select: { displayName: true } }))
        .map((u) => u.displayName)
        .filter((name) => name.endsWith(` ${tag}`)).length;
    expect((await stored('race-a')) + (await stored('race-b'))).toBe(3);
    expect(await stored('race-shared')).toBe(1);
  });
});
