import { ProviderTwoFactorPolicy, SecondFactorWaiver } from '@twofold/shared';
import {
  amrOf,
  authenticationOf,
  emailDomainAllowed,
  storedAuthentication,
  waiverOf,
} from './provider-policy';

const { REQUIRE_TWOFOLD, TRUST_PROVIDER, EXEMPT } = ProviderTwoFactorPolicy;
const { PROVIDER_MFA, PROVIDER_EXEMPT } = SecondFactorWaiver;

describe('waiverOf', () => {
  // policy, trusted acr values, amr, acr → waiver
  it.each<[ProviderTwoFactorPolicy, string[], string[], string | null, SecondFactorWaiver | null]>([
    [REQUIRE_TWOFOLD, [], ['pwd', 'mfa', 'otp'], null, null],
    [REQUIRE_TWOFOLD, ['gold'], [], 'gold', null],
    [EXEMPT, [], [], null, PROVIDER_EXEMPT],
    [EXEMPT, [], ['pwd'], null, PROVIDER_EXEMPT],
    [TRUST_PROVIDER, [], [], null, null],
    [TRUST_PROVIDER, [], ['pwd'], null, null],
    [TRUST_PROVIDER, [], ['pwd', 'mfa'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['otp'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['hwk'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['swk'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['MFA'], null, null], // amr values are case-sensitive (RFC 8176)
    [TRUST_PROVIDER, [], ['sms'], null, null], // not in the trusted set
    [TRUST_PROVIDER, ['urn:acr:mfa'], ['pwd'], 'urn:acr:mfa', PROVIDER_MFA],
    [TRUST_PROVIDER, ['urn:acr:mfa'], ['pwd'], 'urn:acr:pwd', null],
    [TRUST_PROVIDER, [], ['pwd'], 'urn:acr:mfa', null], // an acr counts only when configured
  ])('%s with acr values %j, amr %j, acr %j → %s', (policy, trusted, amr, acr, waiver) => {
    expect(waiverOf({ twoFactorPolicy: policy, trustedAcrValues: trusted }, { amr, acr })).toBe(
      waiver,
    );
  });

  it('waives nothing for a password session', () => {
    expect(waiverOf(null, { amr: ['mfa'], acr: null })).toBeNull();
  });
});

describe('the ID token’s amr and acr on the session', () => {
  it.each<[unknown, string[]]>([
    [
      ['pwd', 'otp'],
      ['pwd', 'otp'],
    ],
    ['mfa', []],
    [null, []],
    [[1, 'mfa', { a: 1 }], ['mfa']],
  ])('amrOf(%j) = %j', (claim, amr) => {
    expect(amrOf(claim)).toEqual(amr);
  });

  it('round-trips through the columns, dropping values no token could carry', () => {
    const stored = storedAuthentication({ amr: ['pwd', 'otp', 'with space', ''], acr: 'gold' });
    expect(stored).toEqual({ providerAmr: 'otp pwd', providerAcr: 'gold' });
    expect(authenticationOf(stored)).toEqual({ amr: ['otp', 'pwd'], acr: 'gold' });
    // 20 long values and mfa last: the column keeps mfa and stays within 255 characters
    const many = storedAuthentication({
      amr: [...Array.from({ length: 20 }, (_, i) => `method-${i}-`.padEnd(32, 'x')), 'mfa'],
      acr: 'a'.repeat(256),
    });
    expect(many.providerAmr!.length).toBeLessThanOrEqual(255);
    expect(many.providerAmr!.startsWith('mfa ')).toBe(true);
    expect(many.providerAcr).toBeNull();
    expect(authenticationOf(storedAuthentication({ amr: [], acr: null }))).toEqual({
      amr: [],
      acr: null,
    });
  });
});

describe('emailDomainAllowed', () => {
  it.each<[string[], string, boolean]>([
    [[], 'ann@anything.test', true],
    [['example.com'], 'ann@example.com', true],
    [['example.com'], 'ann@EXAMPLE.com', true],
    [['example.com'], 'ann@sub.example.com', false],
    [['example.com'], 'ann@example.com.evil.test', false],
    [['example.com'], 'ann@evil.test', false],
    [['example.com'], 'example.com', false],
    [['example.com', 'example.org'], 'ann@example.org', true],
  ])('%j allows %s: %s', (domains, email, allowed) => {
    expect(emailDomainAllowed(domains, email)).toBe(allowed);
  });
});
