import { Enforcement, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';
import { computeTwoFactorStatus, enrollmentDeadline, type TwoFactorFacts } from './facts';

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
): TwoFactorFacts {
  return {
    enforcement,
    requirement,
    hasActiveFactor,
    hasAllowedFactor: hasActiveFactor,
    deadline,
    locked,
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
