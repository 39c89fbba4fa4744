import { Enforcement, TwoFactorMethod } from '@twofold/shared';
import { type PolicyValues, policyTightened } from './policy-tightening';

const { AUTHENTICATOR_APP: APP, SMS, PIN } = TwoFactorMethod;

const rule = (values: Partial<PolicyValues> = {}): PolicyValues => ({
  enforcement: Enforcement.OPTIONAL,
  allowedMethods: [APP, SMS],
  gracePeriodDays: 7,
  phishingResistantOnly: false,
  rememberDeviceDays: 30,
  ...values,
});

describe('policyTightened', () => {
  it.each<[string, PolicyValues | null, PolicyValues, boolean]>([
    ['the same rule', rule(), rule(), false],
    ['OPTIONAL → REQUIRED', rule(), rule({ enforcement: Enforcement.REQUIRED }), true],
    ['OFF → OPTIONAL', rule({ enforcement: Enforcement.OFF }), rule(), true],
    ['REQUIRED → OPTIONAL', rule({ enforcement: Enforcement.REQUIRED }), rule(), false],
    ['a method removed', rule(), rule({ allowedMethods: [APP] }), true],
    ['a method added', rule(), rule({ allowedMethods: [APP, SMS, PIN] }), false],
    ['methods reordered', rule(), rule({ allowedMethods: [SMS, APP] }), false],
    ['phishing-resistant only on', rule(), rule({ phishingResistantOnly: true }), true],
    [
      'phishing-resistant only off',
      rule({ phishingResistantOnly: true }),
      rule({ phishingResistantOnly: false }),
      false,
    ],
    ['fewer days remembered', rule(), rule({ rememberDeviceDays: 29 }), true],
    ['remembering turned off', rule(), rule({ rememberDeviceDays: 0 }), true],
    ['more days remembered', rule(), rule({ rememberDeviceDays: 90 }), false],
    ['a shorter grace period only', rule(), rule({ gracePeriodDays: 0 }), false],
    // no rule: OPTIONAL, every method, nothing remembered
    ['a first rule that allows fewer methods', null, rule(), true],
    [
      'a first rule as loose as none',
      null,
      rule({ allowedMethods: Object.values(TwoFactorMethod), rememberDeviceDays: 0 }),
      false,
    ],
  ])('%s → %s', (_name, before, after, expected) => {
    expect(policyTightened(before, after)).toBe(expected);
  });
});
