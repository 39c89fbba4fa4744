import { Enforcement, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';
import { computeTwoFactorStatus, type TwoFactorFacts } from './facts';
import {
  disabledLockSentinel,
  statusOfStored,
  storedBaseOf,
  StoredTwoFactorBase,
} from './stored-base';

const now = new Date('2026-12-07T12:00:00Z');
const past = new Date(now.getTime() - 1);
const future = new Date(now.getTime() + 1);

describe('the stored 2FA status', () => {
  // every combination of what decides the status, each lock and deadline against `now`
  const rows: [TwoFactorFacts, Date | null][] = [];
  for (const enforcement of Object.values(Enforcement))
    for (const requirement of Object.values(TwoFactorRequirement))
      for (const hasAllowedFactor of [false, true])
        for (const signedIn of [false, true])
          for (const deadline of [null, past, now, future])
            for (const lockedUntil of [null, past, now, future, disabledLockSentinel])
              rows.push([
                {
                  enforcement,
                  requirement,
                  hasActiveFactor: hasAllowedFactor,
                  hasAllowedFactor,
                  signedIn,
                  deadline,
                  // isLocked(): a lock ending exactly now has ended
                  locked: lockedUntil !== null && lockedUntil.getTime() > now.getTime(),
                },
                lockedUntil,
              ]);

  it.each(rows)('gives computeTwoFactorStatus() for %j locked until %s', (facts, lockedUntil) => {
    const stored = { base: storedBaseOf(facts), deadline: facts.deadline, lockedUntil };
    expect(statusOfStored(stored, now)).toBe(computeTwoFactorStatus(facts, now));
  });

  it.each<[Partial<TwoFactorFacts>, StoredTwoFactorBase]>([
    [{ enforcement: Enforcement.OFF }, StoredTwoFactorBase.NOT_REQUIRED],
    [{ enforcement: Enforcement.OPTIONAL, hasAllowedFactor: true }, StoredTwoFactorBase.ENROLLED],
    [{ enforcement: Enforcement.OPTIONAL }, StoredTwoFactorBase.OPTIONAL_OFF],
    [
      { enforcement: Enforcement.REQUIRED, signedIn: false },
      StoredTwoFactorBase.AWAITING_FIRST_SIGN_IN,
    ],
    [{ enforcement: Enforcement.REQUIRED }, StoredTwoFactorBase.PENDING],
    [
      { enforcement: Enforcement.OFF, requirement: TwoFactorRequirement.REQUIRED },
      StoredTwoFactorBase.PENDING,
    ],
  ])('stores %j as %s, whatever the clock', (partial, base) => {
    const facts: TwoFactorFacts = {
      enforcement: Enforcement.OPTIONAL,
      requirement: TwoFactorRequirement.INHERIT,
      hasActiveFactor: false,
      hasAllowedFactor: false,
      signedIn: true,
      deadline: null,
      locked: false,
      ...partial,
    };
    expect(storedBaseOf(facts)).toBe(base);
    expect(statusOfStored({ base, deadline: future, lockedUntil: null }, now)).not.toBe(
      TwoFactorStatus.LOCKED,
    );
  });
});
