import { Enforcement, type TwoFactorMethod, type TwoFactorStatus } from '@twofold/shared';
import { computeTwoFactorStatus, effectiveEnforcement, type TwoFactorFacts } from '../auth/stage';
import type { SecurityPolicy } from '../policy/security-policy.entity';
import type { User } from './user.entity';

export interface TwoFactorSummary {
  status: TwoFactorStatus;
  methods: TwoFactorMethod[];
  enrollmentDeadline: Date | null;
}

/** The facts of one profile under its type's policy (factors join with the two-factor engine). */
export function factsOf(user: User, policy: SecurityPolicy | null): TwoFactorFacts {
  return {
    enforcement: policy?.enforcement ?? Enforcement.OPTIONAL,
    requirement: user.twoFactorRequirement,
    hasActiveFactor: false,
    locked: false,
    deadline: user.twoFactorDeadline,
  };
}

export function summarize(user: User, policy: SecurityPolicy | null, now: Date): TwoFactorSummary {
  const facts = factsOf(user, policy);
  const pending = effectiveEnforcement(facts) === Enforcement.REQUIRED && !facts.hasActiveFactor;
  return {
    status: computeTwoFactorStatus(facts, now),
    methods: [],
    enrollmentDeadline: pending ? facts.deadline : null,
  };
}
