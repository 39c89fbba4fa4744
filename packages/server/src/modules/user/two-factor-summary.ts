import { Enforcement, type TwoFactorMethod, type TwoFactorStatus } from '@twofold/shared';
import { computeTwoFactorStatus, effectiveEnforcement, type TwoFactorFacts } from '../auth/stage';
import type { SecurityPolicy } from '../policy/security-policy.entity';
import { noTwoFactor, type TwoFactorState } from '../two-factor/two-factor-state';
import type { User } from './user.entity';

export interface TwoFactorSummary {
  status: TwoFactorStatus;
  methods: TwoFactorMethod[];
  enrollmentDeadline: Date | null;
  backupCodesRemaining: number;
}

/** The facts of one profile: its type's policy, its own requirement and what it holds. */
export function factsOf(
  user: User,
  policy: SecurityPolicy | null,
  state: TwoFactorState = noTwoFactor,
): TwoFactorFacts {
  return {
    enforcement: policy?.enforcement ?? Enforcement.OPTIONAL,
    requirement: user.twoFactorRequirement,
    hasActiveFactor: state.hasActiveFactor,
    locked: state.locked,
    deadline: user.twoFactorDeadline,
  };
}

export function summarize(
  user: User,
  policy: SecurityPolicy | null,
  now: Date,
  state: TwoFactorState = noTwoFactor,
): TwoFactorSummary {
  const facts = factsOf(user, policy, state);
  const pending = effectiveEnforcement(facts) === Enforcement.REQUIRED && !facts.hasActiveFactor;
  return {
    status: computeTwoFactorStatus(facts, now),
    methods: state.methods,
    enrollmentDeadline: pending ? facts.deadline : null,
    backupCodesRemaining: state.backupCodesRemaining,
  };
}
