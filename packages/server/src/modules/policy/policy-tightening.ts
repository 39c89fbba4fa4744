import { Enforcement, TwoFactorMethod } from '@twofold/shared';
import type { SecurityPolicy } from './security-policy.entity';

/** What of a type's rule decides how strict it is. */
export type PolicyValues = Pick<
  SecurityPolicy,
  | 'enforcement'
  | 'allowedMethods'
  | 'gracePeriodDays'
  | 'phishingResistantOnly'
  | 'rememberDeviceDays'
>;

/** The rule of a type that has no policy row: OPTIONAL, every method, nothing remembered. */
export const unsetPolicyValues: PolicyValues = {
  enforcement: Enforcement.OPTIONAL,
  allowedMethods: Object.values(TwoFactorMethod),
  gracePeriodDays: 0,
  phishingResistantOnly: false,
  rememberDeviceDays: 0,
};

const strictness: Record<Enforcement, number> = {
  [Enforcement.OFF]: 0,
  [Enforcement.OPTIONAL]: 1,
  [Enforcement.REQUIRED]: 2,
};

/**
 * Whether `after` asks more of the type's users than `before` (null: the type had no rule):
 * enforcement raised, a method no longer allowed, phishing-resistant only turned on, or browsers
 * remembered for fewer days. Such a change forgets every remembered browser of the type
 * (docs/design.md, Remembered browsers): each was remembered under the looser rule.
 */
export function policyTightened(before: PolicyValues | null, after: PolicyValues): boolean {
  const was = before ?? unsetPolicyValues;
  return (
    strictness[after.enforcement] > strictness[was.enforcement] ||
    was.allowedMethods.some((method) => !after.allowedMethods.includes(method)) ||
    (after.phishingResistantOnly && !was.phishingResistantOnly) ||
    after.rememberDeviceDays < was.rememberDeviceDays
  );
}
