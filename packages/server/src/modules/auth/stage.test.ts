import {
  Enforcement,
  SecondFactorWaiver,
  SessionStage,
  TwoFactorRequirement,
} from '@twofold/shared';
import type { TwoFactorFacts } from '../two-factor/status/facts';
import { computeStage } from './stage';

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
    signedIn: true,
  };
}

describe('computeStage', () => {
  it('asks for a profile while none is selected', () => {
    expect(
      computeStage({ profileSelected: false, secondFactorVerified: false, facts: null }, now),
    ).toBe(SessionStage.PROFILE_SELECTION);
  });

  // enforcement, per-user requirement, has factor, verified, deadline → stage
  it.each<[Enforcement, TwoFactorRequirement, boolean, boolean, Date | null, SessionStage]>([
    [OFF, INHERIT, false, false, null, SessionStage.ACTIVE],
    [OFF, INHERIT, true, false, null, SessionStage.ACTIVE],
    [OPTIONAL, INHERIT, false, false, null, SessionStage.ACTIVE],
    [OPTIONAL, INHERIT, true, false, null, SessionStage.SECOND_FACTOR],
    [OPTIONAL, INHERIT, true, true, null, SessionStage.ACTIVE],
    [REQUIRED, INHERIT, true, false, past, SessionStage.SECOND_FACTOR],
    [REQUIRED, INHERIT, true, true, past, SessionStage.ACTIVE],
    [REQUIRED, INHERIT, false, false, past, SessionStage.ENROLLMENT],
    [REQUIRED, INHERIT, false, false, now, SessionStage.ENROLLMENT],
    [REQUIRED, INHERIT, false, false, null, SessionStage.ENROLLMENT],
    [REQUIRED, INHERIT, false, false, future, SessionStage.ACTIVE],
    [OFF, USER_REQUIRED, false, false, past, SessionStage.ENROLLMENT],
    [OPTIONAL, USER_REQUIRED, false, false, future, SessionStage.ACTIVE],
    [OFF, USER_REQUIRED, true, false, past, SessionStage.SECOND_FACTOR],
  ])(
    '%s / %s / factor=%s / verified=%s / deadline=%s → %s',
    (enforcement, requirement, hasFactor, verified, deadline, stage) => {
      expect(
        computeStage(
          {
            profileSelected: true,
            secondFactorVerified: verified,
            facts: facts(enforcement, requirement, hasFactor, deadline),
          },
          now,
        ),
      ).toBe(stage);
    },
  );

  // a held factor of a method the type no longer allows: verify with it, then enroll another
  it.each<[Enforcement, boolean, Date | null, SessionStage]>([
    [OPTIONAL, false, null, SessionStage.SECOND_FACTOR],
    [OPTIONAL, true, null, SessionStage.ACTIVE],
    [REQUIRED, false, past, SessionStage.SECOND_FACTOR],
    [REQUIRED, true, past, SessionStage.ENROLLMENT],
    [REQUIRED, true, future, SessionStage.ACTIVE],
  ])(
    'with only a disallowed factor: %s / verified=%s / deadline=%s → %s',
    (enforcement, verified, deadline, stage) => {
      const held = { ...facts(enforcement, INHERIT, true, deadline), hasAllowedFactor: false };
      expect(
        computeStage({ profileSelected: true, secondFactorVerified: verified, facts: held }, now),
      ).toBe(stage);
    },
  );

  it('lets a provider’s second factor or exemption stand in for every 2FA stage', () => {
    for (const waiver of Object.values(SecondFactorWaiver)) {
      for (const input of [
        facts(REQUIRED, INHERIT, true, null), // would ask for the second factor
        facts(REQUIRED, USER_REQUIRED, false, past), // would enroll
      ]) {
        expect(
          computeStage(
            { profileSelected: true, secondFactorVerified: false, facts: input, waiver },
            now,
          ),
        ).toBe(SessionStage.ACTIVE);
      }
      // a profile is still chosen first
      expect(
        computeStage(
          { profileSelected: false, secondFactorVerified: false, facts: null, waiver },
          now,
        ),
      ).toBe(SessionStage.PROFILE_SELECTION);
    }
    expect(
      computeStage(
        {
          profileSelected: true,
          secondFactorVerified: false,
          facts: facts(REQUIRED, INHERIT, true, null),
          waiver: null,
        },
        now,
      ),
    ).toBe(SessionStage.SECOND_FACTOR);
  });
});
