import { createHash } from 'node:crypto';
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import { ErrorReason, type FieldError } from '@twofold/shared';
import type { PasskeyFactor } from './passkey.entities';

/**
 * Pure WebAuthn helpers (docs/design.md, Passkeys): the relying party from PUBLIC_URL, the shape
 * of a browser's answer, challenge and credential hashes, and the closed refusal reasons the
 * library's errors map to. The cryptography is @simplewebauthn/server's; nothing here parses CBOR.
 */

/** How long a challenge may be answered. */
export const challengeLifetimeMs = 5 * 60_000;

/** A passkey's name: 1 to 64 characters once trimmed. */
export const passkeyNameMax = 64;

/** The relying party: its ID is PUBLIC_URL's host name, the only origin it accepts PUBLIC_URL's. */
export function relyingPartyOf(publicUrl: string): { rpID: string; origin: string } {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** SHA-256 (hex) of a challenge as the browser returns it (base64url): what is stored. */
export function challengeHashOf(challenge: string): string {
  return createHash('sha256').update(challenge, 'utf8').digest('hex');
}

/** SHA-256 (hex) of a credential id's bytes: unique across every profile. */
export function credentialIdHashOf(credentialId: string): string {
  return createHash('sha256').update(Buffer.from(credentialId, 'base64url')).digest('hex');
}

/** The trimmed name, or the problem with it (BAD_USER_INPUT on `name`). */
export function passkeyNameOf(name: string): { name: string } | { problem: FieldError } {
  const trimmed = name.trim();
  if (trimmed.length === 0)
    return { problem: { field: 'name', message: 'Give the passkey a name' } };
  if (trimmed.length > passkeyNameMax) {
    return { problem: { field: 'name', message: `At most ${passkeyNameMax} characters` } };
  }
  return { name: trimmed };
}

/** A `code` argument holding a passkey answer rather than a typed code: JSON starts with `{`. */
export function looksLikePasskeyAnswer(code: string): boolean {
  return code.trimStart().startsWith('{');
}

const base64url = /^[A-Za-z0-9_-]*={0,2}$/;

/** What the server reads of a browser's answer before the library checks it. */
export interface PasskeyAnswer<T> {
  /** The answer as the library takes it. */
  response: T;
  /** The credential id, base64url. */
  credentialId: string;
  /** The challenge the client data names (base64url), to find and use up its stored row. */
  challenge: string;
}

/**
 * A RegistrationResponseJSON or AuthenticationResponseJSON string, read far enough to know its
 * credential and challenge; null when it is not one (PASSKEY_MALFORMED): garbage never reaches
 * the library or the database.
 */
export function readPasskeyAnswer<T>(json: string): PasskeyAnswer<T> | null {
  if (json.length > 64_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const answer = value as { id?: unknown; rawId?: unknown; response?: unknown };
  if (typeof answer.id !== 'string' || answer.id.length === 0 || !base64url.test(answer.id)) {
    return null;
  }
  if (typeof answer.response !== 'object' || answer.response === null) return null;
  const clientDataJSON = (answer.response as { clientDataJSON?: unknown }).clientDataJSON;
  if (typeof clientDataJSON !== 'string' || !base64url.test(clientDataJSON)) return null;
  let clientData: unknown;
  try {
    clientData = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const challenge = (clientData as { challenge?: unknown } | null)?.challenge;
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 512) {
    return null;
  }
  return { response: value as T, credentialId: answer.id, challenge };
}

/**
 * The closed reason for an error @simplewebauthn/server threw while verifying an answer. Its
 * origin and RP ID errors carry codes; user verification and the counter only messages (pinned
 * by tests against the library as installed). Anything else: the answer was malformed.
 */
export function reasonOfVerificationError(error: unknown): ErrorReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UNEXPECTED_ORIGIN') return ErrorReason.PASSKEY_ORIGIN;
  if (code === 'UNEXPECTED_RP_ID') return ErrorReason.PASSKEY_RP_ID;
  const message = error instanceof Error ? error.message : '';
  if (/user verification (was )?required/i.test(message)) {
    return ErrorReason.PASSKEY_USER_NOT_VERIFIED;
  }
  if (/counter value \d+ was lower than expected/i.test(message)) {
    return ErrorReason.PASSKEY_COUNTER_REGRESSION;
  }
  return ErrorReason.PASSKEY_MALFORMED;
}

/**
 * Whether an assertion's counter may follow the stored one: it must move forward, unless both are
 * 0 (an authenticator that keeps no counter, as synced passkeys do).
 */
export function counterMovesForward(stored: number, received: number): boolean {
  return received > stored || (stored === 0 && received === 0);
}

/**
 * The profile's passkeys as the options name them (`allowCredentials`, `excludeCredentials`): the
 * credential id with the transports the browser reported, as hints.
 */
export function credentialDescriptorsOf(
  passkeys: readonly Pick<PasskeyFactor, 'credentialId' | 'transports'>[],
): { id: string; transports: AuthenticatorTransport[] }[] {
  return passkeys.map((p) => ({
    id: p.credentialId,
    transports: p.transports as AuthenticatorTransport[],
  }));
}
