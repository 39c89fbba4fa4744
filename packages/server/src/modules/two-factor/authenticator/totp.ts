import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Authenticator-app codes (DESIGN §6): RFC 6238 TOTP on top of RFC 4226 HOTP, written against
 * node:crypto so the arithmetic is visible and checked against the RFC vectors and oathtool.
 * Production parameters are fixed by the design: SHA-1, 6 digits, 30 s steps, ±1 step,
 * 160-bit secrets — the only combination every authenticator app implements.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_SECRET_BYTES = 20;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** 6 in production; the RFC 6238 vectors use 8. */
  digits?: number;
  /** SHA-1 in production; SHA-256/512 exist for the RFC vectors. */
  algorithm?: TotpAlgorithm;
}

export interface VerifyTotpOptions {
  /** Steps accepted on either side of the current one (clock drift, slow typing). */
  window?: number;
  /**
   * The last step a code was accepted for (stored on the factor as `lastUsedStep`), or null
   * before the first use. Only later steps are accepted, so a code works at most once and an
   * older code cannot be used after a newer one.
   */
  afterStep?: number | null;
}

export type VerifyTotpResult = { valid: true; step: number } | { valid: false };

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, without padding (the form otpauth URIs and apps use). */
export function base32Encode(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * Decodes RFC 4648 base32; case, spaces and trailing `=` padding are ignored because secrets are
 * also typed by hand. Throws on any other character: a secret is server data, so a bad one is a
 * bug to surface, not a code to reject.
 */
export function base32Decode(text: string): Buffer {
  const cleaned = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of cleaned) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new RangeError('Invalid base32 character in TOTP secret');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits), base32 without padding: 32 chars. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** The RFC 6238 time step containing `date` (Unix time / 30 s, rounded down). */
export function timeStep(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

function secretKey(secretBase32: string): Buffer {
  const key = base32Decode(secretBase32);
  if (key.length === 0) throw new RangeError('Empty TOTP secret');
  return key;
}

/** RFC 4226 HOTP: HMAC of the 8-byte big-endian counter, dynamic truncation, decimal digits. */
function hotp(key: Buffer, counter: number, digits: number, algorithm: TotpAlgorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, '0');
}

/** The code for `step` (see `timeStep`); production callers leave the options at their defaults. */
export function totpAt(secretBase32: string, step: number, options: TotpOptions = {}): string {
  const digits = options.digits ?? TOTP_DIGITS;
  const algorithm = options.algorithm ?? 'sha1';
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('Invalid time step');
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) {
    throw new RangeError('TOTP codes have 6 to 10 digits');
  }
  return hotp(secretKey(secretBase32), step, digits, algorithm);
}

// Longer input is refused before any string work: a 10 000-digit "code" costs nothing.
const MAX_CODE_INPUT_LENGTH = 32;
const CODE_PATTERN = /^[0-9]{6}$/;

/**
 * Normalizes what a user typed: spaces are removed because authenticator apps display codes as
 * `123 456` and people copy them like that; nothing else is mapped. Returns null unless the
 * result is exactly 6 ASCII digits (no Unicode digits, signs or dashes).
 */
export function normalizeTotpCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_CODE_INPUT_LENGTH) return null;
  const code = input.replace(/\s/g, '');
  return CODE_PATTERN.test(code) ? code : null;
}

/**
 * Checks a typed code against the steps now−window … now+window that are later than
 * `afterStep`. Never throws for a malformed code (it is simply invalid). Every candidate is
 * computed and compared in constant time, so timing reveals neither the code nor which step
 * matched. If a code happens to match two steps, the later one is returned so that storing it
 * burns both and the same digits cannot be replayed.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  options: VerifyTotpOptions = {},
): VerifyTotpResult {
  const window = options.window ?? 1;
  const afterStep = options.afterStep ?? null;
  if (!Number.isInteger(window) || window < 0 || window > 10) {
    throw new RangeError('TOTP window must be an integer from 0 to 10');
  }
  const normalized = normalizeTotpCode(code);
  const key = secretKey(secretBase32);
  const current = timeStep(now);
  const typed = Buffer.from(normalized ?? '000000', 'ascii');
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0 || (afterStep !== null && step <= afterStep)) continue;
    const expected = Buffer.from(hotp(key, step, TOTP_DIGITS, 'sha1'), 'ascii');
    if (timingSafeEqual(expected, typed)) matched = step;
  }
  if (normalized === null || matched === null) return { valid: false };
  return { valid: true, step: matched };
}

export interface OtpauthUriInput {
  /** Shown by the app as the service name: the account name (DESIGN §6). */
  issuer: string;
  /** Shown by the app as the account: the user's email. */
  label: string;
  /** Base32 secret from `generateTotpSecret`. */
  secret: string;
}

/**
 * The Key Uri Format URI for the QR code:
 * `otpauth://totp/<issuer>:<label>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
 * Issuer and label are percent-encoded (spaces as %20, `:` as %3A), so the one literal colon
 * always separates them; issuer is repeated as a parameter because newer apps prefer it.
 */
export function otpauthUri({ issuer, label, secret }: OtpauthUriInput): string {
  if (issuer.trim() === '' || label.trim() === '') {
    throw new RangeError('otpauth URIs need an issuer and a label');
  }
  const normalizedSecret = base32Encode(secretKey(secret));
  const query = [
    `secret=${normalizedSecret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    `algorithm=${TOTP_ALGORITHM}`,
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?${query}`;
}

/** The secret as typed by hand into an app: upper case, in groups of four (`ABCD EFGH …`). */
export function manualEntryKey(secret: string): string {
  const normalized = base32Encode(secretKey(secret));
  return (normalized.match(/.{1,4}/g) ?? []).join(' ');
}
