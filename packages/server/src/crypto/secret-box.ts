import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption of secrets at rest (TOTP seeds, optionally phone numbers): AES-256-GCM with a
 * versioned key id (docs/design.md, Security baseline), so a database dump alone holds no usable secret and the key can
 * be rotated: new values are sealed with the current key while older keys still open old ones.
 *
 * Sealed format (ASCII, safe in any text column):
 *   `<keyId>.<base64url iv (12 bytes)>.<base64url tag (16 bytes)>.<base64url ciphertext>`
 * The key id is also bound as GCM additional data, so it cannot be swapped without detection.
 */

export const SECRET_BOX_KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM nonce size NIST recommends; random per seal
const TAG_BYTES = 16; // full-length tag: never accept truncated tags
const FORMAT_VERSION = 'k1';
const KEY_ID_PATTERN = /^k1-[0-9a-f]{8}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

export type SecretBoxErrorReason = 'MALFORMED' | 'UNKNOWN_KEY' | 'AUTHENTICATION_FAILED';

/** Thrown by `SecretBox.open`; the message never contains the sealed value or the key. */
export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** `k1-` + the first 8 hex digits of SHA-256(key): identifies a key without revealing it. */
export function secretBoxKeyId(key: Buffer): string {
  return `${FORMAT_VERSION}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

function assertKey(key: Buffer, what: string): void {
  if (!Buffer.isBuffer(key) || key.length !== SECRET_BOX_KEY_BYTES) {
    throw new RangeError(`${what} must be ${SECRET_BOX_KEY_BYTES} bytes`);
  }
}

/**
 * Strict base64url decoding. Buffer.from() silently skips invalid characters and ignores the
 * unused low bits of the last character, so a tampered value could decode to the same bytes;
 * requiring the canonical encoding makes every character of the sealed string significant.
 */
function decodePart(text: string, what: string): Buffer {
  if (!BASE64URL_PATTERN.test(text)) {
    throw new SecretBoxError('MALFORMED', `Sealed value has an invalid ${what}`);
  }
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) {
    throw new SecretBoxError('MALFORMED', `Sealed value has an invalid ${what}`);
  }
  return bytes;
}

export class SecretBox {
  /** Id of the key new values are sealed with. */
  readonly keyId: string;
  private readonly currentKey: Buffer;
  private readonly keys = new Map<string, Buffer>();

  /**
   * @param key the current 32-byte key: seals new values and opens values sealed with it.
   * @param previousKeys retired keys, only used to open values sealed before a rotation.
   */
  constructor(key: Buffer, previousKeys: readonly Buffer[] = []) {
    assertKey(key, 'The secret key');
    // Private copies: a caller zeroing or reusing its buffer must not change our keys.
    this.currentKey = Buffer.from(key);
    this.keyId = secretBoxKeyId(key);
    this.keys.set(this.keyId, this.currentKey);
    previousKeys.forEach((previous, index) => {
      assertKey(previous, `Previous key #${index + 1}`);
      const id = secretBoxKeyId(previous);
      const known = this.keys.get(id);
      if (known === undefined) {
        this.keys.set(id, Buffer.from(previous));
      } else if (!known.equals(previous)) {
        // 32-bit id collision between distinct keys: astronomically unlikely, but refuse rather
        // than silently fail to open one key's values.
        throw new RangeError(`Two different keys share the key id ${id}`);
      }
    });
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.currentKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(this.keyId, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      this.keyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  /** Decrypts a value from `seal`; throws `SecretBoxError`, never returns unauthenticated data. */
  open(sealed: string): string {
    if (typeof sealed !== 'string') {
      throw new SecretBoxError('MALFORMED', 'Sealed value is not a string');
    }
    const parts = sealed.split('.');
    if (parts.length !== 4) {
      throw new SecretBoxError('MALFORMED', 'Sealed value does not have four parts');
    }
    const [keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw new SecretBoxError('MALFORMED', 'Sealed value has an invalid key id');
    }
    const key = this.keys.get(keyId);
    if (key === undefined) {
      throw new SecretBoxError(
        'UNKNOWN_KEY',
        `Sealed with key ${keyId}, which is neither the current key (${this.keyId}) nor a previous one`,
      );
    }
    const iv = decodePart(ivText, 'iv');
    const tag = decodePart(tagText, 'tag');
    const ciphertext = decodePart(ciphertextText, 'ciphertext');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('MALFORMED', 'Sealed value has a wrong iv or tag length');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(keyId, 'ascii'));
    decipher.setAuthTag(tag);
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SecretBoxError(
        'AUTHENTICATION_FAILED',
        'Sealed value failed authentication (tampered, or sealed with another key)',
      );
    }
    return plaintext.toString('utf8');
  }

  /** Whether `sealed` was sealed with the current key; false means it should be re-sealed. */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${this.keyId}.`);
  }
}
