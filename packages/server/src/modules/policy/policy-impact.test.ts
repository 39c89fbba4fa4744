import { Enforcement, TwoFactorMethod, TwoFactorRequirement } from '@twofold/shared';
import { noTwoFactor, type TwoFactorState } from '../two-factor/status/facts';
import { type ImpactSubject, policyImpact, type PolicyRule } from './policy-impact';

const now = new Date('2026-11-30T12:00:00Z');
const day = 24 * 60 * 60_000;
const { AUTHENTICATOR_APP: APP, SMS, PIN, PASSKEY } = TwoFactorMethod;
const { OFF, OPTIONAL, REQUIRED } = Enforcement;

const rule = (
  enforcement: Enforcement,
  allowedMethods: TwoFactorMethod[] = [APP, SMS],
  gracePeriodDays = 0,
): PolicyRule => ({ enforcement, allowedMethods, gracePeriodDays });

let next = 0;
function subject(
  methods: TwoFactorMethod[] = [],
  options: {
    deadline?: Date | null;
    required?: boolean;
    id?: string;
    neverSignedIn?: boolean;
  } = {},
): ImpactSubject {
  const state: TwoFactorState = { ...noTwoFactor, methods };
  return {
    user: {
      id: options.id ?? `u${(next += 1)}`,
      twoFactorRequirement: options.required
        ? TwoFactorRequirement.REQUIRED
        : TwoFactorRequirement.INHERIT,
      twoFactorDeadline: options.deadline ?? null,
      lastSignInAt: options.neverSignedIn ? null : new Date(now.getTime() - day),
    },
    state,
  };
}

