/** The values of the stored 2FA columns (docs/design.md, Stored 2FA status); imports nothing, so entities may. */

/**
 * The time-independent part of a profile's 2FA status, stored on its row (docs/design.md,
 * Stored 2FA status): what computeTwoFactorStatus() answers with no lock, and PENDING where the
 * answer would be GRACE or OVERDUE (the clock decides between them).
 */
export enum StoredTwoFactorBase {
  NOT_REQUIRED = 'NOT_REQUIRED',
  ENROLLED = 'ENROLLED',
  OPTIONAL_OFF = 'OPTIONAL_OFF',
  AWAITING_FIRST_SIGN_IN = 'AWAITING_FIRST_SIGN_IN',
  PENDING = 'PENDING',
}

/** Bits of the stored `twoFactorHeld`: the methods a profile holds confirmed. */
export const heldBits = { AUTHENTICATOR_APP: 1, SMS: 2, PIN: 4, PASSKEY: 8 } as const;

/** What a disabled factor step (100 wrong codes) stores as its lock's end: never by itself. */
export const disabledLockSentinel = new Date('9999-12-31T00:00:00.000Z');
