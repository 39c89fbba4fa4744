import { OpenIdFailure } from '@twofold/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestMetaOf, SESSION_COOKIE, tokenOf } from './session-token';
import { OpenIdPurpose } from '../modules/openid/openid-attempt.entity';
import { OpenIdError } from '../modules/openid/provider-client';
import { TooManyAttemptsError } from '../errors';
import type { Services } from '../services';
import { secureCookies, serializeCookie } from './cookies';
import { clearOpenIdStateCookie, openIdStateCookies, openIdStateOf } from './openid-cookie';
import { startedFromOwnPage } from './same-origin';

/** The console pages an OpenID round trip ends on (the console reads the query). */
const signInPage = (failure: OpenIdFailure) =>
  failure === OpenIdFailure.SIGNED_IN_AS_ANOTHER_LOGIN
    ? // the console asks the person signed in whether to sign out first
      '/sign-in/another-login'
    : `/sign-in?openIdError=${encodeURIComponent(failure)}`;

/** The form body of the sign-in button is one short field; anything longer is not ours. */
const START_BODY_LIMIT = 1024;
const testedPage = (providerId: string | null, query: Record<string, string>) =>
  `/security?${new URLSearchParams({ ...(providerId ? { testedProvider: providerId } : {}), ...query }).toString()}`;

function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : request.url.slice(index + 1));
}

function redirect(
  reply: FastifyReply,
  location: string,
  cookies: string[],
  status: 302 | 303 = 302,
): FastifyReply {
  reply.header('Cache-Control', 'no-store');
  // the provider's URL carries state and nonce: no Referer on the way back
  reply.header('Referrer-Policy', 'no-referrer');
  if (cookies.length > 0) reply.header('Set-Cookie', cookies);
  return reply.redirect(location, status);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Sends the browser on to the provider from a page, not by a redirect: the console's
 * `form-action 'self'` also governs where a form's redirects may lead, so a 303 to the provider
 * would be blocked. A refresh (and a link, for browsers that ignore it) is a navigation of its own.
 */
function leaveFor(reply: FastifyReply, url: string, cookies: string[]): FastifyReply {
  const href = escapeHtml(url);
  reply.header('Cache-Control', 'no-store');
  // the provider's URL carries state and nonce: no Referer on the way
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Set-Cookie', cookies);
  reply.type('text/html; charset=utf-8');
  return reply.send(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      // the console's icon: without one the browser asks for /favicon.ico, which does not exist
      `<link rel="icon" type="image/svg+xml" href="/favicon.svg">` +
      `<meta http-equiv="refresh" content="0;url=${href}"><title>Signing in…</title></head>` +
      `<body><p><a href="${href}">Continue to your identity provider</a></p></body></html>`,
  );
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sign-in with an account's OpenID provider, for browsers: the console's "Sign in with …" form
 * POSTs to `/oidc/start` (provider id in the body or the query), which sends the browser to the
 * provider; `/oidc/callback` takes its answer. Both end on a console page — signed in, or
 * `/sign-in?openIdError=<reason>` — never on an error body.
 */
export function registerOpenIdRoutes(app: FastifyInstance, services: Services): void {
  const { publicUrl } = services.config;
  const publicOrigin = new URL(publicUrl).origin;

  // a link or a form on another site would sign the browser in as whoever the attacker chose
  // (login CSRF): only a POST from Twofold's own pages starts anything
  const refuseForeignStart = (request: FastifyRequest, reply: FastifyReply) => {
    request.log.info({ method: request.method }, 'OpenID sign-in not started from Twofold');
    return redirect(reply, signInPage(OpenIdFailure.CROSS_SITE_START), [], 303);
  };

  app.get('/oidc/start', refuseForeignStart);

  void app.register(async (scope) => {
    // the form's body, in this scope only: the GraphQL endpoint still takes JSON alone
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: START_BODY_LIMIT },
      (_request, body, done) => done(null, new URLSearchParams(body as string)),
    );
    // any other body is ignored: the request still ends on a console page
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: START_BODY_LIMIT },
      (_request, _body, done) => done(null, null),
    );
    scope.post('/oidc/start', async (request, reply) => {
      const site = {
        method: request.method,
        origin: headerOf(request, 'origin'),
        secFetchSite: headerOf(request, 'sec-fetch-site'),
      };
      if (!startedFromOwnPage(site, publicOrigin)) return refuseForeignStart(request, reply);
      const form = request.body instanceof URLSearchParams ? request.body : null;
      const providerId = form?.get('provider') ?? queryOf(request).get('provider') ?? '';
      try {
        const { authorizationUrl, state } = await services.openId.start(
          { providerId, purpose: OpenIdPurpose.SIGN_IN },
          requestMetaOf(request),
        );
        return leaveFor(
          reply,
          authorizationUrl,
          openIdStateCookies(publicUrl, state, request.headers.cookie),
        );
      } catch (error) {
        let failure: OpenIdFailure;
        if (error instanceof OpenIdError) failure = error.failure;
        else if (error instanceof TooManyAttemptsError) failure = OpenIdFailure.TOO_MANY_ATTEMPTS;
        else {
          request.log.error({ err: error }, 'OpenID sign-in could not start');
          failure = OpenIdFailure.UNAVAILABLE;
        }
        return redirect(reply, signInPage(failure), [], 303);
      }
    });
  });

  app.get('/oidc/callback', async (request, reply) => {
    const query = queryOf(request);
    const queryState = query.get('state');
    // only this attempt's cookie goes: another tab's sign-in may still be on its way
    const cookies = queryState ? [clearOpenIdStateCookie(publicUrl, queryState)] : [];
    try {
      const token = tokenOf(request);
      const previous = token ? await services.callers.resolve(token) : null;
      const outcome = await services.openId.finish(
        { query, cookieState: openIdStateOf(request.headers.cookie, queryState), previous },
        requestMetaOf(request),
      );
      switch (outcome.kind) {
        case 'signed_in':
          cookies.push(
            serializeCookie(SESSION_COOKIE, outcome.change.value.token, {
              secure: secureCookies(publicUrl),
            }),
          );
          // the console's gate sends each stage to its page
          return redirect(reply, '/', cookies);
        case 'tested':
          return redirect(
            reply,
            testedPage(outcome.providerId, {
              emailVerified: outcome.emailVerified ? '1' : '0',
              secondFactor: outcome.secondFactorShown ? '1' : '0',
            }),
            cookies,
          );
        case 'failed':
          return redirect(
            reply,
            outcome.purpose === OpenIdPurpose.TEST
              ? testedPage(outcome.providerId, { openIdError: outcome.failure })
              : signInPage(outcome.failure),
            cookies,
          );
      }
    } catch (error) {
      request.log.error({ err: error }, 'OpenID sign-in could not finish');
      return redirect(reply, signInPage(OpenIdFailure.UNAVAILABLE), cookies);
    }
  });
}
