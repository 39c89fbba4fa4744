import {
  Enforcement,
  SecondFactorKind,
  TwoFactorMethod,
  TwoFactorRequirement,
  TwoFactorStatus,
} from '@twofold/shared';
import type { SecurityPolicy } from '../../policy/security-policy.entity';
import type { User } from '../../user/user.entity';
import type { SecondFactorGuard } from '../two-factor.entities';

/**
 * The one home of a profile's 2FA situation (docs/design.md, Sign-in stages–§7): pure functions of its type's policy,
 * its own requirement and what it holds. `stored-status-sql.ts` is the same rules in SQL, for the
 * stored columns.
 */

/** What a profile holds: loaded for a batch of profiles in a few queries, whatever its size. */
export interface TwoFactorState {
  /** Every method the profile has set up (confirmed), allowed by its policy or not. */
  methods: TwoFactorMethod[];
  /** Locked out for now, or disabled after 100 failures until an administrator resets it. */
  locked: boolean;
  backupCodesRemaining: number;
}

export const noTwoFactor: TwoFactorState = {
  methods: [],
  locked: false,
  backupCodesRemaining: 0,
};

export function isLocked(
  guard: Pick<SecondFactorGuard, 'disabledAt' | 'lockedUntil'> | undefined,
  now: Date,
): boolean {
  if (!guard) return false;
  return (
    guard.disabledAt !== null ||
    (guard.lockedUntil !== null && guard.lockedUntil.getTime() > now.getTime())
  );
}

/** What decides a profile's 2FA situation; loaded per request, never cached across requests. */
export interface TwoFactorFacts {
  enforcement: Enforcement;
  requirement: TwoFactorRequirement;
  /** Holds a confirmed factor of any method: sign-in asks for it. */
  hasActiveFactor: boolean;
  /** Holds one of a method its type allows: 2FA counts as set up (ENROLLED). */
  hasAllowedFactor: boolean;
  /** The factor step is locked out or disabled until an administrator resets it. */
  locked: boolean;
  deadline: Date | null;
  /** The profile has signed in at least once: until then a required enrollment waits for it. */
  signedIn: boolean;
}

/** The facts together with what the profile holds: the caller's single view of its 2FA. */
export interface ProfileTwoFactor extends TwoFactorFacts {
  /** Methods set up (confirmed), allowed by the policy or not: each still signs the user in. */
  methods: TwoFactorMethod[];
  /** Methods the profile may set up. */
  allowedMethods: TwoFactorMethod[];
  backupCodesRemaining: number;
  /** Its type accepts only passkeys (docs/design.md, Passkeys: phishing-resistant only). */
  phishingResistantOnly: boolean;
}

export interface TwoFactorSummary {
  status: TwoFactorStatus;
  methods: TwoFactorMethod[];
  /** An authenticator app, a phone or a passkey: something the user has, not only something they know. */
  hasPossessionFactor: boolean;
  /** Methods the profile may set up. */
  allowedMethods: TwoFactorMethod[];
  enrollmentDeadline: Date | null;
  backupCodesRemaining: number;
  /** 2FA is required of the profile (its type's policy or an administrator): it cannot be turned off. */
  required: boolean;
}

/** Methods that prove possession of a device; a PIN is another knowledge factor (docs/design.md, Second-factor rules). */
export const possessionMethods: readonly TwoFactorMethod[] = [
  TwoFactorMethod.AUTHENTICATOR_APP,
  TwoFactorMethod.SMS,
  TwoFactorMethod.PASSKEY,
];

/** The policy fields the 2FA rules read (a type without the phishing-resistant flag has it off). */
export type PolicyRules = Pick<SecurityPolicy, 'enforcement' | 'allowedMethods'> &
  Partial<Pick<SecurityPolicy, 'phishingResistantOnly'>>;

/**
 * The methods a profile may set up and use: its type's policy. A profile an administrator
 * requires 2FA of, under a type that allows no method, still gets the authenticator app; a type
 * without a policy row (never the case for accounts made by the product) allows every method.
 * A phishing-resistant-only type allows passkeys alone (docs/design.md, Passkeys).
 */
export function allowedMethodsOf(
  policy:
    | (Pick<SecurityPolicy, 'allowedMethods'> &
        Partial<Pick<SecurityPolicy, 'phishingResistantOnly'>>)
    | null,
  requirement: TwoFactorRequirement,
): TwoFactorMethod[] {
  if (!policy) return Object.values(TwoFactorMethod);
  if (policy.phishingResistantOnly) return [TwoFactorMethod.PASSKEY];
  if (policy.allowedMethods.length === 0 && requirement === TwoFactorRequirement.REQUIRED) {
    return [TwoFactorMethod.AUTHENTICATOR_APP];
  }
  return policy.allowedMethods;
}

const dayMs = 24 * 60 * 60_000;

/**
 * The deadline 2FA gets when it becomes required for a profile now: the type's grace period. At a
 * profile's first sign-in a deadline fixed earlier moves to this if it is later
 * (`firstSignInDeadline`): nobody's grace period runs out before they could use it.
 */
export function enrollmentDeadline(
  policy: Pick<SecurityPolicy, 'gracePeriodDays'> | null,
  now: Date,
): Date {
  return new Date(now.getTime() + (policy?.gracePeriodDays ?? 0) * dayMs);
}

