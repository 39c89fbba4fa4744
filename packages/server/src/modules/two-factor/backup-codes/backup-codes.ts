import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Backup codes (docs/design.md, Second-factor rules): 10 single-use codes of 10 characters from an alphabet without the
 * look-alikes 0/O, 1/I/L, so a code read off paper is typed right. 31 symbols × 10 characters
 * ≈ 49.5 bits each. Codes are stored as HMAC-SHA-256 under a server-side pepper: ~50 bits is
 * brute-forceable offline against a plain hash, so a database dump alone must not suffice.
 */

export const BACKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BACKUP_CODE_LENGTH = 10;
export const BACKUP_CODE_COUNT = 10;

const NORMALIZED_PATTERN = new RegExp(`^[${BACKUP_CODE_ALPHABET}]{${BACKUP_CODE_LENGTH}}$`);
// Alphabet characters in either case, checked *before* upper-casing: toUpperCase() maps some
// non-ASCII letters onto ASCII ones ('ſ' → 'S', 'ß' → 'SS'), which must not turn into valid codes.
const INPUT_PATTERN = new RegExp(
  `^[${BACKUP_CODE_ALPHABET}${BACKUP_CODE_ALPHABET.toLowerCase()}]{${BACKUP_CODE_LENGTH}}$`,
);
// Input this long is not a mistyped code; refusing it early bounds the work per attempt.
const MAX_INPUT_LENGTH = 64;
// Largest multiple of the alphabet size that fits in a byte: bytes at or above it are discarded
// (rejection sampling) so every symbol is exactly equally likely — `byte % 31` alone would
// favour the first 8 symbols.
const SAMPLE_LIMIT = 256 - (256 % BACKUP_CODE_ALPHABET.length);
const MIN_PEPPER_BYTES = 16;

function randomCode(): string {
  let code = '';
  while (code.length < BACKUP_CODE_LENGTH) {
    for (const byte of randomBytes(BACKUP_CODE_LENGTH * 2)) {
      if (byte >= SAMPLE_LIMIT) continue;
      code += BACKUP_CODE_ALPHABET[byte % BACKUP_CODE_ALPHABET.length];
      if (code.length === BACKUP_CODE_LENGTH) break;
    }
  }
  return code;
}

/** `ABCDE23456` → `ABCDE-23456`: how codes are shown to the user. */
export function formatBackupCode(normalized: string): string {
  const half = BACKUP_CODE_LENGTH / 2;
  return `${normalized.slice(0, half)}-${normalized.slice(half)}`;
}

/** `count` distinct new codes, formatted `XXXXX-XXXXX` for display (shown once). */
export function generateBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new RangeError('Backup code count must be an integer from 1 to 100');
  }
  const codes = new Set<string>();
  // A duplicate is a 1-in-10^15 event, but distinctness is cheap to guarantee.
  while (codes.size < count) codes.add(randomCode());
  return [...codes].map(formatBackupCode);
}

/**
 * What a user typed → the canonical code, or null. Upper-cases and removes whitespace and
 * ASCII dashes (DESIGN: "entry ignores spaces, dashes and case"); deliberately nothing else —
 * in particular 0/O/1/I/L are not mapped onto look-alikes, since they never occur in a code and
 * guessing what was meant would only widen what an attacker's input can match.
 */
export function normalizeBackupCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const stripped = input.replace(/[\s-]/g, '');
  return INPUT_PATTERN.test(stripped) ? stripped.toUpperCase() : null;
}

function assertPepper(pepper: Buffer): void {
  if (!Buffer.isBuffer(pepper) || pepper.length < MIN_PEPPER_BYTES) {
    throw new RangeError(`The backup code pepper must be at least ${MIN_PEPPER_BYTES} bytes`);
  }
}

/** HMAC-SHA-256 (hex) of a normalized code under the server-side pepper: what the database stores. */
export function hashBackupCode(normalized: string, pepper: Buffer): string {
  // Hashing an unnormalized form would store a value no typed code can ever match.
  if (!NORMALIZED_PATTERN.test(normalized)) {
    throw new RangeError('hashBackupCode expects a code from normalizeBackupCode');
  }
  assertPepper(pepper);
  return createHmac('sha256', pepper).update(normalized, 'ascii').digest('hex');
}

/**
 * Whether a typed code (raw user input; normalized here) matches a stored hash. Never throws
 * on bad input, and compares in constant time.
 */
export function backupCodeMatches(input: string, storedHash: string, pepper: Buffer): boolean {
  const normalized = normalizeBackupCode(input);
  if (normalized === null) return false;
  const expected = Buffer.from(hashBackupCode(normalized, pepper), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  // A stored value that is not 32 bytes of hex cannot match; timingSafeEqual needs equal lengths.
  return stored.length === expected.length && timingSafeEqual(expected, stored);
}
