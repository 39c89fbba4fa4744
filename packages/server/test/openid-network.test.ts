import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OpenIdFailure } from '@twofold/shared';
import { type ApiClient, codesOf, signedIn } from '@twofold/testkit/api-client';
import { startPageTarget } from '@twofold/testkit/oidc-provider';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { openIdStateCookieName } from '../src/http/openid-cookie';
import { IdentityProvider } from '../src/modules/openid/identity-provider.entity';
import type { LookupFunction } from '../src/modules/openid/provider-fetch';
import { makeAccount } from './helpers/factories';
import { testDialect } from './helpers/test-database';
import { capturingLogger, startTestServer, type TestServer } from './helpers/test-server';

/** A Twofold others reach: its providers must be on public addresses. */
const PUBLIC_URL = 'https://twofold.example';
/** The one loopback address the operator opened (OPENID_ALLOWED_NETWORKS): "the internet". */
const OPENED = '127.0.0.2';
const CLIENT_ID = 'twofold';

const CREATE = `mutation ($input: CreateIdentityProviderInput!) {
  createIdentityProvider(input: $input) { id }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateIdentityProviderInput!) {
  updateIdentityProvider(id: $id, input: $input) { id }
}`;

/** A self-signed certificate for the test's TLS listeners, made with the openssl CLI. */
function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=twofold-test',
      '-addext',
      `subjectAltName=IP:127.0.0.1,IP:${OPENED},DNS:id.loopback.test,DNS:mixed.loopback.test`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server?.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

