import { Enforcement, SessionStage, TwoFactorRequirement, TwoFactorStatus } from '@twofold/shared';

/** What decides a profile's 2FA situation; loaded per request, never cached across requests. */
export interface TwoFactorFacts {
  enforcement: Enforcement;
  requirement: TwoFactorRequirement;
  hasActiveFactor: boolean;
  /** The factor step is locked out or disabled until an administrator resets it. */
  locked: boolean;
  deadline: Date | null;
}

/** The per-user override wins over the type's policy. */
export function effectiveEnforcement(
  facts: Pick<TwoFactorFacts, 'enforcement' | 'requirement'>,
): Enforcement {
  return facts.requirement === TwoFactorRequirement.REQUIRED
    ? Enforcement.REQUIRED
    : facts.enforcement;
}

/** True while a required enrollment may still wait (a grace period runs). */
export function inGracePeriod(facts: TwoFactorFacts, now: Date): boolean {
  return facts.deadline !== null && facts.deadline.getTime() > now.getTime();
}

/** DESIGN §5: the stage of a session, a pure function of its facts, evaluated on every request. */
export function computeStage(
  input: { profileSelected: boolean; secondFactorVerified: boolean; facts: TwoFactorFacts | null },
  now: Date,
): SessionStage {
  if (!input.profileSelected || input.facts === null) return SessionStage.PROFILE_SELECTION;
  const { facts } = input;
  const enforcement = effectiveEnforcement(facts);
  if (facts.hasActiveFactor && enforcement !== Enforcement.OFF) {
    return input.secondFactorVerified ? SessionStage.ACTIVE : SessionStage.SECOND_FACTOR;
  }
  if (enforcement === Enforcement.REQUIRED && !inGracePeriod(facts, now))
    return SessionStage.ENROLLMENT;
  return SessionStage.ACTIVE;
}

/** DESIGN §7 `User.twoFactorStatus`. */
export function computeTwoFactorStatus(facts: TwoFactorFacts, now: Date): TwoFactorStatus {
  if (facts.locked) return TwoFactorStatus.LOCKED;
  const enforcement = effectiveEnforcement(facts);
  if (enforcement === Enforcement.OFF) return TwoFactorStatus.NOT_REQUIRED;
  if (facts.hasActiveFactor) return TwoFactorStatus.ENROLLED;
  if (enforcement === Enforcement.OPTIONAL) return TwoFactorStatus.OPTIONAL_OFF;
  return inGracePeriod(facts, now) ? TwoFactorStatus.GRACE : TwoFactorStatus.OVERDUE;
}
