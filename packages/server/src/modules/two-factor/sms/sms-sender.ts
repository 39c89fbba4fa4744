import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '@twofold/shared';
import type { Logger } from 'pino';
import type { Config } from '../../../config';
import { DomainError } from '../../../errors';

/** The provider did not take the message (down, timing out, refusing): nothing was sent. */
export class SmsUnavailableError extends DomainError {
  constructor() {
    super(
      ErrorCode.SMS_UNAVAILABLE,
      'Text messages cannot be sent right now. Try again in a moment or use another method.',
    );
  }
}

const TIMEOUT_MS = 5_000;

/**
 * Sends text messages through a Twilio-compatible Messages API (docs/design.md, Second-factor rules and Operations):
 * `POST {SMS_PROVIDER_URL}/Accounts/{sid}/Messages.json`, form fields To, From and Body, HTTP
 * basic auth. 5 s timeout, one retry on a 5xx or a timeout. Without a provider each message is
 * written to `<dataDir>/outbox/*.sms` (mode 0600) so `pnpm start` works — never to the log.
 */
export class SmsSender {
  constructor(private readonly deps: { config: Pick<Config, 'sms' | 'dataDir'>; logger: Logger }) {}

  async send(to: string, body: string): Promise<void> {
    const { providerUrl, accountSid, authToken, from } = this.deps.config.sms;
    if (!providerUrl || !accountSid || !authToken || !from) return this.writeToOutbox(to, body);
    const url = `${providerUrl.replace(/\/+$/, '')}/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    const request = {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
    };
    for (let attempt = 1; attempt <= 2; attempt++) {
      let status: number;
      try {
        const response = await fetch(url, { ...request, signal: AbortSignal.timeout(TIMEOUT_MS) });
        status = response.status;
        await response.body?.cancel();
      } catch (error) {
        // timed out or unreachable: worth one more try
        this.deps.logger.warn({ err: error, attempt }, 'SMS provider unreachable');
        continue;
      }
      if (status >= 200 && status < 300) return;
      this.deps.logger.warn({ status, attempt }, 'SMS provider refused the message');
      // a 4xx will not change on a retry (bad credentials, a number the provider refuses)
      if (status < 500) break;
    }
    throw new SmsUnavailableError();
  }

  private async writeToOutbox(to: string, body: string): Promise<void> {
    const dir = path.join(this.deps.config.dataDir, 'outbox');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.sms`);
    await writeFile(file, `To: ${to}\n\n${body}\n`, { mode: 0o600 });
    // where it went, not what it says: the number and the code stay in the file (docs/design.md, Security baseline)
    this.deps.logger.info({ file }, 'SMS written to the outbox (SMS_PROVIDER_URL is not set)');
  }
}
