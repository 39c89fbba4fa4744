import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './process';

/** A client registered at the test provider (confidential, authorization code + PKCE S256). */
export interface TestOidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Defaults to client_secret_basic. */
  token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post';
}

/** An end-user the provider knows, signed in by typing `login` on its sign-in page. */
export interface TestOidcAccount {
  login: string;
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  /** Becomes the ID token's `amr` claim. */
  amr?: string[];
  /** Becomes the ID token's `acr` claim. */
  acr?: string;
  /** The ID token carries no email: only the userinfo endpoint gives it. */
  userinfoOnly?: boolean;
}

/**
 * How the provider behaves: `ok`; `tamper-id-token` (the token endpoint's `id_token` gets an
 * altered payload, so its signature no longer verifies); `wrong-nonce` (re-signed with another
 * nonce); `stale-auth-time` (re-signed with an `auth_time` an hour old); `down` (every endpoint
 * answers 503).
 */
export type TestOidcMode = 'ok' | 'tamper-id-token' | 'wrong-nonce' | 'stale-auth-time' | 'down';

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`; discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  /** Adds or replaces the account with this login. */
  setAccount(account: TestOidcAccount): Promise<void>;
  setMode(mode: TestOidcMode): Promise<void>;
  /** The query parameters of the authorization requests the provider received, newest last. */
  authorizationRequests(): Promise<Record<string, string>[]>;
  /**
   * Plays the browser: opens the authorization URL, signs in as `login` and follows the provider's
   * redirects. Returns (without requesting it) the first redirect leaving the provider, i.e. the
   * client's redirect_uri with `code`, `state` and `iss`, or with `error`.
   */
  signIn(authorizationUrl: string, login: string): Promise<string>;
  /** Like signIn, but presses Cancel; the returned URL carries `error=access_denied`. */
  cancel(authorizationUrl: string): Promise<string>;
  close(): Promise<void>;
}

// Not oidc-provider.mjs: jest resolves an extensionless './oidc-provider' to .mjs before .ts.
const script = path.join(__dirname, 'oidc-provider-process.mjs');

/** Starts oidc-provider in a child process on a free loopback port. */
export async function startOidcProvider(options: {
  clients: TestOidcClient[];
}): Promise<TestOidcProvider> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      OIDC_TEST_CONFIG: JSON.stringify({ port, clients: options.clients }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const issuer = await waitForReady(child);

  const control = async (route: string, body: unknown): Promise<void> => {
    const response = await fetch(`${issuer}/__test/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  };

  return {
    issuer,
    setAccount: (account) => control('accounts', account),
    setMode: (mode) => control('mode', { mode }),
    authorizationRequests: async () => {
      const response = await fetch(`${issuer}/__test/authorization-requests`, { method: 'POST' });
      if (!response.ok) throw new Error(`authorization-requests: ${response.status}`);
      return (await response.json()) as Record<string, string>[];
    },
    signIn: (authorizationUrl, login) =>
      browse(issuer, authorizationUrl, { action: 'login', body: { login } }),
    cancel: (authorizationUrl) => browse(issuer, authorizationUrl, { action: 'abort', body: {} }),
    close: () => stop(child),
  };
}

/** Resolves with the issuer once the child prints `READY <issuer>`. */
function waitForReady(child: ChildProcess, timeoutMs = 15_000): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`test OIDC provider ${reason}\n${stdout}${stderr}`));
    };
    const onExit = (code: number | null) => fail(`exited (${code}) before READY`);
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const issuer = /^READY (\S+)$/m.exec(stdout)?.[1];
      if (issuer) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(issuer);
      }
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A minimal cookie jar for one origin: honours Path and deletion, nothing else. */
class CookieJar {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let cookiePath = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        const lower = key.toLowerCase();
        if (lower === 'path') cookiePath = attributeValue;
        if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
        if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
      }
      const key = `${name};${cookiePath}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path: cookiePath });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter(
        ({ path: cookiePath }) =>
          url.pathname === cookiePath ||
          (url.pathname.startsWith(cookiePath) &&
            (cookiePath.endsWith('/') || url.pathname[cookiePath.length] === '/')),
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }
}

/**
 * Walks the provider's redirects from the authorization URL; on the sign-in page it submits the
 * chosen form once. Returns the first Location outside the issuer's origin.
 */
async function browse(
  issuer: string,
  authorizationUrl: string,
  choice: { action: 'login' | 'abort'; body: Record<string, string> },
): Promise<string> {
  const origin = new URL(issuer).origin;
  const jar = new CookieJar();
  const request = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const cookie = jar.header(url);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    jar.store(response);
    return response;
  };

  let url = new URL(authorizationUrl);
  let response = await request(url);
  let submitted = false;
  for (let step = 0; step < 20; step += 1) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      url = new URL(location, url);
      if (url.origin !== origin) return url.href;
      response = await request(url);
      continue;
    }
    const body = await response.text();
    const onSignInPage = response.status === 200 && /^\/interaction\/[^/]+$/.test(url.pathname);
    if (!onSignInPage || submitted) {
      const alert = /<p role="alert">([^<]*)<\/p>/.exec(body)?.[1];
      throw new Error(
        `test OIDC provider: unexpected ${response.status} at ${url.href}: ${alert ?? body.slice(0, 500)}`,
      );
    }
    submitted = true;
    url = new URL(`${url.pathname}/${choice.action}`, url);
    response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(choice.body).toString(),
    });
  }
  throw new Error(`test OIDC provider: too many redirects from ${authorizationUrl}`);
}

/**
 * Where Twofold's start page sends the browser on to (its refresh), as a browser reads it; null
 * when the page has none.
 */
export function startPageTarget(html: string): string | null {
  const content = /<meta http-equiv="refresh" content="0;url=([^"]*)">/.exec(html)?.[1];
  return content === undefined
    ? null
    : content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
