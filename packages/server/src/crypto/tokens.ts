import { createHash, randomBytes } from 'node:crypto';

/** An opaque 256-bit token for sessions and emailed links, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
