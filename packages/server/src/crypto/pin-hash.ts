import { hash, verify } from '@node-rs/argon2';
import { argon2Options } from './password';

/**
 * PIN hashes. A PIN has at most 10^8 values and usually 10^4, so an argon2id hash alone falls to
 * a few minutes of guessing from a database dump. New hashes are keyed: argon2id with a secret
 * derived from TWOFOLD_SECRET_KEY, which the database never holds. Hashes written before keying
 * are marked `keyed: false`; they keep verifying and are replaced by a keyed hash once the PIN is
 * known to be right.
 */

/** A stored PIN hash and whether it was made with the PIN key. */
export interface StoredPinHash {
  pinHash: string;
  keyed: boolean;
}

/** A keyed argon2id hash of `pin` (same cost as passwords). */
export function hashPin(pin: string, key: Buffer): Promise<string> {
  return hash(pin, { ...argon2Options, secret: key });
}

/**
 * Whether `pin` matches `stored`: with the key when the hash is marked keyed, without it
 * otherwise. A corrupt hash is a mismatch, not a crash.
 */
export async function verifyPin(stored: StoredPinHash, pin: string, key: Buffer): Promise<boolean> {
  try {
    return await verify(stored.pinHash, pin, stored.keyed ? { secret: key } : undefined);
  } catch {
    return false;
  }
}
