import {
  type HashAlgorithm,
  ScureBase32Plugin,
  generateSecret,
  generateSync,
  verifySync,
} from 'otplib';

/**
 * Authenticator-app codes (docs/design.md, Second-factor rules): RFC 6238 TOTP computed by otplib, checked in the tests
 * against the RFC vectors and oathtool. Production parameters are fixed by the design: SHA-1,
 * 6 digits, 30 s steps, ±1 step, 160-bit secrets — the only combination every authenticator app
 * implements. What stays here is policy otplib cannot know: which steps are acceptable (the
 * window and single use through `afterStep`), what a typed code may look like, and the exact
 * otpauth URI.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_SECRET_BYTES = 20;

export type TotpAlgorithm = HashAlgorithm;

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

// otplib's own base32 (@scure/base), so that what we store, show and hand to otplib is read by
// one decoder. It decodes strictly: bad characters, impossible lengths and stray trailing bits
// are all refused.
const base32 = new ScureBase32Plugin();

/** RFC 4648 base32, upper case, without padding (the form otpauth URIs and apps use). */
export function base32Encode(bytes: Uint8Array): string {
  return base32.encode(bytes, { padding: false });
}

/**
 * Decodes RFC 4648 base32; case, spaces and trailing `=` padding are ignored because secrets are
 * also typed by hand. Throws a RangeError on anything else: a secret is server data, so a bad one
 * is a bug to surface, not a code to reject.
 */
export function base32Decode(text: string): Buffer {
  const cleaned = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  try {
    return Buffer.from(base32.decode(cleaned));
  } catch {
    throw new RangeError('Invalid base32 TOTP secret');
  }
}

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits), base32 without padding: 32 chars. */
export function generateTotpSecret(): string {
  return generateSecret({ length: TOTP_SECRET_BYTES });
}

/** The RFC 6238 time step containing `date` (Unix time / 30 s, rounded down). */
export function timeStep(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Decoded here rather than by otplib so that a malformed secret is a RangeError like our other
 * programming errors. otplib itself refuses keys under 128 bits (SecretTooShortError); ours have
 * 160. Short keys still work for the URI and the manual entry key, which do not compute codes.
 */
function secretKey(secretBase32: string): Buffer {
  const key = base32Decode(secretBase32);
  if (key.length === 0) throw new RangeError('Empty TOTP secret');
  return key;
}

// We name steps, otplib takes Unix seconds: the start of a step lies inside it. Past this the
// product is no longer an exact integer.
const MAX_STEP = Math.floor(Number.MAX_SAFE_INTEGER / TOTP_PERIOD_SECONDS);
const stepStart = (step: number): number => step * TOTP_PERIOD_SECONDS;

/** The code for `step` (see `timeStep`); production callers leave the options at their defaults. */
export function totpAt(secretBase32: string, step: number, options: TotpOptions = {}): string {
  const digits = options.digits ?? TOTP_DIGITS;
  if (!Number.isSafeInteger(step) || step < 0 || step > MAX_STEP) {
    throw new RangeError('Invalid time step');
  }
  // otplib would pad or truncate any count; 6 to 10 is what RFC 4226's 31-bit value can fill.
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) {
    throw new RangeError('TOTP codes have 6 to 10 digits');
  }
  return generateSync({
    secret: secretKey(secretBase32),
    epoch: stepStart(step),
    period: TOTP_PERIOD_SECONDS,
    digits,
    algorithm: options.algorithm ?? 'sha1',
  });
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
 * `afterStep`. Never throws for a malformed code (it is simply invalid, and costs no HMAC); a bad
 * secret, date or window is a programming error and throws. If a code happens to match two
 * steps, the later one is returned so that storing it burns both and the same digits cannot be
 * replayed.
 *
 * otplib is asked about one step at a time (no epochTolerance, no afterTimeStep) rather than
 * about the whole window: its window loop stops at the first, i.e. earliest, match, which would
 * return the wrong step of a collision and let timing show which step matched. This way every
 * candidate costs one HMAC and one constant-time comparison, both otplib's.
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
  const token = normalizeTotpCode(code);
  const key = secretKey(secretBase32);
  const current = timeStep(now);
  if (token === null) return { valid: false };
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0 || (afterStep !== null && step <= afterStep)) continue;
    const result = verifySync({
      secret: key,
      token,
      epoch: stepStart(step),
      period: TOTP_PERIOD_SECONDS,
      digits: TOTP_DIGITS,
      algorithm: 'sha1',
    });
    if (result.valid) matched = step;
  }
  return matched === null ? { valid: false } : { valid: true, step: matched };
}

export interface OtpauthUriInput {
  /** Shown by the app as the service name: the account name (docs/design.md, Second-factor rules). */
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
 *
 * Built here, not with otplib's `generateURI`: in otplib 13.5 that leaves a `:` inside the issuer
 * or label unencoded, so an account named `Acme: Zürich` splits at the wrong colon, and it drops
 * algorithm, digits and period when they are the defaults, which this URI states (the enrollment
 * tests read them). The tests check that, without colons, ours is otplib's URI plus those three.
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
