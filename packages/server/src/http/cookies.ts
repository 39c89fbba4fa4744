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

/** Every cookie of the header whose name starts with `prefix` (name → value, decoded). */
export function readCookiesStartingWith(
  header: string | undefined,
  prefix: string,
): Record<string, string> {
  const found: Record<string, string> = {};
  if (!header) return found;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name.startsWith(prefix) || name in found) continue;
    try {
      found[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // a value that does not decode is no cookie of ours
    }
  }
  return found;
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
