import { TwoFactorMethod } from '@twofold/shared';
import {
  allowsNoSmsCountry,
  type SmsCountryRule,
  smsCountryVerdict,
  smsWithoutCountry,
} from './sms-countries';

const rule = (allowAll: boolean, countries: string[]): SmsCountryRule => ({
  allowAllSmsCountries: allowAll,
  allowedSmsCountries: countries,
});

describe('smsCountryVerdict', () => {
  it.each<[string, SmsCountryRule, string, string]>([
    ['an empty list allows no country', rule(false, []), 'GB', 'NO_COUNTRY'],
    ['a listed country', rule(false, ['GB', 'IE']), 'GB', 'ALLOWED'],
    ['a country off the list', rule(false, ['GB', 'IE']), 'FR', 'NOT_IN_LIST'],
    ['every country kept from before, empty list', rule(true, []), 'FR', 'ALLOWED'],
    ['every country kept from before, with a list', rule(true, ['GB']), 'FR', 'ALLOWED'],
  ])('%s', (_name, given, country, expected) => {
    expect(smsCountryVerdict(given, country)).toBe(expected);
  });
});

describe('allowsNoSmsCountry and smsWithoutCountry', () => {
  const sms = [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.SMS];
  const noSms = [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN];
  it.each<[string, SmsCountryRule, TwoFactorMethod[], boolean, boolean]>([
    ['SMS with no country', rule(false, []), sms, true, true],
    ['no SMS with no country', rule(false, []), noSms, true, false],
    ['SMS with a country', rule(false, ['GB']), sms, false, false],
    ['SMS with every country kept', rule(true, []), sms, false, false],
    ['nothing allowed at all', rule(false, []), [], true, false],
  ])('%s', (_name, given, methods, none, refused) => {
    expect(allowsNoSmsCountry(given)).toBe(none);
    expect(smsWithoutCountry(methods, given)).toBe(refused);
  });
});
