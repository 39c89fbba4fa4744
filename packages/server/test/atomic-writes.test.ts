import { ErrorCode, Platform, SessionStage, UserStatus, UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { linkToken, startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import {
  BEGIN,
  CONFIRM,
  enroll,
  oathCode,
  parseOtpauth,
  stepOf,
} from '@twofold/testkit/two-factor';
import { App } from '../src/modules/app/app.entity';
import { type AccountFixture, makeAccount, makeUser, randomEmail } from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id status } }`;
const ACCEPT = `mutation ($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password)
}`;
const RESET = `mutation ($userId: ID!, $reason: String!) {
  resetTwoFactor(userId: $userId, reason: $reason) { id twoFactorStatus }
}`;

/**
 * Hardening point 8: every multi-step write is one transaction, so a failure at its last write
 * leaves nothing half-done. The last write of each operation below is its audit event; a trigger
 * in this test's own database makes that insert fail for the chosen action, the way a full disk,
 * a lost connection or a constraint would. Then no row of the database may differ from before.
 *
 * MariaDB/MySQL only: SQLite runs every transaction alone through one queue (sqlite-queue.ts,
 * with its own tests) and has no SIGNAL.
 */
(testDialect === 'mysql' ? describe : describe.skip)('multi-step writes on MariaDB', () => {
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let owner: ApiClient;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    server = await startTestServer({ env: { SMTP_URL: mailbox.url } });
    acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
    await server.dataSource.query(
      'CREATE TABLE fault_actions (action VARCHAR(64) PRIMARY KEY) ENGINE=InnoDB',
    );
    await server.dataSource.query(
      `CREATE TRIGGER audit_events_fault BEFORE INSERT ON audit_events FOR EACH ROW
       BEGIN
         IF EXISTS (SELECT 1 FROM fault_actions WHERE action = NEW.action) THEN
           SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault';
         END IF;
       END`,
    );
  });
  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  /** Every row of every table of the schema, by table, in a stable order. */
  async function everything(
    ignore: { table: string; column?: string }[] = [],
  ): Promise<Record<string, string[]>> {
    // every table of the schema (not information_schema: see retry.test.ts)
    const tables = [
      ...new Set([...server.dataSource.entityMetadatas.map((m) => m.tableName), 'migrations']),
    ]
      .sort()
      .map((name) => ({ name }));
    const snapshot: Record<string, string[]> = {};
    for (const { name } of tables) {
      if (ignore.some((i) => i.table === name && !i.column)) continue;
      const rows = await server.dataSource.query<Record<string, unknown>[]>(
        `SELECT * FROM \`${name}\``,
      );
      snapshot[name] = rows
        .map((row) => {
          for (const i of ignore) if (i.table === name && i.column) delete row[i.column];
          return JSON.stringify(row);
        })
        .sort();
    }
    return snapshot;
  }

  /** Runs `work` while the audit event `action` cannot be written. */
  async function withFailingAudit<T>(action: string, work: () => Promise<T>): Promise<T> {
    await server.dataSource.query('INSERT INTO fault_actions (action) VALUES (?)', [action]);
    try {
      return await work();
    } finally {
      await server.dataSource.query('DELETE FROM fault_actions WHERE action = ?', [action]);
    }
  }

  // sessions are touched by every request that reads them (idle expiry), not by the operations
  const touched = { table: 'sessions', column: 'lastSeenAt' };

  it('the trigger fails exactly the chosen audit event, as an unexpected server fault', async () => {
    const result = await withFailingAudit('app.created', () =>
      owner.request(
        `mutation { createApp(input: { name: "Doomed", platform: WEB, bundleId: "com.example.doomed", previewUrl: "https://example.com/p" }) { id } }`,
      ),
    );
    expect(codesOf(result)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(await server.dataSource.getRepository(App).countBy({ name: 'Doomed' })).toBe(0);
  });

  it('confirmAuthenticatorEnrollment: a failed audit event leaves the factor pending and the code unused', async () => {
    const { email, password } = await makeUser(server.services, acme.account, {
      requireTwoFactor: true,
    });
    const user = await signedIn(server.url, email, password);
    const begun = await user.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(BEGIN, {
      link: null,
    });
    const { secret } = parseOtpauth(begun.beginAuthenticatorEnrollment.otpauthUri);
    const code = oathCode(secret, stepOf(Date.now()));

    // the code check counts in the lockout before the transaction, on purpose (fails closed)
    const before = await everything([touched, { table: 'second_factor_guards' }]);
    const failed = await withFailingAudit('two_factor.enabled', () =>
      user.request(CONFIRM, { code }),
    );
    expect(codesOf(failed)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(await everything([touched, { table: 'second_factor_guards' }])).toEqual(before);

    // nothing was used up: the same code confirms once the database writes again
    const confirmed = await user.ok<{
      confirmAuthenticatorEnrollment: { backupCodes: string[]; session: { stage: string } };
    }>(CONFIRM, { code });
    expect(confirmed.confirmAuthenticatorEnrollment.session.stage).toBe(SessionStage.ACTIVE);
    expect(confirmed.confirmAuthenticatorEnrollment.backupCodes).toHaveLength(10);
  });

  it('resetTwoFactor: a failed audit event leaves factors, backup codes and sessions in place', async () => {
    const target = await makeUser(server.services, acme.account, {
      userType: UserType.APP_REVIEWER,
      requireTwoFactor: true,
    });
    const targetApi = await signedIn(server.url, target.email, target.password);
    await enroll(targetApi);
    await mailbox.next(target.email); // "two-factor authentication enabled"

    const before = await everything([touched]);
    const failed = await withFailingAudit('two_factor.reset', () =>
      owner.request(RESET, { userId: target.user.id, reason: 'Lost phone' }),
    );
    expect(codesOf(failed)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(await everything([touched])).toEqual(before);
    // the target's session still works
    expect(
      (await targetApi.ok<{ session: { stage: string } }>('{ session { stage } }')).session,
    ).toEqual({ stage: SessionStage.ACTIVE });

    const reset = await owner.ok<{ resetTwoFactor: { twoFactorStatus: string } }>(RESET, {
      userId: target.user.id,
      reason: 'Lost phone',
    });
    expect(reset.resetTwoFactor.twoFactorStatus).not.toBe('ENROLLED');
  });

  it('acceptInvitation: a failed audit event leaves the link usable, the login without password, the profile INVITED', async () => {
    const email = randomEmail('invitee');
    const created = await owner.ok<{ createUser: { id: string; status: string } }>(CREATE_USER, {
      input: { email, displayName: 'Invitee', userType: UserType.APP_REVIEWER },
    });
    expect(created.createUser.status).toBe(UserStatus.INVITED);
    const token = linkToken(await mailbox.next(email), 'invitation');

    const before = await everything([touched]);
    const failed = await withFailingAudit('user.invitation_accepted', () =>
      new ApiClient(server.url).request(ACCEPT, { token, password: 'a brand new passphrase' }),
    );
    expect(codesOf(failed)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(await everything([touched])).toEqual(before);

    const accepted = await new ApiClient(server.url).ok<{ acceptInvitation: boolean }>(ACCEPT, {
      token,
      password: 'a brand new passphrase',
    });
    expect(accepted.acceptInvitation).toBe(true);
    await signedIn(server.url, email, 'a brand new passphrase');
  });

  it('createUser with apps: a failed audit event leaves no login, profile or app assignment', async () => {
    const apps = await server.dataSource.getRepository(App).save(
      ['One', 'Two'].map((name) =>
        server.dataSource.getRepository(App).create({
          accountId: acme.account.id,
          name,
          platform: Platform.WEB,
          bundleId: `com.example.${name.toLowerCase()}`,
          previewUrl: 'https://example.com/preview',
          createdAt: new Date(),
        }),
      ),
    );
    const input = {
      email: randomEmail('new'),
      displayName: 'New Person',
      userType: UserType.APP_REVIEWER,
      appIds: apps.map((a) => a.id),
      sendInvitation: false,
    };

    const before = await everything([touched]);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['audit_events', 'identities', 'user_apps', 'users']),
    );
    const failed = await withFailingAudit('user.created', () =>
      owner.request(CREATE_USER, { input }),
    );
    expect(codesOf(failed)).toEqual([ErrorCode.INTERNAL_SERVER_ERROR]);
    expect(await everything([touched])).toEqual(before);

    const created = await owner.ok<{ createUser: { id: string } }>(CREATE_USER, { input });
    const assigned = await server.dataSource.query<{ n: number | string }[]>(
      'SELECT COUNT(*) AS n FROM user_apps WHERE userId = ?',
      [created.createUser.id],
    );
    expect(Number(assigned[0]?.n)).toBe(2);
  });
});
