import { Enforcement, TwoFactorMethod } from '@twofold/shared';
import type { SecurityPolicy } from './security-policy.entity';
import type { User } from '../user/user.entity';
import {
  effectiveEnforcement,
  enrollmentDeadline,
  factsOf,
  firstSignInDeadline,
  inGracePeriod,
  type TwoFactorState,
} from '../two-factor/status/facts';

/** The rule as an owner edits it (a rule without the phishing-resistant flag has it off). */
export type PolicyRule = Pick<
  SecurityPolicy,
  'enforcement' | 'allowedMethods' | 'gracePeriodDays'
> &
  Partial<Pick<SecurityPolicy, 'phishingResistantOnly'>>;

/** The methods that count under `rule`: passkeys alone where it is phishing-resistant only. */
function countingMethods(rule: PolicyRule): readonly TwoFactorMethod[] {
  return rule.phishingResistantOnly ? [TwoFactorMethod.PASSKEY] : rule.allowedMethods;
}

/** One profile of the type, with what it holds. */
export interface ImpactSubject {
  user: Pick<User, 'id' | 'twoFactorRequirement' | 'twoFactorDeadline' | 'lastSignInAt'>;
  state: TwoFactorState;
  /** How many profiles this one stands for (the counters' groups, stored-counts.ts); 1 when left out. */
  weight?: number;
}

/** What saving a rule would do to the profiles of its type (docs/design.md, Second-factor rules), before it is saved. */
export interface PolicyImpact {
  /** Profiles of the type. */
  users: number;
  /** Would have to set up an allowed method: 2FA required for them and nothing allowed held. */
  notEnrolled: number;
  /** Counted in `notEnrolled`: no grace left, so they enroll at their next sign-in. */
  enrollAtNextSignIn: number;
  /** Counted in `notEnrolled`: a grace period still runs. */
  inGracePeriod: number;
  /** Counted in `notEnrolled`: hold a factor, but only of methods the new rule removes. */
  onlyRemovedMethods: number;
  /**
   * Under a phishing-resistant-only rule, profiles 2FA is not off for that hold no passkey: each
   * must still add one for its 2FA to count (docs/design.md, Passkeys). 0 under any other rule.
   */
  withoutPasskey: number;
  /** The deadline fixed for profiles without one, when the change makes 2FA required; else null. */
  deadline: Date | null;
  /** The earliest and latest deadline of those in a grace period. */
  earliestDeadline: Date | null;
  latestDeadline: Date | null;
  /** The caller's own profile, when it is one of `subjects`: must it enroll, and by when. */
  caller: { mustEnroll: boolean; deadline: Date | null } | null;
}

/**
 * The impact of replacing `current` by `next` for the given profiles, with exactly the rules the
 * save applies: deadlines fixed once when the type becomes REQUIRED (now + grace), existing ones
 * never moved, a per-profile REQUIRED winning over the type, and a factor of a removed method
 * still guarding sign-in but no longer counting as set up.
 */
export function policyImpact(input: {
  current: PolicyRule | null;
  next: PolicyRule;
  subjects: Iterable<ImpactSubject>;
  callerUserId: string | null;
  now: Date;
}): PolicyImpact {
  const { current, next, now } = input;
  const becomesRequired =
    next.enforcement === Enforcement.REQUIRED && current?.enforcement !== Enforcement.REQUIRED;
  const fixedDeadline = becomesRequired ? enrollmentDeadline(next, now) : null;
  const removed = new Set<TwoFactorMethod>(
    (current ? countingMethods(current) : []).filter((m) => !countingMethods(next).includes(m)),
  );
  const impact: PolicyImpact = {
    users: 0,
    notEnrolled: 0,
    enrollAtNextSignIn: 0,
    inGracePeriod: 0,
    onlyRemovedMethods: 0,
    withoutPasskey: 0,
    deadline: fixedDeadline,
    earliestDeadline: null,
    latestDeadline: null,
    caller: null,
  };
  for (const { user, state, weight = 1 } of input.subjects) {
    if (weight === 0) continue;
    impact.users += weight;
    const fixed = user.twoFactorDeadline ?? fixedDeadline;
    // a profile that has never signed in gets its grace period from its first sign-in
    const deadline = user.lastSignInAt === null ? firstSignInDeadline(fixed, next, now) : fixed;
    const facts = factsOf({ ...user, twoFactorDeadline: deadline }, next, state);
    const mustEnroll =
      !facts.hasAllowedFactor && effectiveEnforcement(facts) === Enforcement.REQUIRED;
    // only where 2FA stays required does a removed method leave them something to do
    if (mustEnroll && facts.hasActiveFactor && state.methods.some((m) => removed.has(m))) {
      impact.onlyRemovedMethods += weight;
    }
    if (
      next.phishingResistantOnly &&
      effectiveEnforcement(facts) !== Enforcement.OFF &&
      !state.methods.includes(TwoFactorMethod.PASSKEY)
    ) {
      impact.withoutPasskey += weight;
    }
    const graceLeft = mustEnroll && inGracePeriod(facts, now);
    if (mustEnroll) {
      impact.notEnrolled += weight;
      if (graceLeft && facts.deadline) {
        impact.inGracePeriod += weight;
        if (!impact.earliestDeadline || facts.deadline < impact.earliestDeadline) {
          impact.earliestDeadline = facts.deadline;
        }
        if (!impact.latestDeadline || facts.deadline > impact.latestDeadline) {
          impact.latestDeadline = facts.deadline;
        }
      } else {
        impact.enrollAtNextSignIn += weight;
      }
    }
    if (user.id === input.callerUserId) {
      impact.caller = { mustEnroll, deadline: graceLeft ? facts.deadline : null };
    }
  }
  return impact;
}
