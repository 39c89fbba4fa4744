/**
 * A software WebAuthn authenticator for tests: real P-256 keys from node:crypto, real attestation
 * objects ("none" format, CBOR, COSE key, authenticator data) and real ES256 assertions, for any
 * origin, RP ID, challenge, counter and flags — so the server's checks are exercised by what a
 * browser would send, never by a mock of the library verifying it.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** Authenticator data flags (WebAuthn §6.1). */
export const flags = {
  UP: 0x01,
  UV: 0x04,
  BE: 0x08,
  BS: 0x10,
  AT: 0x40,
} as const;

/** A credential the authenticator holds. */
export interface SoftCredential {
  /** The credential id, base64url. */
  id: string;
  rpId: string;
  userHandle: string | null;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The signature counter the next assertion uses, before incrementing. */
  counter: number;
}

/** What the browser would send after `navigator.credentials.create()` (RegistrationResponseJSON). */
export interface RegistrationJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    transports: string[];
  };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment?: string;
}

/** What the browser would send after `navigator.credentials.get()` (AuthenticationResponseJSON). */
export interface AssertionJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment?: string;
}

/** The parts of creation/request options the authenticator reads (as the server sent them). */
interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string };
  excludeCredentials?: { id: string }[];
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

/** Overrides of what a ceremony would normally produce: a phishing origin, no UV, a stale counter. */
export interface CeremonyOverrides {
  origin?: string;
  /** The RP ID the authenticator hashes into its data (a wrong one is another relying party). */
  rpId?: string;
  /** Another challenge than the options' (base64url). */
  challenge?: string;
  /** User verification performed; default true. */
  userVerified?: boolean;
  /** The counter to sign with (assertions), leaving the credential's own untouched. */
  counter?: number;
  /** Backup eligible and backed up (a synced passkey). */
  backedUp?: boolean;
  /** The clientData type; default webauthn.create / webauthn.get. */
  type?: string;
}

const b64url = (data: Uint8Array | Buffer | string): string =>
  Buffer.from(data).toString('base64url');
const sha256 = (data: Uint8Array | Buffer | string): Buffer =>
  createHash('sha256').update(data).digest();

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter >>> 0);
  return bytes;
}

/** The COSE_Key (EC2, P-256, ES256) of a public key, CBOR-encoded, as a server stores it. */
export function coseKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const key = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return isoCBOR.encode(key);
}

export class SoftAuthenticator {
  readonly credentials = new Map<string, SoftCredential>();

  constructor(
    /** The authenticator model's AAGUID, 16 bytes; all zeros like many platform authenticators. */
    readonly aaguid: Buffer = Buffer.alloc(16),
    readonly transports: string[] = ['internal', 'hybrid'],
  ) {}

  /** Answers creation options (the JSON the server sent) as `origin` would: a new credential. */
  register(
    optionsJSON: string | CreationOptions,
    origin: string,
    /** `credential`: register a key this (or another) authenticator holds already, as a clone would. */
    overrides: CeremonyOverrides & { credential?: SoftCredential } = {},
  ) {
    const options: CreationOptions =
      typeof optionsJSON === 'string' ? (JSON.parse(optionsJSON) as CreationOptions) : optionsJSON;
    const rpId = overrides.rpId ?? options.rp.id ?? new URL(origin).hostname;
    const credential: SoftCredential = overrides.credential ?? {
      id: b64url(randomBytes(32)),
      rpId,
      userHandle: options.user.id,
      ...generateKeyPairSync('ec', { namedCurve: 'P-256' }),
      counter: 0,
    };
    const rawId = Buffer.from(credential.id, 'base64url');
    const { publicKey } = credential;
    const uv = overrides.userVerified ?? true;
    const backup = overrides.backedUp ? flags.BE | flags.BS : 0;
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flags.UP | (uv ? flags.UV : 0) | flags.AT | backup]),
      counterBytes(overrides.counter ?? 0),
      this.aaguid,
      Buffer.from([rawId.length >> 8, rawId.length & 0xff]),
      rawId,
      Buffer.from(coseKey(publicKey)),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as Parameters<typeof isoCBOR.encode>[0],
    );
    const clientDataJSON = JSON.stringify({
      type: overrides.type ?? 'webauthn.create',
      challenge: overrides.challenge ?? options.challenge,
      origin: overrides.origin ?? origin,
      crossOrigin: false,
    });
    this.credentials.set(credential.id, credential);
    const response: RegistrationJSON = {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: this.transports,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
    return { credential, response, json: JSON.stringify(response) };
  }

  /**
   * Answers request options with `credential` (by default the first one the options allow that
   * this authenticator holds): authenticator data, SHA-256 of the client data, signed with ES256.
   * The credential's counter moves forward by one unless `overrides.counter` is given.
   */
  assert(
    optionsJSON: string | RequestOptions,
    origin: string,
    overrides: CeremonyOverrides & { credential?: SoftCredential } = {},
  ) {
    const options: RequestOptions =
      typeof optionsJSON === 'string' ? (JSON.parse(optionsJSON) as RequestOptions) : optionsJSON;
    const credential =
      overrides.credential ??
      (options.allowCredentials ?? [])
        .map((allowed) => this.credentials.get(allowed.id))
        .find((c) => c !== undefined) ??
      [...this.credentials.values()][0];
    if (!credential) throw new Error('the authenticator holds no credential for these options');
    let counter = overrides.counter;
    if (counter === undefined) {
      credential.counter += 1;
      counter = credential.counter;
    }
    const rpId = overrides.rpId ?? options.rpId ?? credential.rpId;
    const uv = overrides.userVerified ?? true;
    const backup = overrides.backedUp ? flags.BE | flags.BS : 0;
    const authenticatorData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flags.UP | (uv ? flags.UV : 0) | backup]),
      counterBytes(counter),
    ]);
    const clientDataJSON = JSON.stringify({
      type: overrides.type ?? 'webauthn.get',
      challenge: overrides.challenge ?? options.challenge,
      origin: overrides.origin ?? origin,
      crossOrigin: false,
    });
    // node signs ECDSA as DER, which WebAuthn expects
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
      credential.privateKey,
    );
    const response: AssertionJSON = {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        ...(credential.userHandle ? { userHandle: credential.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
    return { credential, response, json: JSON.stringify(response) };
  }
}
