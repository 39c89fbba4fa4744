import { Enforcement, TwoFactorStatus } from '@twofold/shared';
import { effectiveEnforcement, type TwoFactorFacts } from './facts';
import { StoredTwoFactorBase } from './stored-base-values';

export { disabledLockSentinel, heldBits, StoredTwoFactorBase } from './stored-base-values';

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
