import type { FieldError } from '@twofold/shared';

/**
 * PIN codes (docs/design.md, Second-factor rules, seed 004): 4 to 8 digits, typed twice, and not one of the guesses an
 * attacker tries first. A PIN is a second *knowledge* factor — something the user knows, like
 * the password — so it is weaker than an authenticator or a phone, and the API says so.
 */

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

/** Why a PIN is too easy to guess, or null when it is not. */
export type TrivialPin = 'ONE_DIGIT' | 'SEQUENCE' | 'REPEATED_PAIR' | 'YEAR';

export function trivialPin(pin: string): TrivialPin | null {
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'ONE_DIGIT';
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) return 'SEQUENCE';
  if (pin.length % 2 === 0 && pin === pin.slice(0, 2).repeat(pin.length / 2))
    return 'REPEATED_PAIR';
  if (pin.length === 4 && /^(19|20)\d\d$/.test(pin)) return 'YEAR';
  return null;
}

const trivialMessages: Record<TrivialPin, string> = {
  ONE_DIGIT: 'Use different digits, not the same one repeated',
  SEQUENCE: 'Avoid runs such as 1234 or 9876',
  REPEATED_PAIR: 'Avoid repeated pairs such as 1212',
  YEAR: 'Avoid years such as 1990 or 2024',
};

/**
 * What is wrong with a new PIN and its confirmation, per field (empty when it may be used).
 * `field` and `confirmationField` name the GraphQL arguments.
 */
export function pinProblems(
  pin: string,
  confirmation: string,
  field = 'pin',
  confirmationField = 'pinConfirmation',
): FieldError[] {
  if (!new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(pin)) {
    return [{ field, message: `Use ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits` }];
  }
  const trivial = trivialPin(pin);
  if (trivial) return [{ field, message: trivialMessages[trivial] }];
  if (confirmation !== pin) return [{ field: confirmationField, message: 'The two PINs differ' }];
  return [];
}

/** True when `pin` could be a PIN at all: cheap to refuse before any hashing. */
export function plausiblePin(pin: string): boolean {
  return new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(pin);
}
