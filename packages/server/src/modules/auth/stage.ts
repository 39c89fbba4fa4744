import { Enforcement, type SecondFactorWaiver, SessionStage } from '@twofold/shared';
import {
  effectiveEnforcement,
  inGracePeriod,
  type TwoFactorFacts,
} from '../two-factor/status/facts';

/** docs/design.md, Sign-in stages: the stage of a session, a pure function of its facts, evaluated on every request. */
export function computeStage(
  input: {
    profileSelected: boolean;
    secondFactorVerified: boolean;
    facts: TwoFactorFacts | null;
    /** The session's OpenID provider stands in for Twofold's second factor (provider-policy.ts). */
    waiver?: SecondFactorWaiver | null;
  },
  now: Date,
): SessionStage {
  if (!input.profileSelected || input.facts === null) return SessionStage.PROFILE_SELECTION;
  if (input.waiver) return SessionStage.ACTIVE;
  const { facts } = input;
  const enforcement = effectiveEnforcement(facts);
  if (facts.hasActiveFactor && enforcement !== Enforcement.OFF && !input.secondFactorVerified) {
    return SessionStage.SECOND_FACTOR;
  }
  // past the factor it holds, a user whose methods the type no longer allows enrolls another
  if (enforcement === Enforcement.REQUIRED && !facts.hasAllowedFactor && !inGracePeriod(facts, now))
    return SessionStage.ENROLLMENT;
  return SessionStage.ACTIVE;
}