describe(`OpenID providers cannot reach the server's own network (${testDialect})`, () => {
  let dir: string;
  let tls: { key: string; cert: string };
  /** A TLS listener on loopback that nothing may reach: it counts the connections it sees. */
  let trap: Server;
  let trapPort: number;
  let trapConnections = 0;
  /** A provider on the opened address; its discovery names what each variant needs. */
  let fake: Server;
  let fakeOrigin: string;
  let server: TestServer;
  let owner: ApiClient;
  const { logger, lines: logLines } = capturingLogger('info');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();

  /** Names under .loopback.test resolve to loopback, as an attacker's DNS would answer. */
  const lookup: LookupFunction = (hostname, options, callback) => {
    const answers: Record<string, { address: string; family: number }[]> = {
      'id.loopback.test': [{ address: '127.0.0.1', family: 4 }],
      // one public record and one on loopback: the loopback one must not be reachable
      'mixed.loopback.test': [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    };
    const list = answers[hostname];
    if (!list) {
      dns.lookup(hostname, options, callback as never);
      return;
    }
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };

  const trapUrl = (pathname: string, host = '127.0.0.1') =>
    `https://${host}:${trapPort}${pathname}`;

  function metadata(variant: string): Record<string, unknown> {
    const issuer = `${fakeOrigin}/t/${variant}`;
    return {
      issuer,
      authorization_endpoint:
        variant === 'foreign-authorize'
          ? 'https://attacker.example/authorize'
          : `${issuer}/authorize`,
      token_endpoint:
        variant === 'token-loopback'
          ? trapUrl('/token')
          : variant === 'token-named'
            ? trapUrl('/token', 'id.loopback.test')
            : `${issuer}/token`,
      jwks_uri: variant === 'jwks-loopback' ? trapUrl('/jwks') : `${issuer}/jwks`,
      userinfo_endpoint:
        variant === 'userinfo-loopback' ? trapUrl('/userinfo') : `${issuer}/userinfo`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  /** An ID token for the code, which carries the nonce of the authorization request. */
  function idToken(issuer: string, nonce: string, withEmail = true): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({
        iss: issuer,
        aud: CLIENT_ID,
        sub: 'someone',
        nonce,
        iat: now,
        exp: now + 300,
        // without them, the email is read from the userinfo endpoint
        ...(withEmail ? { email: 'nobody@example.test', email_verified: true } : {}),
      }),
    );
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    return `${header}.${payload}.${base64url(signer.sign(signingKey.privateKey))}`;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-oidc-net-'));
    tls = selfSignedCertificate(dir);
    trap = createServer(tls, (_request, response) => response.end('{}'));
    trap.on('connection', () => (trapConnections += 1));
    trapPort = await listen(trap, '127.0.0.1');
    fake = createServer(tls, (request, response) => {
      const url = new URL(request.url ?? '/', fakeOrigin);
      const [, , variant = '', ...rest] = url.pathname.split('/');
      const route = rest.join('/');
      const json = (body: unknown) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(body));
      };
      if (route === '.well-known/openid-configuration') {
        if (variant === 'redirect') {
          response.writeHead(302, { location: trapUrl('/.well-known/openid-configuration') });
          return response.end();
        }
        return json(metadata(variant));
      }
      if (route === 'jwks') {
        return json({
          keys: [
            { ...signingKey.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
          ],
        });
      }
      if (route === 'token') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const code = new URLSearchParams(body).get('code') ?? '';
          json({
            access_token: 'access',
            token_type: 'Bearer',
            expires_in: 300,
            id_token: idToken(`${fakeOrigin}/t/${variant}`, code, variant !== 'userinfo-loopback'),
          });
        });
        return;
      }
      response.statusCode = 404;
      response.end();
    });
    fakeOrigin = `https://${OPENED}:${await listen(fake, OPENED)}`;
    server = await startTestServer({
      env: { PUBLIC_URL, OPENID_ALLOWED_NETWORKS: `${OPENED}/32` },
      logger,
      providerNetwork: { lookup, ca: tls.cert },
    });
    const acme = await makeAccount(server.services, 'Acme');
    owner = await signedIn(server.url, acme.ownerEmail, acme.password);
  });
  afterAll(async () => {
    await server?.close();
    await close(trap);
    await close(fake);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    trapConnections = 0;
    // an account holds at most 10 providers
    await server.dataSource.getRepository(IdentityProvider).createQueryBuilder().delete().execute();
  });

  async function createProvider(issuerUrl: string): Promise<string> {
    const created = await owner.ok<{ createIdentityProvider: { id: string } }>(CREATE, {
      input: {
        displayName: `IdP ${randomUUID()}`,
        issuerUrl,
        clientId: CLIENT_ID,
        clientSecret: 's',
      },
    });
    return created.createIdentityProvider.id;
  }

  /** The sign-in button of Twofold's page; answers where the browser is sent, and its state. */
  async function start(providerId: string): Promise<{ location: string; state?: string }> {
    const response = await fetch(`${server.url}/oidc/start`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC_URL },
      body: new URLSearchParams({ provider: providerId }).toString(),
    });
    const state = /twofold_openid_[\w-]{16}=([^;]+)/.exec(
      response.headers.getSetCookie().join('\n'),
    )?.[1];
    // started: a page moving on to the provider; refused: a redirect to the sign-in page
    let location: string | null;
    if (response.status === 200) {
      location = startPageTarget(await response.text());
    } else {
      expect(response.status).toBe(303);
      location = response.headers.get('location');
    }
    return { location: location!, ...(state ? { state } : {}) };
  }

  /** The provider's answer brought back to the callback by the browser that started. */
  async function callback(state: string, code: string): Promise<string> {
    const response = await fetch(
      `${server.url}/oidc/callback?${new URLSearchParams({ code, state }).toString()}`,
      { redirect: 'manual', headers: { cookie: `${openIdStateCookieName(state)}=${state}` } },
    );
    expect(response.status).toBe(302);
    return response.headers.get('location')!;
  }

  async function lastFailure(providerId: string): Promise<AuditEvent> {
    const events = await server.dataSource
      .getRepository(AuditEvent)
      .find({ where: { targetId: providerId }, order: { createdAt: 'ASC' } });
    return events.at(-1)!;
  }

  const unreachable = `/sign-in?openIdError=${OpenIdFailure.PROVIDER_UNAVAILABLE}`;

  it.each([
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://017700000001/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://localhost/',
    'https://id.localhost/',
    'https://10.0.0.1/',
    'https://192.168.1.1/',
    'https://172.16.0.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/',
    'https://0.0.0.0/',
    'https://[::]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
  ])('refuses the issuer %s on save, naming the field', async (issuerUrl) => {
    const created = await owner.request(CREATE, {
      input: { displayName: 'Local', issuerUrl, clientId: CLIENT_ID, clientSecret: 's' },
    });
    expect(codesOf(created)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(created.errors?.[0]?.extensions)).toContain('input.issuerUrl');
    const id = await createProvider(`${fakeOrigin}/t/ok`);
    const updated = await owner.request(UPDATE, { id, input: { issuerUrl } });
    expect(codesOf(updated)).toEqual(['BAD_USER_INPUT']);
    expect(trapConnections).toBe(0);
  });

  it('starts a sign-in with a provider on a network the operator opened', async () => {
    const id = await createProvider(`${fakeOrigin}/t/ok`);
    const { location } = await start(id);
    expect(location.startsWith(`${fakeOrigin}/t/ok/authorize?`)).toBe(true);
  });

  it.each([
    ['a name that resolves to loopback', 'id.loopback.test'],
    ['a name with a public and a loopback address', 'mixed.loopback.test'],
  ])('never connects to %s', async (_, host) => {
    const id = await createProvider(`https://${host}:${trapPort}`);
    expect(await start(id)).toEqual({ location: unreachable });
    // the owner's test sign-in says no more than that
    const tested = await owner.request('mutation ($id: ID!) { testIdentityProvider(id: $id) }', {
      id,
    });
    expect(tested.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAVAILABLE',
      openIdFailure: OpenIdFailure.PROVIDER_UNAVAILABLE,
    });
    expect(JSON.stringify(tested.errors)).not.toMatch(/127\.0\.0\.1|ECONN|refused address/);
    expect(trapConnections).toBe(0);
    const failure = await lastFailure(id);
    // the audit log, which the owner reads, names the step and nothing of the network
    expect(failure.details).toEqual({
      reason: OpenIdFailure.PROVIDER_UNAVAILABLE,
      detail: 'discovery',
      provider: expect.any(String),
      outcome: 'failed',
    });
    // the operator's log says why
    expect(logLines.join('\n')).toContain('forbidden_address');
  });

  it.each([
    ['token endpoint', 'token-loopback'],
    ['token endpoint, by a name resolving to loopback,', 'token-named'],
    ['JWKS', 'jwks-loopback'],
    ['userinfo endpoint', 'userinfo-loopback'],
  ])('refuses a discovery document whose %s is on loopback, at connect', async (_, variant) => {
    const id = await createProvider(`${fakeOrigin}/t/${variant}`);
    const { location, state } = await start(id);
    const authorization = new URL(location);
    expect(authorization.origin).toBe(fakeOrigin);
    // the provider's answer: the code carries the request's nonce into its ID token
    expect(await callback(state!, authorization.searchParams.get('nonce')!)).toBe(unreachable);
    expect(trapConnections).toBe(0);
  });

  it('gets as far as the login when the keys are the provider’s own (the check above can fail)', async () => {
    const id = await createProvider(`${fakeOrigin}/t/ok`);
    const { location, state } = await start(id);
    const nonce = new URL(location).searchParams.get('nonce')!;
    // the ID token verified; nobody in the account has its email
    expect(await callback(state!, nonce)).toBe(
      `/sign-in?openIdError=${OpenIdFailure.UNKNOWN_USER}`,
    );
  });

  it('follows no redirect of a provider', async () => {
    const id = await createProvider(`${fakeOrigin}/t/redirect`);
    expect(await start(id)).toEqual({ location: unreachable });
    expect(trapConnections).toBe(0);
  });

  it('sends the browser only to an authorization endpoint on the issuer’s origin', async () => {
    const id = await createProvider(`${fakeOrigin}/t/foreign-authorize`);
    expect(await start(id)).toEqual({ location: unreachable });
  });
});
