import { createHash } from 'node:crypto';
import { readCookie, secureCookies, serializeCookie } from './cookies';

/**
 * The browser's half of an OpenID sign-in: the `state` it must come back with, one cookie per
 * attempt so that sign-ins started in two tabs both finish. The cookie's name carries a short id
 * derived from the state, so the callback finds the attempt's cookie from the state it brings.
 */
export const OPENID_STATE_COOKIE_PREFIX = 'twofold_openid_';

/** Attempts one browser can have on their way at once; starting another drops the oldest. */
export const MAX_OPEN_ATTEMPTS_PER_BROWSER = 5;

/** Sent to the callback only, and gone after 10 minutes (the attempt's lifetime). */
const attemptCookieOptions = (publicUrl: string, maxAge: number) => ({
  secure: secureCookies(publicUrl),
  maxAge,
  path: '/oidc',
});

/** The attempt cookie's name for `state`: 16 base64url characters of its SHA-256. */
export function openIdStateCookieName(state: string): string {
  const id = createHash('sha256').update(state).digest('base64url').slice(0, 16);
  return `${OPENID_STATE_COOKIE_PREFIX}${id}`;
}

/** The attempt cookies a Cookie header holds, oldest first (browsers send them in that order). */
function attemptCookieNames(cookieHeader: string | undefined): string[] {
  if (!cookieHeader) return [];
  return cookieHeader
    .split(';')
    .map((part) => part.slice(0, Math.max(0, part.indexOf('='))).trim())
    .filter((name) => /^twofold_openid_[\w-]{16}$/.test(name));
}

/**
 * The Set-Cookie values that start an attempt: its own cookie, and the expiry of the oldest
 * attempts this browser holds beyond MAX_OPEN_ATTEMPTS_PER_BROWSER, so no browser piles up
 * cookies (each attempt adds one to every request under /oidc).
 */
export function openIdStateCookies(
  publicUrl: string,
  state: string,
  cookieHeader: string | undefined,
): string[] {
  const open = [...new Set(attemptCookieNames(cookieHeader))];
  const dropped = open.slice(0, Math.max(0, open.length - (MAX_OPEN_ATTEMPTS_PER_BROWSER - 1)));
  return [
    ...dropped.map((name) => serializeCookie(name, '', attemptCookieOptions(publicUrl, 0))),
    serializeCookie(openIdStateCookieName(state), state, attemptCookieOptions(publicUrl, 10 * 60)),
  ];
}

/** Expires the cookie of the attempt of `state` (the callback's answer, whatever it was). */
export function clearOpenIdStateCookie(publicUrl: string, state: string): string {
  return serializeCookie(openIdStateCookieName(state), '', attemptCookieOptions(publicUrl, 0));
}

/** The state this browser holds for the attempt that `queryState` names, if any. */
export function openIdStateOf(
  cookieHeader: string | undefined,
  queryState: string | null,
): string | undefined {
  if (!queryState) return undefined;
  return readCookie(cookieHeader, openIdStateCookieName(queryState));
}
