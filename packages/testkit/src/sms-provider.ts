import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  from: string;
  body: string;
  /** The 6-digit code the message carries. */
  code: string;
}

/** How the provider answers the next requests. */
export type ProviderMode = 'ok' | 'fail' | 'hang';

export interface TestSmsProvider {
  /** Base URL, as `SMS_PROVIDER_URL`. */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Every accepted message, oldest first. */
  received: ReceivedSms[];
  /** Requests refused or answered with an error (wrong auth, bad form, told to fail). */
  refused: number;
  mode: ProviderMode;
  /** The newest message to `to`; throws when none came. */
  last(to: string): ReceivedSms;
  /** Environment variables for a test server using this provider. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A local HTTP server speaking the Twilio Messages API the way the product uses it:
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`, form fields To/From/Body, HTTP basic auth with
 * the account sid and token. It checks all of that, answers 201 with a message resource, and can
 * be told to fail (500) or to hang (no answer), to test the product's timeouts and retries.
 */
export async function startSmsProvider(): Promise<TestSmsProvider> {
  const accountSid = 'AC0123456789abcdef';
  const authToken = 'test-auth-token-5f3a';
  const from = '+15005550006';
  const received: ReceivedSms[] = [];
  const hanging = new Set<() => void>();
  const provider: TestSmsProvider = {
    url: '',
    accountSid,
    authToken,
    from,
    received,
    refused: 0,
    mode: 'ok',
    last(to) {
      const message = [...received].reverse().find((m) => m.to === to);
      if (!message) throw new Error(`no SMS to ${to}`);
      return message;
    },
    env() {
      return {
        SMS_PROVIDER_URL: `${provider.url}/2010-04-01`,
        SMS_ACCOUNT_SID: accountSid,
        SMS_AUTH_TOKEN: authToken,
        SMS_FROM: from,
      };
    },
    close: () =>
      new Promise((resolve) => {
        for (const release of hanging) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const answer = (status: number, json: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      if (provider.mode === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      const expectedPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
      const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      const form = new URLSearchParams(body);
      const [to, sender, text] = [form.get('To'), form.get('From'), form.get('Body')];
      if (request.method !== 'POST' || request.url !== expectedPath) {
        provider.refused += 1;
        return answer(404, { code: 20404, message: 'The requested resource was not found' });
      }
      if (request.headers.authorization !== expectedAuth) {
        provider.refused += 1;
        return answer(401, { code: 20003, message: 'Authentication Error' });
      }
      if (
        request.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
        !to ||
        !/^\+[1-9][0-9]{6,14}$/.test(to) ||
        sender !== from ||
        !text
      ) {
        provider.refused += 1;
        return answer(400, { code: 21604, message: 'A required parameter is missing or wrong' });
      }
      if (provider.mode === 'fail') {
        provider.refused += 1;
        return answer(500, { code: 20500, message: 'Internal Server Error' });
      }
      const code = /\b(\d{6})\b/.exec(text)?.[1] ?? '';
      received.push({ to, from: sender, body: text, code });
      answer(201, { sid: `SM${received.length}`, to, from: sender, body: text, status: 'queued' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
