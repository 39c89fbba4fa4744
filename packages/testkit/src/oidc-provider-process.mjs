// A real OpenID Connect provider (oidc-provider 9) for tests, run as a child process so that jest
// never loads the ESM-only package. Started by oidc-provider.ts; config comes from the
// OIDC_TEST_CONFIG env var: { port, clients: [{ client_id, client_secret, redirect_uris }] }.
// Prints `READY <issuer>` once listening. Test-only control endpoints live under /__test.
import { createSign, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');
if (!Number.isInteger(config.port) || !Array.isArray(config.clients)) {
  throw new Error('OIDC_TEST_CONFIG must be JSON { port, clients: [...] }');
}

const issuer = `http://127.0.0.1:${config.port}`;
const supportedScopes = ['openid', 'email', 'profile'];

/** Accounts by login: { sub, email, email_verified, name, amr?, acr? }. */
const accounts = new Map();
/** 'ok' | 'tamper-id-token' | 'wrong-nonce' | 'stale-auth-time' | 'down' */
let mode = 'ok';
/** The query of each authorization request, newest last (the last 20). */
const authorizationRequests = [];

function accountBySub(sub) {
  for (const account of accounts.values()) if (account.sub === sub) return account;
  return undefined;
}

// A fresh RS256 signing key per run (jose is not resolvable from here; node:crypto suffices).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: randomUUID(),
  use: 'sig',
  alg: 'RS256',
};

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: client.token_endpoint_auth_method ?? 'client_secret_basic',
  })),
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  scopes: supportedScopes,
  // acr/amr/auth_time ride on the openid scope so they reach the ID token whenever the login set
  // them, without the client having to request them (acr_values is not needed for acr).
  claims: {
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Scope claims go into the ID token itself, not only to userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true }, // oidc-provider 9 only supports S256
  features: { devInteractions: { enabled: false }, claimsParameter: { enabled: true } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  ttl: {
    AccessToken: 300,
    AuthorizationCode: 60,
    Grant: 600,
    IdToken: 300,
    Interaction: 600,
    Session: 600,
  },
  async findAccount(_ctx, id) {
    const account = accountBySub(id);
    if (!account) return undefined;
    return {
      accountId: id,
      // `userinfoOnly`: the email reaches the client through userinfo only, as the code flow's
      // default allows (OpenID Connect Core §5.4)
      claims: (use) => ({
        sub: account.sub,
        ...(use === 'id_token' && account.userinfoOnly
          ? {}
          : { email: account.email, email_verified: account.email_verified }),
        name: account.name,
      }),
    };
  },
});

// 'tamper-id-token': rewrite the token response's ID token payload (adds a claim) and keep the
// original signature, so the JWT stays well-formed but no longer verifies.
// 'wrong-nonce': re-sign the ID token with the provider's own key but another nonce, as a token
// minted for another authorization request would carry: the signature verifies, the nonce not.
// 'stale-auth-time': re-sign the ID token with an auth_time an hour old, as a provider that kept
// an old session and ignored max_age would send.
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth') {
    authorizationRequests.push({ ...ctx.query });
    authorizationRequests.splice(0, authorizationRequests.length - 20);
  }
  await next();
  if (!['tamper-id-token', 'wrong-nonce', 'stale-auth-time'].includes(mode)) return;
  if (ctx.path !== '/token') return;
  const body = ctx.body;
  if (body && typeof body === 'object' && typeof body.id_token === 'string') {
    const [header, payload, signature] = body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (mode === 'tamper-id-token') {
      const tampered = Buffer.from(JSON.stringify({ ...claims, tampered: true })).toString(
        'base64url',
      );
      ctx.body = { ...body, id_token: [header, tampered, signature].join('.') };
      return;
    }
    const changed =
      mode === 'wrong-nonce'
        ? { ...claims, nonce: 'another-request' }
        : { ...claims, auth_time: Math.floor(Date.now() / 1000) - 3600 };
    const other = Buffer.from(JSON.stringify(changed)).toString('base64url');
    const resigned = createSign('RSA-SHA256')
      .update(`${header}.${other}`)
      .sign(privateKey)
      .toString('base64url');
    ctx.body = { ...body, id_token: [header, other, resigned].join('.') };
  }
});

const escapeHtml = (value) =>
  String(value).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char],
  );

