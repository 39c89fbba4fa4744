import { ProviderTwoFactorPolicy, SecondFactorKind, TokenTransport } from '@twofold/shared';
import {
  type DeviceDecision,
  deviceCookieName,
  deviceDecision,
  forgottenDetail,
  type RememberContext,
  rememberBrowserDays,
  rememberContextOf,
  remembersAfter,
} from './remembered-device-rules';

const now = new Date('2031-05-01T12:00:00.000Z');
const day = 24 * 60 * 60_000;
const at = (days: number) => new Date(now.getTime() + days * day);

const cookieContext = (values: Partial<RememberContext> = {}): RememberContext => ({
  policyDays: 30,
  transport: TokenTransport.COOKIE,
  providerPolicy: null,
  ...values,
});

describe('rememberBrowserDays', () => {
  it.each<[string, Partial<RememberContext>, number]>([
    ['the type’s days, over a cookie after a password', {}, 30],
    ['none where the type does not remember (0)', { policyDays: 0 }, 0],
    ['none without a policy', { policyDays: null }, 0],
    ['none for a bearer session: no cookie jar', { transport: TokenTransport.BEARER }, 0],
    ['none through an EXEMPT provider', { providerPolicy: ProviderTwoFactorPolicy.EXEMPT }, 0],
    [
      'the days through a provider whose rule keeps Twofold’s factor',
      { providerPolicy: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD },
      30,
    ],
    [
      'the days through a TRUST_PROVIDER provider (its factor was not shown)',
      { providerPolicy: ProviderTwoFactorPolicy.TRUST_PROVIDER },
      30,
    ],
    ['at most 90 days, whatever is stored', { policyDays: 400 }, 90],
    ['none for a negative or broken value', { policyDays: -3 }, 0],
    ['none for a fraction', { policyDays: 1.5 }, 0],
  ])('%s', (_name, values, expected) => {
    expect(rememberBrowserDays(cookieContext(values))).toBe(expected);
  });
});

describe('rememberContextOf', () => {
  const policy = { rememberDeviceDays: 14 };
  it('reads no provider after a password', () => {
    expect(
      rememberContextOf({ transport: TokenTransport.COOKIE, identityProviderId: null }, policy),
    ).toEqual({ policyDays: 14, transport: TokenTransport.COOKIE, providerPolicy: null });
  });
  it('reads the provider’s rule', () => {
    expect(
      rememberContextOf(
        {
          transport: TokenTransport.COOKIE,
          identityProviderId: 'p',
          identityProvider: { twoFactorPolicy: ProviderTwoFactorPolicy.TRUST_PROVIDER },
        },
        policy,
      ).providerPolicy,
    ).toBe(ProviderTwoFactorPolicy.TRUST_PROVIDER);
  });
  it('treats a provider it could not read as EXEMPT: nothing remembered', () => {
    const context = rememberContextOf(
      { transport: TokenTransport.COOKIE, identityProviderId: 'p', identityProvider: null },
      policy,
    );
    expect(rememberBrowserDays(context)).toBe(0);
  });
});

describe('deviceCookieName', () => {
  const key = Buffer.alloc(32, 7);
  it('is the prefix and 16 hex digits, the same for the same login and profile', () => {
    const name = deviceCookieName(key, 'login-a', 'profile-1');
    expect(name).toMatch(/^twofold_device_[0-9a-f]{16}$/);
    expect(deviceCookieName(key, 'login-a', 'profile-1')).toBe(name);
  });
  it('differs per login, per profile and per key, and names no id', () => {
    const name = deviceCookieName(key, 'login-a', 'profile-1');
    expect(deviceCookieName(key, 'login-b', 'profile-1')).not.toBe(name);
    expect(deviceCookieName(key, 'login-a', 'profile-2')).not.toBe(name);
    expect(deviceCookieName(Buffer.alloc(32, 8), 'login-a', 'profile-1')).not.toBe(name);
    expect(name).not.toContain('login');
  });
});

describe('deviceDecision', () => {
  const profile = { identityId: 'login-a', userId: 'profile-1' };
  const device = (
    values: Partial<{ identityId: string; userId: string; createdAt: Date; expiresAt: Date }> = {},
  ) => ({
    ...profile,
    createdAt: at(-10),
    expiresAt: at(20),
    ...values,
  });
  it.each<[string, Partial<Parameters<typeof deviceDecision>[0]>, DeviceDecision]>([
    ['skips with a live device of the profile', {}, 'SKIP'],
    ['not where the type remembers nothing', { policyDays: 0 }, 'NOT_REMEMBERABLE'],
    ['not for a bearer session', { transport: TokenTransport.BEARER }, 'NOT_REMEMBERABLE'],
    [
      'not for an EXEMPT provider’s session',
      { providerPolicy: ProviderTwoFactorPolicy.EXEMPT },
      'NOT_REMEMBERABLE',
    ],
    ['not while the second-factor step is locked', { locked: true }, 'LOCKED'],
    ['not without a device', { device: null }, 'NO_DEVICE'],
    [
      'not with another login’s device',
      { device: device({ identityId: 'login-b' }) },
      'OTHER_PROFILE',
    ],
    [
      'not with another profile’s device of the same login',
      { device: device({ userId: 'profile-2' }) },
      'OTHER_PROFILE',
    ],
    ['not once expired', { device: device({ expiresAt: now }) }, 'EXPIRED'],
    [
      'not past the current, shorter policy',
      { policyDays: 7, device: device({ createdAt: at(-8) }) },
      'POLICY_SHORTENED',
    ],
    [
      'still within the current, shorter policy',
      { policyDays: 7, device: device({ createdAt: at(-6) }) },
      'SKIP',
    ],
    [
      'not at exactly the policy’s end',
      { policyDays: 10, device: device({ createdAt: at(-10) }) },
      'POLICY_SHORTENED',
    ],
  ])('%s', (_name, values, expected) => {
    expect(
      deviceDecision(
        { ...cookieContext(), device: device(), profile, locked: false, ...values },
        now,
      ),
    ).toBe(expected);
  });
});

describe('forgottenDetail', () => {
  it('says nothing when nothing was forgotten, and how many otherwise', () => {
    expect(forgottenDetail(0)).toEqual({});
    expect(forgottenDetail(3)).toEqual({ rememberedBrowsersForgotten: 3 });
  });
});

describe('remembersAfter', () => {
  it.each<[SecondFactorKind, boolean, boolean]>([
    [SecondFactorKind.AUTHENTICATOR_APP, false, true],
    [SecondFactorKind.BACKUP_CODE, false, true],
    [SecondFactorKind.PASSKEY, false, true],
    [SecondFactorKind.PASSKEY, true, true],
    // phishing-resistant only: a backup code (or anything but a passkey) remembers nothing
    [SecondFactorKind.BACKUP_CODE, true, false],
    [SecondFactorKind.AUTHENTICATOR_APP, true, false],
    [SecondFactorKind.PIN, true, false],
  ])('%s, phishing-resistant only %s → %s', (kind, phishingResistantOnly, expected) => {
    expect(remembersAfter(kind, phishingResistantOnly)).toBe(expected);
  });
});
