import { createHmac } from 'node:crypto';
import { ProviderTwoFactorPolicy, SecondFactorKind, TokenTransport } from '@twofold/shared';

// docs/design.md, Remembered browsers

/** The longest a type may let a browser be remembered. */
export const REMEMBER_DAYS_MAX = 90;

/** Every remembered-browser cookie's name starts so; the rest names its login and profile. */
export const DEVICE_COOKIE_PREFIX = 'twofold_device_';

const dayMs = 24 * 60 * 60_000;

/**
 * The cookie that carries the device token of one profile of one login: its name is an HMAC of
 * both, so two logins (or two profiles) on one browser each keep their own, a cookie is only
 * ever read for the profile it was set for, and the name gives away no id.
 */
export function deviceCookieName(key: Buffer, identityId: string, userId: string): string {
  const mac = createHmac('sha256', key).update(`${identityId}/${userId}`, 'utf8').digest('hex');
  return `${DEVICE_COOKIE_PREFIX}${mac.slice(0, 16)}`;
}

/** What decides whether a session may remember its browser, or use a remembered one. */
export interface RememberContext {
  /** The profile's type's `rememberDeviceDays`; null without a policy. */
  policyDays: number | null;
  transport: TokenTransport;
  /** The rule of the OpenID provider that opened the session; null after a password. */
  providerPolicy: ProviderTwoFactorPolicy | null;
}

/**
 * The context of a session whose profile's policy is `policy`. A session opened by a provider
 * comes with the provider read; should one not, it is treated as EXEMPT: nothing is remembered.
 */
export function rememberContextOf(
  session: {
    transport: TokenTransport;
    identityProviderId: string | null;
    identityProvider?: { twoFactorPolicy: ProviderTwoFactorPolicy } | null;
  },
  policy: { rememberDeviceDays: number } | null,
): RememberContext {
  return {
    policyDays: policy?.rememberDeviceDays ?? null,
    transport: session.transport,
    providerPolicy:
      session.identityProviderId === null
        ? null
        : (session.identityProvider?.twoFactorPolicy ?? ProviderTwoFactorPolicy.EXEMPT),
  };
}

/**
 * For how many days a session may remember its browser (0: not at all). Only a browser keeps a
 * cookie, so never for a bearer session; never for a session of a provider EXEMPT from the
 * second factor, whose sign-ins Twofold's factor does not stand behind.
 */
export function rememberBrowserDays(context: RememberContext): number {
  if (context.transport !== TokenTransport.COOKIE) return 0;
  if (context.providerPolicy === ProviderTwoFactorPolicy.EXEMPT) return 0;
  const days = context.policyDays ?? 0;
  if (!Number.isInteger(days) || days <= 0) return 0;
  return Math.min(days, REMEMBER_DAYS_MAX);
}

/**
 * Whether a second factor of `kind` may remember the browser. A phishing-resistant-only type
 * remembers only on a passkey's word: a backup code can be phished like a password, and must not
 * buy days without a second factor (docs/design.md, Remembered browsers).
 */
export function remembersAfter(kind: SecondFactorKind, phishingResistantOnly: boolean): boolean {
  return !phishingResistantOnly || kind === SecondFactorKind.PASSKEY;
}

/** When a device remembered `now` for `days` days expires. */
export function deviceExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * dayMs);
}

/**
 * The oldest `createdAt` a device may have to be used at `now` under a policy of `days`: a
 * shortened policy shortens the devices remembered under the longer one.
 */
export function oldestUsableCreation(now: Date, days: number): Date {
  return new Date(now.getTime() - days * dayMs);
}

/** Why a device cookie did or did not skip the second factor. */
export type DeviceDecision =
  | 'SKIP'
  | 'NOT_REMEMBERABLE'
  | 'LOCKED'
  | 'NO_DEVICE'
  | 'OTHER_PROFILE'
  | 'EXPIRED'
  | 'POLICY_SHORTENED';

/**
 * Whether the remembered device `device` (found by the token of this profile's cookie) skips
 * the second factor of `profile` at `now`. Never while the profile's second-factor step is
 * locked or disabled: a lock says someone is guessing its codes, a disable waits for an
 * administrator, and a remembered browser is no way around either.
 */
export function deviceDecision(
  input: RememberContext & {
    device: { identityId: string; userId: string; createdAt: Date; expiresAt: Date } | null;
    profile: { identityId: string; userId: string };
    locked: boolean;
  },
  now: Date,
): DeviceDecision {
  const days = rememberBrowserDays(input);
  if (days === 0) return 'NOT_REMEMBERABLE';
  if (input.locked) return 'LOCKED';
  const { device, profile } = input;
  if (!device) return 'NO_DEVICE';
  if (device.identityId !== profile.identityId || device.userId !== profile.userId) {
    return 'OTHER_PROFILE';
  }
  if (device.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  if (device.createdAt.getTime() <= oldestUsableCreation(now, days).getTime()) {
    return 'POLICY_SHORTENED';
  }
  return 'SKIP';
}

/** An audit event's word on the remembered browsers a change forgot: nothing when none. */
export function forgottenDetail(count: number): { rememberedBrowsersForgotten?: number } {
  return count > 0 ? { rememberedBrowsersForgotten: count } : {};
}
