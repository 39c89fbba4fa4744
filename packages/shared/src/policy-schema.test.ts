import { Enforcement, TwoFactorMethod, UserType } from './enums';
import { resetReasonSchema, securityPolicyInputSchema, toFieldErrors } from './validation';

const base = {
  userType: UserType.APP_REVIEWER,
  enforcement: Enforcement.REQUIRED,
  allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP],
  gracePeriodDays: 7,
};

function fieldsOf(input: unknown): string[] {
  const result = securityPolicyInputSchema.safeParse(input);
  return result.success ? [] : toFieldErrors(result.error, 'input').map((e) => e.field);
}

describe('securityPolicyInputSchema', () => {
  it('removes duplicate methods, keeping their first order', () => {
    const parsed = securityPolicyInputSchema.parse({
      ...base,
      allowedMethods: ['PIN', 'AUTHENTICATOR_APP', 'PIN'],
    });
    expect(parsed.allowedMethods).toEqual([TwoFactorMethod.PIN, TwoFactorMethod.AUTHENTICATOR_APP]);
  });

  it.each([
    [{ ...base, allowedMethods: [] }, ['input.allowedMethods']],
    [{ ...base, gracePeriodDays: -1 }, ['input.gracePeriodDays']],
    [{ ...base, gracePeriodDays: 366 }, ['input.gracePeriodDays']],
    [{ ...base, gracePeriodDays: 1.5 }, ['input.gracePeriodDays']],
    [{ ...base, userType: 'GOD' }, ['input.userType']],
    [{ ...base, enforcement: 'ALWAYS' }, ['input.enforcement']],
    [{ ...base, allowedMethods: ['EMAIL'] }, ['input.allowedMethods.0']],
    [{ ...base, rememberDeviceDays: -1 }, ['input.rememberDeviceDays']],
    [{ ...base, rememberDeviceDays: 91 }, ['input.rememberDeviceDays']],
    [{ ...base, rememberDeviceDays: 0.5 }, ['input.rememberDeviceDays']],
    [{ ...base, phishingResistantOnly: 'yes' }, ['input.phishingResistantOnly']],
  ])('refuses %j naming %j', (input, fields) => {
    expect(fieldsOf(input)).toEqual(fields);
  });

  it.each([
    { ...base, gracePeriodDays: 0 },
    { ...base, gracePeriodDays: 365 },
    { ...base, enforcement: Enforcement.OFF, allowedMethods: [] },
    { ...base, enforcement: Enforcement.OPTIONAL, allowedMethods: [] },
    { ...base, rememberDeviceDays: 0 },
    { ...base, rememberDeviceDays: 90 },
    { ...base, rememberDeviceDays: null, phishingResistantOnly: null },
    { ...base, phishingResistantOnly: false },
  ])('accepts %j', (input) => {
    expect(fieldsOf(input)).toEqual([]);
  });
});

describe('resetReasonSchema', () => {
  it.each([
    ['Lost phone', true],
    ['  trimmed  ', true],
    ['x'.repeat(500), true],
    ['', false],
    ['   ', false],
    ['x'.repeat(501), false],
  ])('%j valid=%s', (reason, valid) => {
    expect(resetReasonSchema.safeParse(reason).success).toBe(valid);
  });
});
