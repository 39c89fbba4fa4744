import { ProviderTwoFactorPolicy, SecondFactorWaiver, UserType } from '@twofold/shared';
import {
  amrOf,
  amrShowsMultipleFactors,
  authenticationIsFresh,
  authenticationOf,
  authorizationRequestOf,
  authTimeOf,
  emailDomainAllowed,
  FactorKind,
  factorKindOf,
  type ProviderRule,
  storedAuthentication,
  waiverOf,
} from './provider-policy';

const { REQUIRE_TWOFOLD, TRUST_PROVIDER, EXEMPT } = ProviderTwoFactorPolicy;
const { PROVIDER_MFA, PROVIDER_EXEMPT } = SecondFactorWaiver;
const { KNOWLEDGE, POSSESSION, INHERENCE } = FactorKind;
const { APP_REVIEWER, ADMINISTRATOR } = UserType;

describe('factorKindOf (RFC 8176 values)', () => {
  it.each<[string, FactorKind | null]>([
    ['pwd', KNOWLEDGE],
    ['pin', KNOWLEDGE],
    ['kba', KNOWLEDGE],
    ['otp', POSSESSION],
    ['hwk', POSSESSION],
    ['swk', POSSESSION],
    ['sms', POSSESSION],
    ['tel', POSSESSION],
    ['sc', POSSESSION],
    ['pop', POSSESSION],
    ['fpt', INHERENCE],
    ['face', INHERENCE],
    ['iris', INHERENCE],
    ['retina', INHERENCE],
    ['vbm', INHERENCE],
    // values that name no factor of their own
    ['mfa', null],
    ['mca', null],
    ['user', null],
    ['geo', null],
    ['rba', null],
    ['wia', null],
    // case-sensitive, and nothing from the object prototype
    ['PWD', null],
    ['toString', null],
    ['__proto__', null],
    ['', null],
  ])('%j is %s', (method, kind) => {
    expect(factorKindOf(method)).toBe(kind);
  });
});

describe('amrShowsMultipleFactors', () => {
  it.each<[string[], boolean]>([
    [[], false],
    [['mfa'], true],
    [['pwd', 'mfa'], true],
    [['otp'], false], // a passwordless email code
    [['hwk'], false],
    [['swk'], false],
    [['pwd'], false],
    [['pwd', 'pin'], false], // two of one kind
    [['otp', 'sms'], false],
    [['hwk', 'user'], false], // presence is no factor
    [['pwd', 'otp'], true],
    [['pin', 'hwk'], true],
    [['face', 'swk'], true],
    [['pwd', 'fpt'], true],
    [['otp', 'otp'], false],
    [['MFA'], false],
    [['rba', 'geo', 'wia'], false],
  ])('%j → %s', (amr, shown) => {
    expect(amrShowsMultipleFactors(amr)).toBe(shown);
  });
});

const rule = (overrides: Partial<ProviderRule> = {}): ProviderRule => ({
  twoFactorPolicy: TRUST_PROVIDER,
  trustedAcrValues: [],
  waiverUserTypes: [APP_REVIEWER],
  maxAgeSeconds: 600,
  ...overrides,
});

