import type { FieldError } from '@twofold/shared';
import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  type PhoneNumber,
} from 'libphonenumber-js/max';

/**
 * Phone numbers for SMS codes (docs/design.md, Second-factor rules): "a mobile phone number, with country code",
 * normalized to E.164. The full metadata (`/max`) tells mobile numbers from fixed lines and
 * premium-rate lines, which must never receive codes (a premium line is someone's income).
 */

export interface NormalizedPhone {
  /** E.164: `+447400123456`. */
  e164: string;
  /** ISO 3166-1 alpha-2 region of the number. */
  country: string;
}

export type PhoneResult =
  { ok: true; phone: NormalizedPhone } | { ok: false; problems: FieldError[] };

// no country code or number is this long: refused before any parsing work
const MAX_INPUT = 32;
const textTypes = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * `countryCode` is a calling code (`+44`, `44`) or a region (`GB`); `phoneNumber` the number as
 * typed, national or international. Whether the account allows the number's country is
 * `smsCountryVerdict`'s to say (sms-countries.ts).
 */
export function normalizePhone(countryCode: string, phoneNumber: string): PhoneResult {
  const fail = (field: string, message: string): PhoneResult => ({
    ok: false,
    problems: [{ field, message }],
  });
  const code = countryCode.trim();
  const number = phoneNumber.trim();
  if (code.length === 0 || code.length > MAX_INPUT)
    return fail('countryCode', 'Give a country code');
  if (number.length === 0 || number.length > MAX_INPUT || !/^[0-9 ()+.-]+$/.test(number)) {
    return fail('phoneNumber', 'Give a phone number: digits, spaces and dashes only');
  }
  let parsed: PhoneNumber;
  try {
    if (/^\+?[0-9]{1,3}$/.test(code)) {
      const digits = number.replace(/\D/g, '');
      parsed = parsePhoneNumberWithError(`+${code.replace('+', '')}${digits.replace(/^0+/, '')}`);
    } else if (/^[A-Za-z]{2}$/.test(code) && isSupportedCountry(code.toUpperCase())) {
      parsed = parsePhoneNumberWithError(number, code.toUpperCase() as CountryCode);
    } else {
      return fail('countryCode', 'Unknown country code');
    }
  } catch (error) {
    // libphonenumber names what it could not read: the country, or the number
    if (error instanceof Error && error.message === 'INVALID_COUNTRY') {
      return fail('countryCode', 'Unknown country code');
    }
    return fail('phoneNumber', 'Not a phone number');
  }
  if (!parsed.country) return fail('countryCode', 'Unknown country code');
  if (!parsed.isValid()) return fail('phoneNumber', 'Not a valid number for this country');
  const type = parsed.getType();
  if (type === 'PREMIUM_RATE')
    return fail('phoneNumber', 'Premium-rate numbers cannot receive codes');
  if (type === undefined || !textTypes.has(type)) {
    return fail('phoneNumber', 'Give a mobile number: this one cannot receive text messages');
  }
  return { ok: true, phone: { e164: parsed.number, country: parsed.country } };
}

/** `+447400123456` → `+44 •••• ••3456`: enough to recognise one's own number, not to call it. */
export function maskPhone(e164: string): string {
  const international = parsePhoneNumberWithError(e164).formatInternational();
  const [prefix = '', ...rest] = international.split(' ');
  const national = rest.join(' ');
  const digitCount = national.replace(/\D/g, '').length;
  let seen = 0;
  const masked = [...national]
    .map((char) => {
      if (!/\d/.test(char)) return char;
      seen += 1;
      return seen > digitCount - 4 ? char : '•';
    })
    .join('');
  return `${prefix} ${masked}`;
}

/**
 * The account's SMS countries as the owner gives them: ISO 3166-1 alpha-2 regions libphonenumber
 * knows, upper-cased and without repeats; an empty list allows no country.
 */
export function parseCountryList(
  countries: readonly string[],
  field = 'countries',
): { ok: true; countries: string[] } | { ok: false; problems: FieldError[] } {
  if (countries.length > 300)
    return { ok: false, problems: [{ field, message: 'At most 300 countries' }] };
  const unknown = countries.filter(
    (c) => !/^[A-Za-z]{2}$/.test(c) || !isSupportedCountry(c.toUpperCase()),
  );
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, 5)
      .map((c) => JSON.stringify(c.slice(0, 10)))
      .join(', ');
    return { ok: false, problems: [{ field, message: `Unknown country codes: ${shown}` }] };
  }
  return { ok: true, countries: [...new Set(countries.map((c) => c.toUpperCase()))].sort() };
}
