import { execFileSync } from 'node:child_process';
import { generateSync, generateURI } from 'otplib';
import {
  type TotpAlgorithm,
  base32Decode,
  base32Encode,
  generateTotpSecret,
  manualEntryKey,
  normalizeTotpCode,
  otpauthUri,
  timeStep,
  totpAt,
  verifyTotp,
} from './totp';

const ascii = (text: string): string => base32Encode(Buffer.from(text, 'ascii'));

// RFC 6238 Appendix B: the seeds are ASCII strings of the hash's output size.
const rfcSeeds: Record<TotpAlgorithm, string> = {
  sha1: ascii('12345678901234567890'),
  sha256: ascii('12345678901234567890123456789012'),
  sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('base32 (RFC 4648 §10 vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ⇄ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });

  it('decodes lower case, spaces and padding, and refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow(RangeError);
    expect(() => base32Decode('MZXW0')).toThrow(RangeError);
  });

  it('refuses impossible lengths and stray trailing bits (decodes strictly, as otplib does)', () => {
    expect(() => base32Decode('M')).toThrow(RangeError);
    expect(() => base32Decode('MZX')).toThrow(RangeError);
    expect(() => base32Decode('MZ')).toThrow(RangeError);
  });
});

describe('generateTotpSecret', () => {
  it('is 160 bits as 32 base32 characters without padding, and random', () => {
    const secrets = Array.from({ length: 20 }, generateTotpSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Decode(secret)).toHaveLength(20);
    }
    expect(new Set(secrets).size).toBe(20);
  });
});

