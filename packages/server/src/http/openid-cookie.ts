import { readCookie, secureCookies, serializeCookie } from './cookies';

/** The browser's half of an OpenID sign-in: the `state` it must come back with. */
export const OPENID_STATE_COOKIE = 'twofold_openid_state';

/** Sent to the callback only, and gone after 10 minutes (the attempt's lifetime). */
export function openIdStateCookie(publicUrl: string, state: string): string {
  return serializeCookie(OPENID_STATE_COOKIE, state, {
    secure: secureCookies(publicUrl),
    maxAge: 10 * 60,
    path: '/oidc',
  });
}

export function clearOpenIdStateCookie(publicUrl: string): string {
  return serializeCookie(OPENID_STATE_COOKIE, '', {
    secure: secureCookies(publicUrl),
    maxAge: 0,
    path: '/oidc',
  });
}

export function openIdStateOf(cookieHeader: string | undefined): string | undefined {
  return readCookie(cookieHeader, OPENID_STATE_COOKIE);
}
