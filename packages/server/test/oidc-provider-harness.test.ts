import { createHash, createPublicKey, type JsonWebKey, randomBytes, verify } from 'node:crypto';
import { startOidcProvider, type TestOidcProvider } from '@twofold/testkit/oidc-provider';

// Nothing listens here: signIn returns the redirect without following it.
const redirectUri = 'http://127.0.0.1:9/callback';
const client = {
  client_id: 'twofold-test',
  client_secret: 'harness-secret',
  redirect_uris: [redirectUri],
};

interface TokenResponse {
  id_token: string;
  access_token: string;
  token_type: string;
}

/** The three base64url parts of a compact JWS. */
function jwtParts(jwt: string): { header: string; payload: string; signature: string } {
  const [header, payload, signature, ...rest] = jwt.split('.');
  if (!header || !payload || !signature || rest.length) throw new Error(`not a JWS: ${jwt}`);
  return { header, payload, signature };
}

const decodeJson = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

const decodePayload = (jwt: string) => decodeJson(jwtParts(jwt).payload);

describe('test OIDC provider harness (oidc-provider in a child process)', () => {
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({ clients: [client] });
    await provider.setAccount({
      login: 'ada',
      sub: 'sub-ada-1',
      email: 'ada@example.test',
      email_verified: true,
      name: 'Ada Lovelace',
      amr: ['pwd', 'otp'],
    });
    await provider.setAccount({
      login: 'grace',
      sub: 'sub-grace-2',
      email: 'grace@example.test',
      email_verified: false,
      name: 'Grace Hopper',
      acr: 'urn:twofold:test:mfa',
    });
  });
  afterAll(async () => {
    await provider?.close();
  });
  afterEach(async () => {
    await provider.setMode('ok');
  });

  /** A fresh authorization request with PKCE; returns its URL and the values to check/redeem. */
  function authorizationRequest(scope = 'openid email') {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const nonce = randomBytes(8).toString('hex');
    const url = new URL(`${provider.issuer}/auth`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: redirectUri,
      scope,
      state,
      nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.href, verifier, state, nonce };
  }

  /** Signs in as ada and redeems the code at the token endpoint (client_secret_basic). */
  async function signInAndRedeem(login = 'ada', scope?: string) {
    const request = authorizationRequest(scope);
    const callback = new URL(await provider.signIn(request.url, login));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toEqual(expect.any(String));

    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    const response = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: redirectUri,
        code_verifier: request.verifier,
      }),
    });
    expect(response.status).toBe(200);
    return { request, tokens: (await response.json()) as TokenResponse };
  }

  /** Verifies an RS256 JWT against the provider's published JWKS. */
  async function signatureVerifies(jwt: string): Promise<boolean> {
    const discovery = (await (
      await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string };
    const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const { header, payload, signature } = jwtParts(jwt);
    const { kid, alg } = decodeJson(header);
    expect(alg).toBe('RS256');
    const jwk = keys.find((key) => key.kid === kid);
    if (!jwk) return false;
    return verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(signature, 'base64url'),
    );
  }

  it('runs the authorization code flow with PKCE and puts the account claims and amr in the ID token', async () => {
    const { request, tokens } = await signInAndRedeem();
    expect(tokens.token_type).toBe('Bearer');
    const claims = decodePayload(tokens.id_token);
    expect(claims).toMatchObject({
      iss: provider.issuer,
      aud: client.client_id,
      sub: 'sub-ada-1',
      email: 'ada@example.test',
      email_verified: true,
      nonce: request.nonce,
      amr: ['pwd', 'otp'],
    });
    // name belongs to the profile scope, which was not requested
    expect(claims).not.toHaveProperty('name');
    await expect(signatureVerifies(tokens.id_token)).resolves.toBe(true);
  });

  it('puts acr (when the account has one) and the profile name in the ID token', async () => {
    const { tokens } = await signInAndRedeem('grace', 'openid email profile');
    const claims = decodePayload(tokens.id_token);
    expect(claims).toMatchObject({
      sub: 'sub-grace-2',
      email_verified: false,
      name: 'Grace Hopper',
      acr: 'urn:twofold:test:mfa',
    });
    expect(claims).not.toHaveProperty('amr');
  });

  it('tamper-id-token: the ID token stays well-formed but its signature no longer verifies', async () => {
    await provider.setMode('tamper-id-token');
    const { tokens } = await signInAndRedeem();
    expect(decodePayload(tokens.id_token)).toMatchObject({ sub: 'sub-ada-1' });
    await expect(signatureVerifies(tokens.id_token)).resolves.toBe(false);
  });

  it('down: discovery answers 503', async () => {
    await provider.setMode('down');
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(503);
  });

  it('cancel returns to the client with error=access_denied', async () => {
    const request = authorizationRequest();
    const callback = new URL(await provider.cancel(request.url));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('rejects an unknown login on the sign-in page', async () => {
    await expect(provider.signIn(authorizationRequest().url, 'nobody')).rejects.toThrow(
      /Unknown login/,
    );
  });
});