describe('totpAt', () => {
  it.each<[number, string, TotpAlgorithm]>([
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1111111111, '67062674', 'sha256'],
    [1111111111, '99943326', 'sha512'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [1234567890, '93441116', 'sha512'],
    [2000000000, '69279037', 'sha1'],
    [2000000000, '90698825', 'sha256'],
    [2000000000, '38618901', 'sha512'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ])('RFC 6238 Appendix B: T=%i → %s (%s, 8 digits)', (seconds, code, algorithm) => {
    const step = timeStep(new Date(seconds * 1000));
    expect(step).toBe(Math.floor(seconds / 30));
    expect(totpAt(rfcSeeds[algorithm], step, { digits: 8, algorithm })).toBe(code);
  });

  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('RFC 4226 Appendix D: HOTP counter %i → %s (SHA-1, 6 digits by default)', (counter, code) => {
    expect(totpAt(rfcSeeds.sha1, counter)).toBe(code);
  });

  it('is what a plain otplib caller gets for the same instant (step arithmetic, defaults)', () => {
    const cases = Array.from({ length: 20 }, (_, i) => ({
      secret: generateTotpSecret(),
      epoch: 1_700_000_000 + i * 7_919,
    }));
    expect(cases.map((c) => generateSync(c))).toEqual(
      cases.map(({ secret, epoch }) => totpAt(secret, timeStep(new Date(epoch * 1000)))),
    );
  });

  it.each([
    ['negative step', () => totpAt(rfcSeeds.sha1, -1)],
    ['fractional step', () => totpAt(rfcSeeds.sha1, 1.5)],
    ['5 digits', () => totpAt(rfcSeeds.sha1, 1, { digits: 5 })],
    ['11 digits', () => totpAt(rfcSeeds.sha1, 1, { digits: 11 })],
    ['empty secret', () => totpAt('', 1)],
    ['invalid secret', () => totpAt('not base32!', 1)],
    ['step beyond exact Unix seconds', () => totpAt(rfcSeeds.sha1, Number.MAX_SAFE_INTEGER)],
  ])('throws on a programming error: %s', (_name, run) => {
    expect(run).toThrow(RangeError);
  });

  it('refuses a secret under 128 bits, as otplib does', () => {
    expect(() => totpAt(ascii('fifteen bytes!!'), 1)).toThrow(/at least 16 bytes/);
  });
});

describe('timeStep', () => {
  it.each([
    ['1970-01-01T00:00:00.000Z', 0],
    ['1970-01-01T00:00:29.999Z', 0],
    ['1970-01-01T00:00:30.000Z', 1],
    ['2026-11-22T12:00:00.000Z', 59_844_960], // oathtool -v: Counter 0x3912960,
  ])('%s → %i', (iso, step) => {
    expect(timeStep(new Date(iso))).toBe(step);
  });

  it('refuses an invalid date', () => {
    expect(() => timeStep(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('oathtool (what authenticator apps compute)', () => {
  const oathtool = (args: string[]): string =>
    execFileSync('/usr/bin/oathtool', args, { encoding: 'utf8' }).trim();

  it.each(['2026-11-22 12:00:00 UTC', '2001-09-09 01:46:40 UTC', '2038-01-19 03:14:08 UTC'])(
    'gives the same 6-digit code at %s',
    (instant) => {
      const now = new Date(instant.replace(' UTC', 'Z').replace(' ', 'T'));
      for (const secret of [generateTotpSecret(), generateTotpSecret(), rfcSeeds.sha1]) {
        const code = oathtool(['--totp', '-b', '--now', instant, secret]);
        expect(code).toMatch(/^[0-9]{6}$/);
        expect(totpAt(secret, timeStep(now))).toBe(code);
        expect(verifyTotp(secret, code, now)).toEqual({ valid: true, step: timeStep(now) });
      }
    },
  );

  it('gives the same code as the current time, whatever it is', () => {
    const secret = generateTotpSecret();
    const before = timeStep(new Date());
    const code = oathtool(['--totp', '-b', secret]);
    const after = timeStep(new Date());
    expect([totpAt(secret, before), totpAt(secret, after)]).toContain(code);
  });

  it.each<[TotpAlgorithm, string]>([
    ['sha256', 'sha256'],
    ['sha512', 'sha512'],
  ])('agrees for %s with 8 digits too', (algorithm, name) => {
    const secret = rfcSeeds[algorithm];
    const code = oathtool([
      `--totp=${name}`,
      '--digits=8',
      '-b',
      '--now',
      '2026-11-22 12:00:00 UTC',
      secret,
    ]);
    expect(
      totpAt(secret, timeStep(new Date('2026-11-22T12:00:00Z')), { digits: 8, algorithm }),
    ).toBe(code);
  });
});

describe('verifyTotp', () => {
  const secret = rfcSeeds.sha1;
  const now = new Date('2026-11-22T12:00:10Z');
  const step = timeStep(now);
  const codeAt = (offset: number): string => totpAt(secret, step + offset);

  it.each([
    [-2, false],
    [-1, true],
    [0, true],
    [1, true],
    [2, false],
  ])('a code from step offset %i is accepted: %s', (offset, accepted) => {
    expect(verifyTotp(secret, codeAt(offset), now)).toEqual(
      accepted ? { valid: true, step: step + offset } : { valid: false },
    );
  });

  it('window 0 accepts only the current step', () => {
    expect(verifyTotp(secret, codeAt(0), now, { window: 0 })).toEqual({ valid: true, step });
    expect(verifyTotp(secret, codeAt(-1), now, { window: 0 })).toEqual({ valid: false });
    expect(verifyTotp(secret, codeAt(1), now, { window: 0 })).toEqual({ valid: false });
  });

  it.each<[string, number, number | null, boolean]>([
    ['first use', 0, null, true],
    ['same step again (replay)', 0, step, false],
    ['current step after the next step was used', 0, step + 1, false],
    ['previous step after the current one was used', -1, step, false],
    ['previous step after an older one was used', -1, step - 2, true],
    ['next step after the current one was used', 1, step, true],
    ['current step when the previous one was used', 0, step - 1, true],
  ])('afterStep: %s', (_name, offset, afterStep, accepted) => {
    expect(verifyTotp(secret, codeAt(offset), now, { afterStep })).toEqual(
      accepted ? { valid: true, step: step + offset } : { valid: false },
    );
  });

  it('accepts a code at most once when the caller stores the step', () => {
    let lastUsedStep: number | null = null;
    const code = codeAt(0);
    const first = verifyTotp(secret, code, now, { afterStep: lastUsedStep });
    expect(first.valid).toBe(true);
    if (first.valid) lastUsedStep = first.step;
    // Still within its 90-second window, but already used.
    for (const seconds of [0, 15, 29, 45]) {
      const later = new Date(now.getTime() + seconds * 1000);
      expect(verifyTotp(secret, code, later, { afterStep: lastUsedStep })).toEqual({
        valid: false,
      });
    }
  });

  it('returns the later step when the same digits are valid for two steps', () => {
    // Steps 910737 and 910738 of the RFC seed share the code 911617 (found by a one-off
    // search; adjacent collisions happen about once per million steps).
    const collisionSecret = rfcSeeds.sha1;
    const collision = 910_737;
    expect(totpAt(collisionSecret, collision)).toBe('911617');
    expect(totpAt(collisionSecret, collision + 1)).toBe('911617');
    const at = new Date((collision + 1) * 30_000 + 5_000);
    expect(verifyTotp(collisionSecret, '911617', at)).toEqual({ valid: true, step: collision + 1 });
    // Once that step is stored, the same digits are refused although step 910737 never was used.
    expect(verifyTotp(collisionSecret, '911617', at, { afterStep: collision + 1 })).toEqual({
      valid: false,
    });
  });

  it.each([
    ['five digits', '12345'],
    ['seven digits', '1234567'],
    ['letters', 'abcdef'],
    ['empty', ''],
    ['10 000 digits', '1'.repeat(10_000)],
    ['dash', '123-456'],
    ['sign', '+12345'],
    ['Arabic-Indic digits', '١٢٣٤٥٦'],
    ['full-width digits', '１２３４５６'],
    ['NUL inside', '123\u0000456'],
  ])('rejects a malformed code without throwing: %s', (_name, input) => {
    expect(verifyTotp(secret, input, now)).toEqual({ valid: false });
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['number', 123456],
  ])('rejects a non-string code without throwing: %s', (_name, input) => {
    expect(verifyTotp(secret, input as unknown as string, now)).toEqual({ valid: false });
  });

  it.each([
    ['as apps show it', (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`],
    ['spread out', (c: string) => c.split('').join(' ')],
    ['surrounded by whitespace', (c: string) => `\t${c}\n`],
  ])('accepts a valid code with spaces: %s', (_name, format) => {
    expect(verifyTotp(secret, format(codeAt(0)), now)).toEqual({ valid: true, step });
  });

  it('normalizeTotpCode strips whitespace only', () => {
    expect(normalizeTotpCode(' 12 34 56 ')).toBe('123456');
    expect(normalizeTotpCode('12 345 6')).toBe('123456');
    expect(normalizeTotpCode('12-34-56')).toBeNull();
    expect(normalizeTotpCode(`${' '.repeat(40)}123456`)).toBeNull();
  });

  it('rejects the code of another secret', () => {
    const other = ascii('another secret with 20 b');
    const foreign = totpAt(other, step);
    expect([codeAt(-1), codeAt(0), codeAt(1)]).not.toContain(foreign);
    expect(verifyTotp(secret, foreign, now)).toEqual({ valid: false });
  });

  it.each([-1, 1.5, 11])('throws on an invalid window (%s): a programming error', (window) => {
    expect(() => verifyTotp(secret, '123456', now, { window })).toThrow(RangeError);
  });
});

describe('otpauthUri', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it.each([
    [
      'plain',
      'Acme',
      'alice@example.com',
      `otpauth://totp/Acme:alice%40example.com?secret=${secret}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
    ],
    [
      'spaces, colon, ampersand and unicode',
      'Acme & Co: Zürich',
      'bob+2fa@example.com',
      `otpauth://totp/Acme%20%26%20Co%3A%20Z%C3%BCrich:bob%2B2fa%40example.com?secret=${secret}` +
        '&issuer=Acme%20%26%20Co%3A%20Z%C3%BCrich&algorithm=SHA1&digits=6&period=30',
    ],
    [
      'query-like characters',
      'a?b=c#d',
      'x/y',
      `otpauth://totp/a%3Fb%3Dc%23d:x%2Fy?secret=${secret}&issuer=a%3Fb%3Dc%23d&algorithm=SHA1&digits=6&period=30`,
    ],
  ])('%s', (_name, issuer, label, expected) => {
    const uri = otpauthUri({ issuer, label, secret });
    expect(uri).toBe(expected);
    // It parses back to what went in.
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    const path = decodeURIComponent(parsed.pathname.replace(/^\/+/, ''));
    expect(path).toBe(`${issuer}:${label}`);
    expect(parsed.searchParams.get('issuer')).toBe(issuer);
    expect(parsed.searchParams.get('secret')).toBe(secret);
  });

  it("is otplib's URI plus the explicit algorithm, digits and period", () => {
    const input = { issuer: 'Acme & Co', label: 'alice@example.com', secret };
    expect(otpauthUri(input)).toBe(`${generateURI(input)}&algorithm=SHA1&digits=6&period=30`);
  });

  it('normalizes a hand-formatted secret', () => {
    expect(otpauthUri({ issuer: 'A', label: 'b', secret: 'jbsw y3dp' })).toContain(
      'secret=JBSWY3DP&',
    );
  });

  it.each([
    ['empty issuer', '', 'a@b.c'],
    ['blank label', 'Acme', '  '],
  ])('refuses %s', (_name, issuer, label) => {
    expect(() => otpauthUri({ issuer, label, secret })).toThrow(RangeError);
  });
});

describe('manualEntryKey', () => {
  it.each([
    ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSW Y3DP EHPK 3PXP'],
    ['MZXW6YTBOI', 'MZXW 6YTB OI'],
  ])('%s → %s', (secret, key) => {
    expect(manualEntryKey(secret)).toBe(key);
    expect(base32Decode(key).equals(base32Decode(secret))).toBe(true);
  });
});
