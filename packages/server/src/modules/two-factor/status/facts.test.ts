import {
  Enforcement,
  SecondFactorKind,
  SessionStage,
  TwoFactorMethod,
  TwoFactorRequirement,
  TwoFactorStatus,
} from '@twofold/shared';
import { computeStage } from '../../auth/stage';
import {
  acceptedSecondFactors,
  computeTwoFactorStatus,
  factsOf,
  summarize,
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

describe('summarize() with passkeys (docs/design.md, Passkeys)', () => {
  const { AUTHENTICATOR_APP: APP, SMS, PIN, PASSKEY } = TwoFactorMethod;
  const user = { twoFactorRequirement: INHERIT, twoFactorDeadline: past, lastSignInAt: past };
  const summary = (
    enforcement: Enforcement,
    allowedMethods: TwoFactorMethod[],
    phishingResistantOnly: boolean,
    methods: TwoFactorMethod[],
  ) => {
    const f = factsOf(
      user,
      { enforcement, allowedMethods, phishingResistantOnly },
      { methods, locked: false, backupCodesRemaining: 3 },
    );
    const s = summarize(f, now);
    return {
      status: s.status,
      possession: s.hasPossessionFactor,
      allowed: s.allowedMethods,
      accepted: acceptedSecondFactors(f),
      stage: computeStage({ profileSelected: true, secondFactorVerified: true, facts: f }, now),
    };
  };
  const B = SecondFactorKind.BACKUP_CODE;
  const K = SecondFactorKind;
  it.each<
    [
      string,
      Enforcement,
      TwoFactorMethod[],
      boolean,
      TwoFactorMethod[],
      TwoFactorStatus,
      boolean,
      SecondFactorKind[],
      SessionStage,
    ]
  >([
    [
      'a passkey is a true possession factor',
      REQUIRED,
      [APP, PASSKEY],
      false,
      [PASSKEY],
      TwoFactorStatus.ENROLLED,
      true,
      [K.PASSKEY, B],
      SessionStage.ACTIVE,
    ],
    [
      'a passkey the type does not allow still signs in',
      REQUIRED,
      [APP],
      false,
      [PASSKEY],
      TwoFactorStatus.OVERDUE,
      false,
      [K.PASSKEY, B],
      SessionStage.ENROLLMENT,
    ],
    [
      'a PIN is no possession factor',
      REQUIRED,
      [PIN, PASSKEY],
      false,
      [PIN],
      TwoFactorStatus.ENROLLED,
      false,
      [K.PIN, B],
      SessionStage.ACTIVE,
    ],
    [
      'phishing-resistant only: an app alone must add a passkey',
      REQUIRED,
      [APP, PASSKEY],
      true,
      [APP],
      TwoFactorStatus.OVERDUE,
      false,
      [K.AUTHENTICATOR_APP, B],
      SessionStage.ENROLLMENT,
    ],
    [
      'phishing-resistant only: SMS and PIN count for nothing',
      REQUIRED,
      [SMS, PIN, PASSKEY],
      true,
      [SMS, PIN],
      TwoFactorStatus.OVERDUE,
      false,
      [K.SMS, K.PIN, B],
      SessionStage.ENROLLMENT,
    ],
    [
      'phishing-resistant only: with a passkey only it is accepted',
      REQUIRED,
      [APP, PASSKEY],
      true,
      [APP, PASSKEY],
      TwoFactorStatus.ENROLLED,
      true,
      [K.PASSKEY, B],
      SessionStage.ACTIVE,
    ],
    [
      'phishing-resistant only, optional: an app alone is off',
      OPTIONAL,
      [APP, PASSKEY],
      true,
      [APP],
      TwoFactorStatus.OPTIONAL_OFF,
      false,
      [K.AUTHENTICATOR_APP, B],
      SessionStage.ACTIVE,
    ],
    [
      'phishing-resistant only, off: nothing is asked',
      OFF,
      [PASSKEY],
      true,
      [PASSKEY],
      TwoFactorStatus.NOT_REQUIRED,
      true,
      [K.PASSKEY, B],
      SessionStage.ACTIVE,
    ],
  ])('%s', (_, enforcement, allowed, phishing, methods, status, possession, accepted, stage) => {
    const s = summary(enforcement, allowed, phishing, methods);
    expect([s.status, s.possession, s.accepted, s.stage]).toEqual([
      status,
      possession,
      accepted,
      stage,
    ]);
    if (phishing) expect(s.allowed).toEqual([PASSKEY]);
  });

  it('asks a phishing-resistant-only profile holding a passkey for it at SECOND_FACTOR', () => {
    const f = factsOf(
      user,
      { enforcement: REQUIRED, allowedMethods: [PASSKEY], phishingResistantOnly: true },
      { methods: [APP, PASSKEY], locked: false, backupCodesRemaining: 0 },
    );
    expect(
      computeStage({ profileSelected: true, secondFactorVerified: false, facts: f }, now),
    ).toBe(SessionStage.SECOND_FACTOR);
    expect(acceptedSecondFactors(f)).toEqual([SecondFactorKind.PASSKEY]);
  });
});
