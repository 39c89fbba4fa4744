import { createHash, randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError, type SecretBoxErrorReason, secretBoxKeyId } from './secret-box';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 9);

function openError(box: SecretBox, sealed: string): SecretBoxError {
  try {
    box.open(sealed);
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error(`open() returned instead of throwing for ${sealed}`);
}

/** Replaces part `index` of a sealed value after flipping one bit of its decoded bytes. */
function flipBit(sealed: string, index: number, byte = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  it('derives the key id from SHA-256 of the key', () => {
    const box = new SecretBox(key);
    expect(box.keyId).toBe(`k1-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`);
    expect(box.keyId).toMatch(/^k1-[0-9a-f]{8}$/);
    expect(secretBoxKeyId(otherKey)).not.toBe(box.keyId);
  });

  it.each([
    ['empty', ''],
    ['base32 TOTP seed', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'],
    ['unicode', 'Grüße, 世界 🙂'],
    ['dots and separators', 'a.b.c.d'],
    ['long', 'x'.repeat(100_000)],
  ])('round-trips %s plaintext in the documented format', (_name, plaintext) => {
    const box = new SecretBox(key);
    const sealed = box.seal(plaintext);
    expect(sealed).toMatch(
      /^k1-[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/,
    );
    expect(sealed.startsWith(`${box.keyId}.`)).toBe(true);
    expect(box.open(sealed)).toBe(plaintext);
    expect(sealed).not.toContain(plaintext || '\u0000');
  });

  it('uses a fresh random iv for every seal', () => {
    const box = new SecretBox(key);
    const sealed = Array.from({ length: 50 }, () => box.seal('same secret'));
    expect(new Set(sealed).size).toBe(50);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(50);
    for (const s of sealed) expect(box.open(s)).toBe('same secret');
  });

  describe('tampering fails with AUTHENTICATION_FAILED', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    it.each([
      ['iv, first byte', 1, 0],
      ['iv, last byte', 1, 11],
      ['tag, first byte', 2, 0],
      ['tag, last byte', 2, 15],
      ['ciphertext, first byte', 3, 0],
      ['ciphertext, last byte', 3, 31],
    ])('%s', (_name, part, byte) => {
      expect(openError(box, flipBit(sealed, part, byte)).reason).toBe('AUTHENTICATION_FAILED');
    });

    it('a truncated or extended ciphertext', () => {
      const parts = sealed.split('.');
      const ct = Buffer.from(parts[3] ?? '', 'base64url');
      for (const changed of [ct.subarray(0, ct.length - 1), Buffer.concat([ct, Buffer.of(0)])]) {
        const tampered = [parts[0], parts[1], parts[2], changed.toString('base64url')].join('.');
        expect(openError(box, tampered).reason).toBe('AUTHENTICATION_FAILED');
      }
    });

    it('every single character changed anywhere after the key id', () => {
      const start = box.keyId.length + 1;
      for (let i = start; i < sealed.length; i++) {
        if (sealed[i] === '.') continue;
        const replacement = sealed[i] === 'A' ? 'B' : 'A';
        const tampered = sealed.slice(0, i) + replacement + sealed.slice(i + 1);
        // Non-canonical base64url is MALFORMED, anything else fails authentication.
        expect(['MALFORMED', 'AUTHENTICATION_FAILED']).toContain(openError(box, tampered).reason);
      }
    });

    it('a key id swapped for another known key', () => {
      const rotated = new SecretBox(otherKey, [key]);
      const swapped = sealed.replace(box.keyId, rotated.keyId);
      expect(openError(rotated, swapped).reason).toBe('AUTHENTICATION_FAILED');
    });
  });

  it('refuses a value sealed with a key it does not have', () => {
    const sealed = new SecretBox(otherKey).seal('secret');
    const error = openError(new SecretBox(key), sealed);
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error.reason).toBe('UNKNOWN_KEY');
    expect(error.message).not.toContain('secret');
  });

  it('refuses a forged key id that claims the current key with another key’s ciphertext', () => {
    const box = new SecretBox(key);
    const foreign = new SecretBox(otherKey).seal('secret');
    const forged = foreign.replace(/^[^.]+/, box.keyId);
    expect(openError(box, forged).reason).toBe('AUTHENTICATION_FAILED');
  });

  it.each<[string, string, SecretBoxErrorReason]>([
    ['empty string', '', 'MALFORMED'],
    ['plain text', 'not sealed', 'MALFORMED'],
    ['three parts', 'k1-00000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA', 'MALFORMED'],
    ['five parts', 'k1-00000000.a.b.c.d', 'MALFORMED'],
    ['bad key id', 'K1-00000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA', 'MALFORMED'],
    ['unknown version', 'k2-00000000.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA', 'MALFORMED'],
  ])('refuses malformed input: %s', (_name, sealed, reason) => {
    expect(openError(new SecretBox(key), sealed).reason).toBe(reason);
  });

  it.each([
    ['standard base64 characters', (p: string[]) => [p[0], p[1], '+/' + p[2]?.slice(2), p[3]]],
    ['padding', (p: string[]) => [p[0], p[1], `${p[2]}==`, p[3]]],
    ['short iv', (p: string[]) => [p[0], p[1]?.slice(0, 12), p[2], p[3]]],
    ['short tag', (p: string[]) => [p[0], p[1], p[2]?.slice(0, 16), p[3]]],
    ['empty tag', (p: string[]) => [p[0], p[1], '', p[3]]],
    ['whitespace', (p: string[]) => [p[0], p[1], p[2], ` ${p[3]}`]],
    ['non-canonical last character', (p: string[]) => [p[0], p[1], nonCanonical(p[2] ?? ''), p[3]]],
  ])('refuses a malformed part with a known key id: %s', (_name, mutate) => {
    const box = new SecretBox(key);
    const parts = box.seal('secret').split('.');
    expect(openError(box, mutate(parts).join('.')).reason).toBe('MALFORMED');
  });

  it('opens values sealed with previous keys and seals only with the current one', () => {
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const sealedOld1 = new SecretBox(old1).seal('one');
    const sealedOld2 = new SecretBox(old2, [old1]).seal('two');
    const box = new SecretBox(key, [old2, old1]);
    expect(box.open(sealedOld1)).toBe('one');
    expect(box.open(sealedOld2)).toBe('two');
    expect(box.isCurrent(sealedOld1)).toBe(false);
    const resealed = box.seal(box.open(sealedOld1));
    expect(box.isCurrent(resealed)).toBe(true);
    expect(resealed.startsWith(`${box.keyId}.`)).toBe(true);
    // The retired key alone cannot open what the current key sealed.
    expect(openError(new SecretBox(old1), resealed).reason).toBe('UNKNOWN_KEY');
  });

  it('keeps its own copy of the key', () => {
    const mutable = Buffer.from(key);
    const box = new SecretBox(mutable);
    const sealed = box.seal('secret');
    mutable.fill(0);
    expect(box.open(sealed)).toBe('secret');
  });

  it.each([
    ['16 bytes', Buffer.alloc(16)],
    ['31 bytes', Buffer.alloc(31)],
    ['33 bytes', Buffer.alloc(33)],
    ['empty', Buffer.alloc(0)],
  ])('rejects a %s key, also as a previous key', (_name, bad) => {
    expect(() => new SecretBox(bad)).toThrow(RangeError);
    expect(() => new SecretBox(key, [bad])).toThrow(RangeError);
  });

  it('accepts the current key repeated among previous keys', () => {
    const box = new SecretBox(key, [key, Buffer.from(key)]);
    expect(box.open(box.seal('x'))).toBe('x');
  });
});

/** The last character of a 16-byte base64url value carries 4 unused bits; set one of them. */
function nonCanonical(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(text.slice(-1));
  return text.slice(0, -1) + (alphabet[last ^ 0x01] ?? '');
}