describe('policyImpact', () => {
  // docs/design.md, Passkeys: phishing-resistant only
  it.each<[string, Enforcement, TwoFactorMethod[][], Record<string, number>]>([
    [
      'required: everyone without a passkey must add one, app holders as holding a removed method',
      REQUIRED,
      [[APP], [SMS, PIN], [], [APP, PASSKEY], [PASSKEY]],
      { users: 5, notEnrolled: 3, withoutPasskey: 3, onlyRemovedMethods: 2 },
    ],
    [
      'optional: nobody must, but those without a passkey are counted',
      OPTIONAL,
      [[APP], [], [PASSKEY]],
      { users: 3, notEnrolled: 0, withoutPasskey: 2, onlyRemovedMethods: 0 },
    ],
    ['off: nothing is asked', OFF, [[APP], []], { users: 2, notEnrolled: 0, withoutPasskey: 0 }],
  ])('phishing-resistant only, %s', (_, enforcement, held, expected) => {
    const impact = policyImpact({
      current: rule(enforcement, [APP, SMS, PIN, PASSKEY]),
      next: { ...rule(enforcement, [APP, SMS, PIN, PASSKEY]), phishingResistantOnly: true },
      subjects: held.map((methods) => subject(methods)),
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject(expected);
  });

  it('counts nobody as without a passkey when the rule is not phishing-resistant only', () => {
    const impact = policyImpact({
      current: rule(REQUIRED, [APP, PASSKEY]),
      next: rule(REQUIRED, [APP, PASSKEY]),
      subjects: [subject([APP]), subject([])],
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject({ users: 2, notEnrolled: 1, withoutPasskey: 0 });
  });

  it('counts every unenrolled profile as enrolling at the next sign-in when required with no grace', () => {
    const impact = policyImpact({
      current: rule(OPTIONAL),
      next: rule(REQUIRED),
      subjects: [subject(), subject(), subject([APP])],
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject({
      users: 3,
      notEnrolled: 2,
      enrollAtNextSignIn: 2,
      inGracePeriod: 0,
      onlyRemovedMethods: 0,
      deadline: now,
    });
  });

  it('gives the grace period to profiles without a deadline and keeps fixed ones', () => {
    const kept = new Date(now.getTime() + 2 * day);
    const impact = policyImpact({
      current: rule(OFF),
      next: rule(REQUIRED, [APP], 7),
      subjects: [subject(), subject([], { deadline: kept })],
      callerUserId: null,
      now,
    });
    const fixed = new Date(now.getTime() + 7 * day);
    expect(impact).toMatchObject({
      notEnrolled: 2,
      inGracePeriod: 2,
      enrollAtNextSignIn: 0,
      deadline: fixed,
      earliestDeadline: kept,
      latestDeadline: fixed,
    });
  });

  it('counts the grace period of a profile that never signed in from its first sign-in', () => {
    const lapsed = new Date(now.getTime() - 10 * day);
    const impact = policyImpact({
      current: rule(REQUIRED, [APP], 3),
      next: rule(REQUIRED, [APP], 3),
      subjects: [
        subject([], { deadline: lapsed, neverSignedIn: true }),
        subject([], { deadline: lapsed }),
      ],
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject({
      notEnrolled: 2,
      inGracePeriod: 1,
      enrollAtNextSignIn: 1,
      earliestDeadline: new Date(now.getTime() + 3 * day),
    });
  });

  it('fixes no new deadline when the type is already required', () => {
    const impact = policyImpact({
      current: rule(REQUIRED, [APP], 7),
      next: rule(REQUIRED, [APP], 30),
      subjects: [subject()],
      callerUserId: null,
      now,
    });
    // the one profile without a deadline under a REQUIRED rule is overdue: the longer grace does not help it
    expect(impact).toMatchObject({ deadline: null, notEnrolled: 1, enrollAtNextSignIn: 1 });
  });

  it('counts holders of only a removed method apart, and as having to enroll when required', () => {
    const impact = policyImpact({
      current: rule(REQUIRED, [APP, SMS]),
      next: rule(REQUIRED, [APP]),
      subjects: [subject([SMS]), subject([SMS, APP]), subject([APP])],
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject({ users: 3, onlyRemovedMethods: 1, notEnrolled: 1 });
  });

  it('counts no one as holding a removed method when the rule asks nothing of them', () => {
    for (const enforcement of [OPTIONAL, OFF]) {
      const impact = policyImpact({
        current: rule(REQUIRED, [APP, SMS]),
        next: rule(enforcement, [APP]),
        subjects: [subject([SMS])],
        callerUserId: null,
        now,
      });
      expect(impact).toMatchObject({ onlyRemovedMethods: 0, notEnrolled: 0 });
    }
  });

  it('does not count a method that was never allowed as removed', () => {
    const impact = policyImpact({
      current: rule(OPTIONAL, [APP]),
      next: rule(OPTIONAL, [APP]),
      subjects: [subject([PIN])],
      callerUserId: null,
      now,
    });
    expect(impact.onlyRemovedMethods).toBe(0);
  });

  it('asks nothing of anyone when 2FA becomes optional or off', () => {
    for (const enforcement of [OPTIONAL, OFF]) {
      const impact = policyImpact({
        current: rule(REQUIRED),
        next: rule(enforcement),
        subjects: [subject(), subject([APP])],
        callerUserId: null,
        now,
      });
      expect(impact).toMatchObject({ users: 2, notEnrolled: 0, deadline: null });
    }
  });

  it('still counts a profile an administrator requires 2FA of when its type turns 2FA off', () => {
    const impact = policyImpact({
      current: rule(OPTIONAL),
      next: rule(OFF),
      subjects: [subject([], { required: true })],
      callerUserId: null,
      now,
    });
    expect(impact).toMatchObject({ notEnrolled: 1, enrollAtNextSignIn: 1 });
  });

  it('tells the caller whether and by when their own profile must enroll', () => {
    const atOnce = policyImpact({
      current: rule(OPTIONAL),
      next: rule(REQUIRED),
      subjects: [subject([], { id: 'me' })],
      callerUserId: 'me',
      now,
    });
    expect(atOnce.caller).toEqual({ mustEnroll: true, deadline: null });

    const later = policyImpact({
      current: rule(OPTIONAL),
      next: rule(REQUIRED, [APP], 3),
      subjects: [subject([], { id: 'me' })],
      callerUserId: 'me',
      now,
    });
    expect(later.caller).toEqual({ mustEnroll: true, deadline: new Date(now.getTime() + 3 * day) });

    const enrolled = policyImpact({
      current: rule(OPTIONAL),
      next: rule(REQUIRED),
      subjects: [subject([APP], { id: 'me' })],
      callerUserId: 'me',
      now,
    });
    expect(enrolled.caller).toEqual({ mustEnroll: false, deadline: null });

    const other = policyImpact({
      current: rule(OPTIONAL),
      next: rule(REQUIRED),
      subjects: [subject()],
      callerUserId: 'me',
      now,
    });
    expect(other.caller).toBeNull();
  });
});
