import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SessionStage, UserType } from '@twofold/shared';
import { ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { finished } from '@twofold/testkit/process';
import { startSmtpServer, type TestMailbox } from '@twofold/testkit/smtp';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { Session } from '../src/modules/session/session.entity';
import { AuthenticatorFactor, BackupCode } from '../src/modules/two-factor/two-factor.entities';
import { type AccountFixture, makeAccount, makeUser } from './helpers/factories';
import { spawnServerScript } from './helpers/server-process';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';
import { startTestServer, type TestServer } from './helpers/test-server';

const BEGIN = `mutation { beginAuthenticatorEnrollment { otpauthUri } }`;
const CONFIRM = `mutation ($code: String!) {
  confirmAuthenticatorEnrollment(code: $code) { session { stage } }
}`;

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

async function enroll(api: ApiClient): Promise<void> {
  const begun = await api.ok<{ beginAuthenticatorEnrollment: { otpauthUri: string } }>(BEGIN);
  const secret = new URL(begun.beginAuthenticatorEnrollment.otpauthUri).searchParams.get('secret');
  const code = execFileSync('oathtool', ['--totp', '-b', secret ?? ''])
    .toString()
    .trim();
  await api.ok(CONFIRM, { code });
}

describe('`twofold reset-2fa` (break-glass)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let mailbox: TestMailbox;
  let server: TestServer;
  let acme: AccountFixture;
  let globex: AccountFixture;
  let ownerApi: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-cli-reset-'));
    mailbox = await startSmtpServer();
    server = await startTestServer({ database });
    acme = await makeAccount(server.services, 'Acme Break Glass');
    globex = await makeAccount(server.services, 'Globex Break Glass');
    ownerApi = await signedIn(server.url, acme.ownerEmail, acme.password);
    await enroll(ownerApi);
  });
  afterAll(async () => {
    await server.close();
    await mailbox.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    finished(
      spawnServerScript('cli.ts', ['reset-2fa', ...args], {
        ...envFor(database, dataDir),
        SMTP_URL: mailbox.url,
      }),
    );
  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const stateOf = async (userId: string) => ({
    factors: await repo(AuthenticatorFactor).countBy({ userId }),
    backupCodes: await repo(BackupCode).countBy({ userId }),
    sessions: await repo(Session).countBy({ userId }),
  });

  it.each([
    [
      'an unknown account',
      () => ['--email', acme.ownerEmail, '--account', 'no-such-account'],
      /^twofold: --account: Account "no-such-account" not found$/,
    ],
    [
      'a login with no profile in that account',
      () => ['--email', globex.ownerEmail, '--account', acme.account.slug],
      /^twofold: --email: A profile of \S+ in account "[a-z0-9-]+" not found$/,
    ],
    [
      'an unknown email',
      () => ['--email', 'nobody@example.test', '--account', acme.account.slug],
      /^twofold: --email: A profile of nobody@example.test in account "[a-z0-9-]+" not found$/,
    ],
    [
      'a malformed email',
      () => ['--email', 'not-an-email', '--account', acme.account.slug],
      /^twofold: invalid input: --email: Enter a valid email address$/,
    ],
    ['a missing option', () => ['--email', acme.ownerEmail], /^twofold: missing --account$/],
  ])('exits 1 with one line on %s and changes nothing', async (_name, args, line) => {
    const before = await stateOf(acme.owner.id);
    const events = await repo(AuditEvent).count();
    const result = await run(args());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(await stateOf(acme.owner.id)).toEqual(before);
    expect(before.factors).toBe(1);
    expect(await repo(AuditEvent).count()).toBe(events);
  });

  it('resets a locked-out owner: factors gone, signed out, audited without actor, mailed', async () => {
    // the same login in another account keeps its factor there
    const elsewhere = await makeUser(server.services, globex.account, {
      userType: UserType.APP_REVIEWER,
      email: acme.ownerEmail,
    });
    const elsewhereApi = new ApiClient(server.url);
    await elsewhereApi.signIn(acme.ownerEmail, acme.password);
    await elsewhereApi.ok(`mutation ($id: ID!) { selectProfile(userId: $id) { stage } }`, {
      id: elsewhere.user.id,
    });
    await enroll(elsewhereApi);
    const elsewhereBefore = await stateOf(elsewhere.user.id);
    expect(elsewhereBefore.factors).toBe(1);
    expect((await stateOf(acme.owner.id)).factors).toBe(1);

    const result = await run([
      '--email',
      acme.ownerEmail.toUpperCase(),
      '--account',
      acme.account.slug,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `reset two-factor authentication of ${acme.ownerEmail} in account ${acme.account.slug} ` +
        '(1 profile); sessions ended, they enroll again at their next sign-in\n',
    );

    expect(await stateOf(acme.owner.id)).toEqual({ factors: 0, backupCodes: 0, sessions: 0 });
    expect(await stateOf(elsewhere.user.id)).toEqual(elsewhereBefore);
    expect(codesOf(await ownerApi.request('{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);

    const events = await repo(AuditEvent).findBy({
      action: 'two_factor.reset',
      targetId: acme.owner.id,
    });
    expect(events).toEqual([
      expect.objectContaining({
        accountId: acme.account.id,
        actorUserId: null,
        actorIdentityId: null,
        details: { via: 'cli' },
      }),
    ]);

    const mail = await mailbox.next(acme.ownerEmail);
    expect(mail.text).toContain('was reset by an operator of Twofold.');

    // the owner signs in with the password alone again (2FA is optional for their type)
    const again = new ApiClient(server.url);
    const signIn = await again.signIn(acme.ownerEmail, acme.password);
    expect(signIn.data?.signIn.session.stage).toBe(SessionStage.PROFILE_SELECTION);
    const selected = await again.ok<{ selectProfile: { stage: SessionStage } }>(
      `mutation ($id: ID!) { selectProfile(userId: $id) { stage } }`,
      { id: acme.owner.id },
    );
    expect(selected.selectProfile.stage).toBe(SessionStage.ACTIVE);
  });
});
