import { Enforcement, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';
import {
  computeTwoFactorStatus,
  enrollmentDeadline,
  firstSignInDeadline,
  type TwoFactorFacts,
} from './facts';

const now = new Date('2026-11-22T12:00:00Z');
const past = new Date('2026-11-22T11:59:59Z');
const future = new Date('2026-11-29T12:00:00Z');
const { OFF, OPTIONAL, REQUIRED } = Enforcement;
const { INHERIT } = TwoFactorRequirement;
const USER_REQUIRED = TwoFactorRequirement.REQUIRED;

function facts(
  enforcement: Enforcement,
  requirement: TwoFactorRequirement,
  hasActiveFactor: boolean,
  deadline: Date | null,
  locked = false,
  signedIn = true,
): TwoFactorFacts {
  return {
    enforcement,
    requirement,
    hasActiveFactor,
    hasAllowedFactor: hasActiveFactor,
    deadline,
    locked,
    signedIn,
  };
}

describe('computeTwoFactorStatus', () => {
  it.each<[Enforcement, TwoFactorRequirement, boolean, Date | null, boolean, TwoFactorStatus]>([
    [OFF, INHERIT, false, null, false, TwoFactorStatus.NOT_REQUIRED],
    [OFF, INHERIT, true, null, false, TwoFactorStatus.NOT_REQUIRED],
    [OPTIONAL, INHERIT, false, null, false, TwoFactorStatus.OPTIONAL_OFF],
    [OPTIONAL, INHERIT, true, null, false, TwoFactorStatus.ENROLLED],
    [REQUIRED, INHERIT, true, past, false, TwoFactorStatus.ENROLLED],
    [REQUIRED, INHERIT, false, future, false, TwoFactorStatus.GRACE],
    [REQUIRED, INHERIT, false, past, false, TwoFactorStatus.OVERDUE],
    [REQUIRED, INHERIT, false, null, false, TwoFactorStatus.OVERDUE],
    [OFF, USER_REQUIRED, false, future, false, TwoFactorStatus.GRACE],
    [OPTIONAL, USER_REQUIRED, false, past, false, TwoFactorStatus.OVERDUE],
    [REQUIRED, INHERIT, true, past, true, TwoFactorStatus.LOCKED],
  ])(
    '%s / %s / factor=%s / deadline=%s / locked=%s → %s',
    (enforcement, requirement, hasFactor, deadline, locked, status) => {
      expect(
        computeTwoFactorStatus(facts(enforcement, requirement, hasFactor, deadline, locked), now),
      ).toBe(status);
    },
  );

  // a profile that has never signed in sets up at its first sign-in: never GRACE or OVERDUE yet
  it.each<[Enforcement, TwoFactorRequirement, boolean, Date | null, boolean, TwoFactorStatus]>([
    [REQUIRED, INHERIT, false, past, false, TwoFactorStatus.AWAITING_FIRST_SIGN_IN],
    [REQUIRED, INHERIT, false, future, false, TwoFactorStatus.AWAITING_FIRST_SIGN_IN],
    [OPTIONAL, USER_REQUIRED, false, past, false, TwoFactorStatus.AWAITING_FIRST_SIGN_IN],
    [REQUIRED, INHERIT, true, past, false, TwoFactorStatus.ENROLLED],
    [OPTIONAL, INHERIT, false, null, false, TwoFactorStatus.OPTIONAL_OFF],
    [OFF, INHERIT, false, null, false, TwoFactorStatus.NOT_REQUIRED],
    [REQUIRED, INHERIT, false, past, true, TwoFactorStatus.LOCKED],
  ])(
    'never signed in: %s / %s / factor=%s / deadline=%s / locked=%s → %s',
    (enforcement, requirement, hasFactor, deadline, locked, status) => {
      expect(
        computeTwoFactorStatus(
          facts(enforcement, requirement, hasFactor, deadline, locked, false),
          now,
        ),
      ).toBe(status);
    },
  );
});

describe('firstSignInDeadline', () => {
  const created = new Date('2026-11-01T12:00:00Z');
  it.each<[string, Date | null, number | null, string | null]>([
    ['no deadline stays none', null, 7, null],
    [
      'a deadline passed before the first sign-in restarts the grace period',
      created,
      7,
      '2026-11-29T12:00:00.000Z',
    ],
    ['with no grace period it is now', created, 0, '2026-11-22T12:00:00.000Z'],
    ['a later deadline is kept', future, 1, future.toISOString()],
    ['a later grace period wins over a nearer deadline', future, 30, '2026-12-22T12:00:00.000Z'],
  ])('%s', (_, deadline, days, expected) => {
    const policy = days === null ? null : { gracePeriodDays: days };
    expect(firstSignInDeadline(deadline, policy, now)?.toISOString() ?? null).toBe(expected);
  });
});

describe('enrollmentDeadline', () => {
  it.each<[number | null, string]>([
    [null, '2026-11-22T12:00:00.000Z'],
    [0, '2026-11-22T12:00:00.000Z'],
    [1, '2026-11-23T12:00:00.000Z'],
    [7, '2026-11-29T12:00:00.000Z'],
    [30, '2026-12-22T12:00:00.000Z'],
  ])('gives a grace period of %p days from now', (days, expected) => {
    const policy = days === null ? null : { gracePeriodDays: days };
    expect(enrollmentDeadline(policy, now).toISOString()).toBe(expected);
  });
});
