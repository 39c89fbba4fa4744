import { isLoopbackUrl } from '@twofold/shared';

/**
 * Minimal cookie handling: the session cookie, and the state of an OpenID sign-in on its way
 * through the provider.
 */

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie; undefined makes a browser-session cookie. */
  maxAge?: number;
  /** Defaults to `/`. */
  path?: string;
}

/** `name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=n]` */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

/** Plain-http localhost is the one place a cookie may travel without Secure. */
export function secureCookies(publicUrl: string): boolean {
  return !(new URL(publicUrl).protocol === 'http:' && isLoopbackUrl(publicUrl));
}
