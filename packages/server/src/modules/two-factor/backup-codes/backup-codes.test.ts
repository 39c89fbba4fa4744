import crypto, { createHmac } from 'node:crypto';
import {
  BACKUP_CODE_ALPHABET,
  backupCodeMatches,
  formatBackupCode,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
} from './backup-codes';

const pepper = Buffer.alloc(32, 1);
const otherPepper = Buffer.alloc(32, 2);

describe('generateBackupCodes', () => {
  it('makes 10 distinct codes shaped XXXXX-XXXXX from the unambiguous alphabet', () => {
    const codes = generateBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      expect(normalizeBackupCode(code)).toBe(code.replace('-', ''));
    }
  });

  it('never uses 0, O, 1, I or L', () => {
    expect(BACKUP_CODE_ALPHABET).toHaveLength(31);
    expect(BACKUP_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    const all = generateBackupCodes(100).join('');
    expect(all).not.toMatch(/[01OIL]/);
  });

  it('honours the count and refuses silly ones', () => {
    expect(generateBackupCodes(3)).toHaveLength(3);
    for (const count of [0, -1, 1.5, 101]) {
      expect(() => generateBackupCodes(count)).toThrow(RangeError);
    }
  });

  it('discards bytes 248–255 instead of folding them onto the first symbols', () => {
    // 248 = 8 × 31: bytes from 248 up would make '2'…'9' more likely under `% 31`.
    const bytes = [255, 248, 0, 30, 247, 31, 62, 252, 1, 2, 3, 4, 5, 6];
    const spy = jest
      .spyOn(crypto, 'randomBytes')
      .mockImplementation((size: number) => Buffer.from(bytes.splice(0, size)));
    try {
      // 0→'2', 30→'Z', 247 (=7×31+30)→'Z', 31→'2', 62→'2', 1→'3', …
      expect(generateBackupCodes(1)).toEqual(['2ZZ22-34567']);
    } finally {
      spy.mockRestore();
    }
  });

  it('uses every symbol about equally often', () => {
    // 62 000 symbols, 2 000 expected each (σ ≈ 44). With modulo bias the first 8 symbols would
    // come up 9/8 as often as the rest; the group ratio catches that at ~13σ, while the bands
    // below sit ≥ 6σ out so the test does not flake.
    const counts = new Map<string, number>();
    for (let i = 0; i < 620; i++) {
      for (const char of generateBackupCodes(10).join('').replace(/-/g, '')) {
        counts.set(char, (counts.get(char) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(31);
    const low = [...BACKUP_CODE_ALPHABET.slice(0, 8)].map((c) => counts.get(c) ?? 0);
    const high = [...BACKUP_CODE_ALPHABET.slice(8)].map((c) => counts.get(c) ?? 0);
    for (const n of [...low, ...high]) {
      expect(n).toBeGreaterThan(1700);
      expect(n).toBeLessThan(2300);
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(low) / mean(high) - 1)).toBeLessThan(0.06);
  });
});

describe('formatBackupCode', () => {
  it('splits in two halves', () => {
    expect(formatBackupCode('ABCDE23456')).toBe('ABCDE-23456');
  });
});

describe('normalizeBackupCode', () => {
  it.each<[string, unknown, string | null]>([
    ['canonical', 'ABCDE23456', 'ABCDE23456'],
    ['formatted', 'ABCDE-23456', 'ABCDE23456'],
    ['lower case', 'abcde-23456', 'ABCDE23456'],
    ['mixed case', 'AbCdE23456', 'ABCDE23456'],
    ['spaces', ' ABCDE 23456 ', 'ABCDE23456'],
    ['groups of two', 'AB-CD-E2-34-56', 'ABCDE23456'],
    ['tab and newline', '\tABCDE\n23456', 'ABCDE23456'],
    ['several dashes', 'ABCDE--23456', 'ABCDE23456'],
    ['too short', 'ABCDE-2345', null],
    ['too long', 'ABCDE-234567', null],
    ['empty', '', null],
    ['only separators', ' - - ', null],
    ['zero', 'ABCDE-23450', null],
    ['letter O', 'ABCDO-23456', null],
    ['one', 'ABCDE-23451', null],
    ['letter I', 'ABCDI-23456', null],
    ['letter L', 'ABCDL-23456', null],
    ['lower-case l', 'abcdl-23456', null],
    ['underscore', 'ABCDE_23456', null],
    ['en dash', 'ABCDE–23456', null],
    ['long s (upper-cases to S)', 'ABCDE2345ſ', null],
    ['sharp s (upper-cases to SS)', 'ABCDE2345ß', null],
    ['full-width letters', 'ＡＢＣＤＥ23456', null],
    ['very long input', 'A'.repeat(10_000), null],
    ['ten characters padded past the limit', `${' '.repeat(60)}ABCDE23456`, null],
    ['not a string', 1234567890, null],
    ['null', null, null],
  ])('%s', (_name, input, expected) => {
    expect(normalizeBackupCode(input)).toBe(expected);
  });
});

describe('hashBackupCode and backupCodeMatches', () => {
  const code = 'ABCDE23456';

  it('is HMAC-SHA-256 hex under the pepper', () => {
    expect(hashBackupCode(code, pepper)).toBe(
      createHmac('sha256', pepper).update(code).digest('hex'),
    );
    expect(hashBackupCode(code, pepper)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic per pepper, different across peppers and codes', () => {
    expect(hashBackupCode(code, pepper)).toBe(hashBackupCode(code, Buffer.from(pepper)));
    expect(hashBackupCode(code, pepper)).not.toBe(hashBackupCode(code, otherPepper));
    expect(hashBackupCode(code, pepper)).not.toBe(hashBackupCode('ABCDE23457', pepper));
  });

  it.each([
    ['lower case', 'abcde23456'],
    ['formatted', 'ABCDE-23456'],
    ['empty', ''],
  ])('refuses to hash a code that is not normalized: %s', (_name, input) => {
    expect(() => hashBackupCode(input, pepper)).toThrow(RangeError);
  });

  it('refuses a short pepper', () => {
    expect(() => hashBackupCode(code, Buffer.alloc(8))).toThrow(RangeError);
  });

  it.each<[string, string, boolean]>([
    ['exact', 'ABCDE23456', true],
    ['as typed', ' abcde-23456 ', true],
    ['another code', 'ABCDE23457', false],
    ['malformed', 'ABCDE', false],
    ['empty', '', false],
  ])('matches typed input against the stored hash: %s', (_name, input, expected) => {
    const stored = hashBackupCode(code, pepper);
    expect(backupCodeMatches(input, stored, pepper)).toBe(expected);
  });

  it('does not match under another pepper or against a broken stored value', () => {
    const stored = hashBackupCode(code, pepper);
    expect(backupCodeMatches(code, stored, otherPepper)).toBe(false);
    for (const broken of ['', 'zz', stored.slice(0, 62), `${stored}00`, 'not hex at all']) {
      expect(backupCodeMatches(code, broken, pepper)).toBe(false);
    }
  });

  it('round-trips every generated code', () => {
    for (const shown of generateBackupCodes()) {
      const normalized = normalizeBackupCode(shown);
      expect(normalized).not.toBeNull();
      const stored = hashBackupCode(normalized ?? '', pepper);
      expect(backupCodeMatches(shown.toLowerCase(), stored, pepper)).toBe(true);
    }
  });
});
