import { accountDomainSchema } from '@twofold/shared';
import {
  holdsVerification,
  verificationRecordName,
  verificationRecordValue,
} from './domain-verification';

describe('accountDomainSchema', () => {
  // what the owner types → the domain kept, or null when refused
  it.each<[string, string | null]>([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['example.com.', 'example.com'],
    ['@example.com', 'example.com'],
    ['mail.eu.example.co.uk', 'mail.eu.example.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['localhost', null],
    ['example', null],
    ['exa mple.com', null],
    ['-example.com', null],
    ['example-.com', null],
    ['example..com', null],
    ['*.example.com', null],
    ['example.com/path', null],
    ['_twofold.example.com', null],
    ['192.168.0.1', null],
    ['', null],
    [`${'a'.repeat(64)}.com`, null],
    [`${'a.'.repeat(126)}com`, null],
  ])('%j → %j', (input, expected) => {
    const parsed = accountDomainSchema.safeParse(input);
    expect(parsed.success ? parsed.data : null).toBe(expected);
  });
});

describe('the verification record', () => {
  it('lives at _twofold.<domain> and holds twofold-verification=<token>', () => {
    expect(verificationRecordName('example.com')).toBe('_twofold.example.com');
    expect(verificationRecordValue('0123abcd')).toBe('twofold-verification=0123abcd');
  });
});

describe('holdsVerification', () => {
  const token = '9f86d081884c7d659a2feaa0c55ad015';
  // TXT records as DNS hands them over (character strings per record) → whether they prove it
  it.each<[string, string[][], boolean]>([
    ['the exact record', [[`twofold-verification=${token}`]], true],
    ['among other records', [['v=spf1 -all'], [`twofold-verification=${token}`]], true],
    ['split into character strings', [['twofold-verif', `ication=${token}`]], true],
    ['in another case', [[`TWOFOLD-VERIFICATION=${token.toUpperCase()}`]], true],
    ['with blanks around it', [[`  twofold-verification=${token} `]], true],
    ['with pasted quotes', [[`"twofold-verification=${token}"`]], true],
    ['no record', [], false],
    ['another token', [['twofold-verification=00000000000000000000000000000000']], false],
    ['the token alone', [[token]], false],
    ['a longer token', [[`twofold-verification=${token}0`]], false],
    ['a shorter token', [[`twofold-verification=${token.slice(0, -1)}`]], false],
    ['the token inside another text', [[`x twofold-verification=${token}`]], false],
    ['two records each half of it', [['twofold-verification='], [token]], false],
    ['an empty prefix only', [['twofold-verification=']], false],
  ])('%s → %j', (_name, records, expected) => {
    expect(holdsVerification(records, token)).toBe(expected);
  });

  it('never matches an empty token', () => {
    expect(holdsVerification([['twofold-verification=']], '')).toBe(false);
  });
});