/**
 * The deadline of a profile signing in for the first time: the one fixed before (at creation, or
 * when its type became REQUIRED) or the grace period counted from now, whichever is later; null
 * stays null (2FA is not required of it).
 */
export function firstSignInDeadline(
  deadline: Date | null,
  policy: Pick<SecurityPolicy, 'gracePeriodDays'> | null,
  now: Date,
): Date | null {
  if (deadline === null) return null;
  const fromNow = enrollmentDeadline(policy, now);
  return fromNow.getTime() > deadline.getTime() ? fromNow : deadline;
}

/**
 * The facts of one profile: its type's policy, its own requirement and what it holds. A factor
 * the user holds always guards sign-in, but only methods the policy allows count as set up: when
 * an owner removes a method from a type, users whose only factor used it verify with it, then
 * must enroll an allowed one (docs/design.md, Second-factor rules) — removing a method never lowers anyone's protection.
 */
export function factsOf(
  user: Pick<User, 'twoFactorRequirement' | 'twoFactorDeadline' | 'lastSignInAt'>,
  policy: PolicyRules | null,
  state: TwoFactorState = noTwoFactor,
): ProfileTwoFactor {
  const allowedMethods = allowedMethodsOf(policy, user.twoFactorRequirement);
  return {
    // a type without a policy counts as OPTIONAL
    enforcement: policy?.enforcement ?? Enforcement.OPTIONAL,
    requirement: user.twoFactorRequirement,
    hasActiveFactor: state.methods.length > 0,
    hasAllowedFactor: state.methods.some((m) => allowedMethods.includes(m)),
    locked: state.locked,
    deadline: user.twoFactorDeadline,
    signedIn: user.lastSignInAt !== null,
    methods: state.methods,
    allowedMethods,
    backupCodesRemaining: state.backupCodesRemaining,
    phishingResistantOnly: policy?.phishingResistantOnly ?? false,
  };
}

/** The second-factor kind that checks each method. */
export const kindOfMethod: Record<TwoFactorMethod, SecondFactorKind> = {
  [TwoFactorMethod.AUTHENTICATOR_APP]: SecondFactorKind.AUTHENTICATOR_APP,
  [TwoFactorMethod.SMS]: SecondFactorKind.SMS,
  [TwoFactorMethod.PIN]: SecondFactorKind.PIN,
  [TwoFactorMethod.PASSKEY]: SecondFactorKind.PASSKEY,
};

/**
 * What the SECOND_FACTOR step accepts of a profile (docs/design.md, Passkeys): any method it
 * holds, and backup codes while some are left. Under a phishing-resistant-only type a profile
 * holding a passkey is accepted with a passkey (or a backup code, the way back in) only; one
 * holding none yet verifies with what it holds and then must add a passkey, so the rule never
 * lowers anyone's protection.
 */
export function acceptedSecondFactors(
  facts: Pick<ProfileTwoFactor, 'methods' | 'backupCodesRemaining' | 'phishingResistantOnly'>,
): SecondFactorKind[] {
  const methods =
    facts.phishingResistantOnly && facts.methods.includes(TwoFactorMethod.PASSKEY)
      ? [TwoFactorMethod.PASSKEY]
      : facts.methods;
  const kinds = methods.map((method) => kindOfMethod[method]);
  if (facts.backupCodesRemaining > 0) kinds.push(SecondFactorKind.BACKUP_CODE);
  return kinds;
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
export function inGracePeriod(facts: Pick<TwoFactorFacts, 'deadline'>, now: Date): boolean {
  return facts.deadline !== null && facts.deadline.getTime() > now.getTime();
}

/** True while 2FA is required and nothing is set up (ENROLLMENT, or a running grace period). */
export function enrollmentPending(facts: TwoFactorFacts): boolean {
  return !facts.hasAllowedFactor && effectiveEnforcement(facts) === Enforcement.REQUIRED;
}

/** docs/design.md, GraphQL contract: `User.twoFactorStatus`. */
export function computeTwoFactorStatus(facts: TwoFactorFacts, now: Date): TwoFactorStatus {
  if (facts.locked) return TwoFactorStatus.LOCKED;
  const enforcement = effectiveEnforcement(facts);
  if (enforcement === Enforcement.OFF) return TwoFactorStatus.NOT_REQUIRED;
  if (facts.hasAllowedFactor) return TwoFactorStatus.ENROLLED;
  if (enforcement === Enforcement.OPTIONAL) return TwoFactorStatus.OPTIONAL_OFF;
  // the grace period starts at the first sign-in (docs/design.md, Second-factor rules)
  if (!facts.signedIn) return TwoFactorStatus.AWAITING_FIRST_SIGN_IN;
  return inGracePeriod(facts, now) ? TwoFactorStatus.GRACE : TwoFactorStatus.OVERDUE;
}

/** What `User` shows of a profile's 2FA. */
export function summarize(facts: ProfileTwoFactor, now: Date): TwoFactorSummary {
  return {
    status: computeTwoFactorStatus(facts, now),
    methods: facts.methods,
    allowedMethods: facts.allowedMethods,
    hasPossessionFactor: facts.methods.some(
      (m) => possessionMethods.includes(m) && facts.allowedMethods.includes(m),
    ),
    enrollmentDeadline: enrollmentPending(facts) ? facts.deadline : null,
    backupCodesRemaining: facts.backupCodesRemaining,
    required: effectiveEnforcement(facts) === Enforcement.REQUIRED,
  };
}