describe('waiverOf', () => {
  // policy, trusted acr values, amr, acr → waiver (a fresh sign-in, a ticked type)
  it.each<[ProviderTwoFactorPolicy, string[], string[], string | null, SecondFactorWaiver | null]>([
    [REQUIRE_TWOFOLD, [], ['pwd', 'mfa', 'otp'], null, null],
    [REQUIRE_TWOFOLD, ['gold'], [], 'gold', null],
    [EXEMPT, [], [], null, PROVIDER_EXEMPT],
    [EXEMPT, [], ['pwd'], null, PROVIDER_EXEMPT],
    [TRUST_PROVIDER, [], [], null, null],
    [TRUST_PROVIDER, [], ['pwd'], null, null],
    [TRUST_PROVIDER, [], ['pwd', 'mfa'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['mfa'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['otp'], null, null],
    [TRUST_PROVIDER, [], ['hwk'], null, null],
    [TRUST_PROVIDER, [], ['swk'], null, null],
    [TRUST_PROVIDER, [], ['pwd', 'otp'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['pwd', 'hwk'], null, PROVIDER_MFA],
    [TRUST_PROVIDER, [], ['MFA'], null, null], // amr values are case-sensitive (RFC 8176)
    [TRUST_PROVIDER, [], ['sms', 'otp'], null, null], // one kind twice
    [TRUST_PROVIDER, ['urn:acr:mfa'], ['pwd'], 'urn:acr:mfa', PROVIDER_MFA],
    [TRUST_PROVIDER, ['urn:acr:mfa'], ['pwd'], 'urn:acr:pwd', null],
    [TRUST_PROVIDER, [], ['pwd'], 'urn:acr:mfa', null], // an acr counts only when configured
  ])('%s with acr values %j, amr %j, acr %j → %s', (policy, trusted, amr, acr, waiver) => {
    expect(
      waiverOf(
        rule({ twoFactorPolicy: policy, trustedAcrValues: trusted }),
        { amr, acr, authAgeSeconds: 5 },
        APP_REVIEWER,
      ),
    ).toBe(waiver);
  });

  it('waives only for the user types the owner ticked (none by default)', () => {
    const fresh = { amr: ['mfa'], acr: null, authAgeSeconds: 5 };
    expect(waiverOf(rule(), fresh, ADMINISTRATOR)).toBeNull();
    expect(waiverOf(rule({ waiverUserTypes: [] }), fresh, APP_REVIEWER)).toBeNull();
    expect(
      waiverOf(rule({ twoFactorPolicy: EXEMPT, waiverUserTypes: [] }), fresh, APP_REVIEWER),
    ).toBeNull();
    expect(waiverOf(rule(), fresh, APP_REVIEWER)).toBe(PROVIDER_MFA);
    // before a profile is chosen nothing is waived
    expect(waiverOf(rule(), fresh, null)).toBeNull();
  });

  it.each<[number | null, number | null, boolean]>([
    [600, 0, true],
    [600, 600, true],
    [600, 630, true], // within the clock skew allowed
    [600, 631, false],
    [600, 3600, false],
    [600, null, false], // no auth_time: no proof of a fresh sign-in
    [0, 20, true],
    [null, null, true], // any age
    [null, 86_400 * 30, true],
  ])('max age %s, sign-in %s s before: fresh %s', (maxAgeSeconds, authAgeSeconds, fresh) => {
    expect(authenticationIsFresh({ maxAgeSeconds }, { authAgeSeconds })).toBe(fresh);
    for (const policy of [TRUST_PROVIDER, EXEMPT]) {
      expect(
        waiverOf(
          rule({ twoFactorPolicy: policy, maxAgeSeconds }),
          { amr: ['mfa'], acr: null, authAgeSeconds },
          APP_REVIEWER,
        ) !== null,
      ).toBe(fresh);
    }
  });

  it('waives nothing for a password session', () => {
    expect(waiverOf(null, { amr: ['mfa'], acr: null, authAgeSeconds: 0 }, APP_REVIEWER)).toBeNull();
  });
});

describe('authorizationRequestOf', () => {
  it.each<[string, Partial<ProviderRule>, Record<string, unknown>]>([
    ['nothing for REQUIRE_TWOFOLD', { twoFactorPolicy: REQUIRE_TWOFOLD }, {}],
    [
      'amr essential and max_age when only amr can show a second factor',
      {},
      {
        max_age: '600',
        claims: { id_token: { amr: { essential: true }, auth_time: { essential: true } } },
      },
    ],
    [
      'the trusted acr values, voluntary, and amr',
      { trustedAcrValues: ['urn:loa:2', 'urn:loa:3'], maxAgeSeconds: 300 },
      {
        acr_values: 'urn:loa:2 urn:loa:3',
        max_age: '300',
        claims: {
          id_token: {
            amr: { essential: false },
            acr: { values: ['urn:loa:2', 'urn:loa:3'] },
            auth_time: { essential: true },
          },
        },
      },
    ],
    [
      'no max_age when any age will do',
      { maxAgeSeconds: null },
      { claims: { id_token: { amr: { essential: true } } } },
    ],
    [
      'no max_age when no user type is ticked',
      { waiverUserTypes: [] },
      { claims: { id_token: { amr: { essential: true } } } },
    ],
    [
      'only max_age for EXEMPT',
      { twoFactorPolicy: EXEMPT, trustedAcrValues: ['ignored'] },
      { max_age: '600', claims: { id_token: { auth_time: { essential: true } } } },
    ],
    ['nothing for EXEMPT without a max age', { twoFactorPolicy: EXEMPT, maxAgeSeconds: null }, {}],
  ])('%s', (_, overrides, expected) => {
    const parameters = authorizationRequestOf(rule(overrides));
    expect({
      ...parameters,
      ...(parameters.claims ? { claims: JSON.parse(parameters.claims) as unknown } : {}),
    }).toEqual(expected);
  });
});

describe('the ID token’s amr, acr and auth_time on the session', () => {
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

  it.each<[unknown, Date | null]>([
    [1_800_000_000, new Date(1_800_000_000_000)],
    [1_800_000_000.7, new Date(1_800_000_000_000)],
    ['1800000000', null],
    [null, null],
    [Number.NaN, null],
    [-5, null],
  ])('authTimeOf(%j) = %s', (claim, date) => {
    expect(authTimeOf(claim)).toEqual(date);
  });

  it('round-trips through the columns, dropping values no token could carry', () => {
    const createdAt = new Date('2026-12-07T12:00:00Z');
    const authAt = new Date('2026-12-07T11:58:00Z');
    const stored = storedAuthentication({
      amr: ['pwd', 'otp', 'with space', ''],
      acr: 'gold',
      authAt,
    });
    expect(stored).toEqual({ providerAmr: 'pwd otp', providerAcr: 'gold', providerAuthAt: authAt });
    expect(authenticationOf({ ...stored, createdAt })).toEqual({
      amr: ['pwd', 'otp'],
      acr: 'gold',
      authAgeSeconds: 120,
    });
    // 20 long values and two factors last: the column keeps them within 255 characters
    const many = storedAuthentication({
      amr: [...Array.from({ length: 20 }, (_, i) => `method-${i}-`.padEnd(32, 'x')), 'pwd', 'hwk'],
      acr: 'a'.repeat(256),
      authAt: null,
    });
    expect(many.providerAmr!.length).toBeLessThanOrEqual(255);
    expect(many.providerAmr!.startsWith('pwd hwk ')).toBe(true);
    expect(many.providerAcr).toBeNull();
    expect(
      authenticationOf({
        ...storedAuthentication({ amr: [], acr: null, authAt: null }),
        createdAt,
      }),
    ).toEqual({ amr: [], acr: null, authAgeSeconds: null });
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
