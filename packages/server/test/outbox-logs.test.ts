import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserStatus, UserType } from '@twofold/shared';
import { simpleParser } from 'mailparser';
import { ApiClient, signedIn } from '@twofold/testkit/api-client';
import { linkToken } from '@twofold/testkit/smtp';
import { makeAccount, makeUser, randomEmail } from './helpers/factories';
import { startTestServer, type TestServer, capturingLogger } from './helpers/test-server';

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESEND = `mutation ($userId: ID!) { resendEnrollment(userId: $userId) }`;
const RESEND_INVITATION = `mutation ($userId: ID!) { resendInvitation(userId: $userId) { id } }`;

/**
 * docs/design.md, Security baseline: logs never hold a one-time link or token, in any environment. Without SMTP_URL the
 * mails go to the development outbox, the one place a developer reads the links from.
 */
describe('the development outbox and the logs', () => {
  let server: TestServer;
  const { logger, lines: logLines } = capturingLogger('trace');

  beforeAll(async () => {
    // trace: every line the server can write, not only what production's level would keep
    server = await startTestServer({ logger });
  });
  afterAll(async () => {
    await server.close();
  });

  const outbox = () => path.join(server.config.dataDir, 'outbox');

  /** The text of the one outbox mail sent to `email`; waits for mails sent without waiting. */
  async function mailTo(email: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const files = existsSync(outbox()) ? readdirSync(outbox()) : [];
      for (const file of files.filter((f) => f.endsWith('.eml'))) {
        const parsed = await simpleParser(readFileSync(path.join(outbox(), file)));
        if (JSON.stringify(parsed.to).includes(email)) return parsed.text ?? '';
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no outbox mail to ${email}`);
  }

  it('writes invitation, password-reset and enrollment links to the outbox, never to the log', async () => {
    expect(server.config.smtpUrl).toBeUndefined();
    const acme = await makeAccount(server.services);
    const owner = await signedIn(server.url, acme.ownerEmail, acme.password);

    const invited = randomEmail('invited');
    await owner.ok(CREATE_USER, {
      input: { email: invited, displayName: 'Invited', userType: UserType.APP_REVIEWER },
    });
    const existing = await makeUser(server.services, acme.account);
    await new ApiClient(server.url).ok(REQUEST_RESET, { email: existing.email });
    const enrolling = await makeUser(server.services, acme.account);
    await owner.ok(RESEND, { userId: enrolling.user.id });
    const reinvited = await makeUser(server.services, acme.account, {
      status: UserStatus.INVITED,
      password: null,
    });
    await owner.ok(RESEND_INVITATION, { userId: reinvited.user.id });

    const tokens = [
      linkToken({ text: await mailTo(invited) }, 'invitation'),
      linkToken({ text: await mailTo(existing.email) }, 'reset-password'),
      linkToken({ text: await mailTo(enrolling.email) }, 'enroll'),
      linkToken({ text: await mailTo(reinvited.email) }, 'invitation'),
    ];
    const logs = logLines.join('');
    // the search looks in the right place: the outbox lines are there, one per mail
    expect(logs.match(/mail written to the outbox/g)).toHaveLength(4);
    expect(tokens.filter((token) => logs.includes(token))).toEqual([]);
    expect(logs).not.toMatch(/\/(invitation|reset-password|enroll)\//);
    // and the recipients' addresses, which the outbox line has no need for
    for (const email of [invited, existing.email, enrolling.email, reinvited.email]) {
      expect(logs).not.toContain(email);
    }
  });
});