function loginPage(uid, { error, login = '' } = {}) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body>
<main>
<h1>Test provider sign-in</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Login</label>
<input id="login" name="login" type="text" autocomplete="username" value="${escapeHtml(login)}" autofocus>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button type="submit">Cancel</button>
</form>
</main>
</body>
</html>`;
}

function send(res, status, body, type = 'application/json') {
  const text = type === 'application/json' ? JSON.stringify(body) : body;
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Grants what the interaction asks for: on the consent prompt its missing scopes/claims, otherwise
 * (at login) every requested supported scope and claims-parameter claim, so one click suffices.
 */
async function grantConsent(interaction, accountId) {
  const { prompt, params } = interaction;
  let grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  if (grant?.accountId !== accountId) {
    grant = new provider.Grant({ accountId, clientId: params.client_id });
  }
  if (prompt.name === 'consent') {
    const { missingOIDCScope, missingOIDCClaims } = prompt.details;
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  } else {
    const scopes = String(params.scope ?? '')
      .split(' ')
      .filter((scope) => supportedScopes.includes(scope));
    grant.addOIDCScope(scopes.join(' '));
    if (typeof params.claims === 'string') {
      const { id_token: idToken = {}, userinfo = {} } = JSON.parse(params.claims);
      grant.addOIDCClaims([...Object.keys(idToken), ...Object.keys(userinfo)]);
    }
  }
  return grant.save();
}

async function handleInteraction(req, res, uid, action) {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid) return send(res, 400, 'interaction mismatch', 'text/plain');

  if (req.method === 'GET' && !action) {
    if (interaction.prompt.name === 'consent') {
      const grantId = await grantConsent(interaction, interaction.session.accountId);
      return provider.interactionFinished(req, res, { consent: { grantId } });
    }
    return send(
      res,
      200,
      loginPage(uid, { login: interaction.params.login_hint ?? '' }),
      'text/html',
    );
  }

  if (req.method === 'POST' && action === 'login') {
    const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
    const account = accounts.get(login);
    if (!account) {
      return send(
        res,
        200,
        loginPage(uid, { error: `Unknown login: ${login}`, login }),
        'text/html',
      );
    }
    const grantId = await grantConsent(interaction, account.sub);
    return provider.interactionFinished(req, res, {
      login: {
        accountId: account.sub,
        ...(account.amr ? { amr: account.amr } : {}),
        ...(account.acr ? { acr: account.acr } : {}),
      },
      consent: { grantId },
    });
  }

  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
  }

  return send(res, 405, 'method not allowed', 'text/plain');
}

async function handleTest(req, res, path) {
  if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
  const body = JSON.parse((await readBody(req)) || '{}');
  if (path === '/__test/accounts') {
    const { login, sub, email, email_verified: emailVerified, name, amr, acr, userinfoOnly } = body;
    if (typeof login !== 'string' || typeof sub !== 'string') {
      return send(res, 400, { error: 'login and sub are required' });
    }
    accounts.set(login, {
      sub,
      email,
      email_verified: emailVerified,
      name,
      ...(Array.isArray(amr) && amr.length ? { amr } : {}),
      ...(acr ? { acr } : {}),
      userinfoOnly: userinfoOnly === true,
    });
    return send(res, 200, { ok: true });
  }
  if (path === '/__test/mode') {
    if (!['ok', 'tamper-id-token', 'wrong-nonce', 'stale-auth-time', 'down'].includes(body.mode)) {
      return send(res, 400, { error: `unknown mode ${body.mode}` });
    }
    mode = body.mode;
    return send(res, 200, { ok: true });
  }
  if (path === '/__test/authorization-requests') {
    return send(res, 200, authorizationRequests);
  }
  return send(res, 404, { error: 'not found' });
}

const providerCallback = provider.callback();

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', issuer);
  (async () => {
    if (pathname.startsWith('/__test/')) return handleTest(req, res, pathname);
    if (mode === 'down') return send(res, 503, { error: 'temporarily_unavailable' });
    const interaction = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(pathname);
    if (interaction) return handleInteraction(req, res, interaction[1], interaction[2]);
    return providerCallback(req, res);
  })().catch((error) => {
    console.error(error);
    if (!res.headersSent)
      send(
        res,
        error.name === 'SessionNotFound' ? 400 : 500,
        `${error.name}: ${error.message}`,
        'text/plain',
      );
    else res.end();
  });
});

server.listen(config.port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
