import { hash, verify } from '@node-rs/argon2';

/** OWASP's minimum for argon2id (docs/design.md, Security baseline); argon2id is the library's default algorithm. */
export const argon2Options = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

// Verified against when the email is unknown, so both answers take the same time.
let dummyHash: Promise<string> | undefined;

/** Verifies `password` against `passwordHash`, or spends the same time failing when it is null. */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash('twofold-timing-equalizer', argon2Options);
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
