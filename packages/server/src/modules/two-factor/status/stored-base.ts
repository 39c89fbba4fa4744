import { Enforcement, TwoFactorStatus } from '@twofold/shared';
import { effectiveEnforcement, type TwoFactorFacts } from './facts';

/**
 * The time-independent part of a profile's 2FA status, stored on its row (docs/design.md,
 * Stored 2FA status): what computeTwoFactorStatus() answers with no lock, and PENDING where the
 * answer would be GRACE or OVERDUE (the clock decides between them).
 */
export enum StoredTwoFactorBase {
  NOT_REQUIRED = 'NOT_REQUIRED',
  ENROLLED = 'ENROLLED',
  OPTIONAL_OFF = 'OPTIONAL_OFF',
  AWAITING_FIRST_SIGN_IN = 'AWAITING_FIRST_SIGN_IN',
  PENDING = 'PENDING',
}

/** Bits of the stored `twoFactorHeld`: the methods a profile holds confirmed. */
export const heldBits = { AUTHENTICATOR_APP: 1, SMS: 2, PIN: 4 } as const;

/** What a disabled factor step (100 wrong codes) stores as its lock's end: never by itself. */
export const disabledLockSentinel = new Date('9999-12-31T00:00:00.000Z');

/** The stored base of `facts`: computeTwoFactorStatus() without the lock and the clock. */
export function storedBaseOf(
  facts: Omit<TwoFactorFacts, 'locked' | 'deadline'>,
): StoredTwoFactorBase {
  const enforcement = effectiveEnforcement(facts);
  if (enforcement === Enforcement.OFF) return StoredTwoFactorBase.NOT_REQUIRED;
  if (facts.hasAllowedFactor) return StoredTwoFactorBase.ENROLLED;
  if (enforcement === Enforcement.OPTIONAL) return StoredTwoFactorBase.OPTIONAL_OFF;
  if (!facts.signedIn) return StoredTwoFactorBase.AWAITING_FIRST_SIGN_IN;
  return StoredTwoFactorBase.PENDING;
}

/**
 * The status of a profile from its stored columns at `now`: the same as computeTwoFactorStatus()
 * of its facts (a table-driven test holds the two together). Each branch is a range condition the
 * users indexes answer (status-filter-sql.ts).
 */
export function statusOfStored(
  stored: { base: StoredTwoFactorBase; deadline: Date | null; lockedUntil: Date | null },
  now: Date,
): TwoFactorStatus {
  if (stored.lockedUntil !== null && stored.lockedUntil.getTime() > now.getTime()) {
    return TwoFactorStatus.LOCKED;
  }
  if (stored.base !== StoredTwoFactorBase.PENDING) return TwoFactorStatus[stored.base];
  return stored.deadline !== null && stored.deadline.getTime() > now.getTime()
    ? TwoFactorStatus.GRACE
    : TwoFactorStatus.OVERDUE;
}
