import { TwoFactorMethod } from '@twofold/shared';

/**
 * Where an account lets SMS codes go. An empty list means no country: nobody can set up SMS.
 * `allowAllSmsCountries` is the older meaning of the empty list (every country), kept for
 * accounts whose users relied on it until the owner narrows it; new accounts never have it.
 */
export interface SmsCountryRule {
  allowAllSmsCountries: boolean;
  allowedSmsCountries: readonly string[];
}

export type SmsCountryVerdict = 'ALLOWED' | 'NO_COUNTRY' | 'NOT_IN_LIST';

/** True when the rule allows no country at all. */
export function allowsNoSmsCountry(rule: SmsCountryRule): boolean {
  return !rule.allowAllSmsCountries && rule.allowedSmsCountries.length === 0;
}

/** May a code be sent to a new number of `country` (ISO 3166-1 alpha-2)? */
export function smsCountryVerdict(rule: SmsCountryRule, country: string): SmsCountryVerdict {
  if (rule.allowAllSmsCountries) return 'ALLOWED';
  if (rule.allowedSmsCountries.length === 0) return 'NO_COUNTRY';
  return rule.allowedSmsCountries.includes(country) ? 'ALLOWED' : 'NOT_IN_LIST';
}

/**
 * True when a type's allowed methods offer SMS that nobody could set up, because the account
 * allows no country: such a rule is refused instead of saved.
 */
export function smsWithoutCountry(
  allowedMethods: readonly TwoFactorMethod[],
  rule: SmsCountryRule,
): boolean {
  return allowedMethods.includes(TwoFactorMethod.SMS) && allowsNoSmsCountry(rule);
}
