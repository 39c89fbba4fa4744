import { createHmac, randomInt } from 'node:crypto';

/** SMS codes (docs/design.md, Second-factor rules): 6 digits, valid 10 minutes, single use, stored only as an HMAC. */
export const SMS_CODE_TTL_MS = 10 * 60_000;

/** Sends per number per 15 minutes, counted before each send (docs/design.md, Second-factor rules). */
export const smsNumberRule = { limit: 3, windowSeconds: 15 * 60 };

/** Sends per profile per hour, whatever the numbers: one member cannot spend the account's cap. */
export const smsProfileRule = { limit: 10, windowSeconds: 60 * 60 };

/** Sends per client IP per hour, across profiles and accounts. */
export const smsIpRule = { limit: 100, windowSeconds: 60 * 60 };

export function generateSmsCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * The stored form of a code, bound to the factor it was sent for: the same six digits sent to two
 * people hash differently, and a dump alone cannot test the million candidates.
 */
export function hashSmsCode(factorId: string, code: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(`${factorId}:${code}`).digest('hex');
}

/** Names a number in send limits without storing it in clear. */
export function hashPhone(e164: string, key: Buffer): string {
  return createHmac('sha256', key).update(e164).digest('hex');
}

export function plausibleSmsCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code.trim());
}

export function smsText(code: string, accountName: string): string {
  // the account name tells the user which sign-in asked; the code comes first for autofill
  return `${code} is your ${accountName.slice(0, 40)} sign-in code. It expires in 10 minutes. Never share it.`;
}
