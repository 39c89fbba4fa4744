import { hkdfSync } from 'node:crypto';
import type { Config } from '../config';
import { loadOrCreateKeyFile } from './key-file';
import { SecretBox } from './secret-box';

/** Key material derived once per process from TWOFOLD_SECRET_KEY or the embedded key file. */
export interface Secrets {
  /** Seals TOTP secrets at rest (AES-256-GCM, key id in every value). */
  box: SecretBox;
  /** Seals OpenID providers' client secrets at rest (a key of its own). */
  providerSecretBox: SecretBox;
  /** HMAC key deriving an OpenID attempt's nonce and PKCE verifier from its state. */
  openIdAttemptKey: Buffer;
  /** HMAC pepper for backup codes: a database dump alone cannot test guesses offline. */
  backupCodePepper: Buffer;
  /** HMAC key for SMS codes (6 digits: trivially guessed offline against a plain hash). */
  smsCodePepper: Buffer;
  /** HMAC key naming a phone number in send limits without storing it in clear. */
  phoneKey: Buffer;
  /**
   * argon2id secret of PIN hashes: a 4-digit PIN is at most 10,000 guesses, so a hash that a
   * database dump alone can test is as good as the PIN in clear.
   */
  pinKey: Buffer;
  /**
   * HMAC key naming a remembered browser's cookie after its login and profile
   * (docs/design.md, Remembered browsers): the name tells a reader of the cookie jar no id.
   */
  deviceCookieKey: Buffer;
}

/**
 * The configured key, else (embedded SQLite only) a key generated once into the data directory
 * with mode 0600. Config validation already refuses MariaDB/MySQL without a key.
 */
export function resolveSecretKey(
  config: Pick<Config, 'secretKey' | 'database' | 'dataDir'>,
): Buffer {
  if (config.secretKey) return config.secretKey;
  if (config.database.type !== 'sqlite') {
    throw new Error('TWOFOLD_SECRET_KEY is required with DATABASE_URL');
  }
  return loadOrCreateKeyFile(config.dataDir);
}

/** Separate keys per purpose, so no two uses ever share key material. */
export function deriveSecrets(masterKey: Buffer): Secrets {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), label, 32));
  return {
    box: new SecretBox(derive('twofold/totp-secrets/v1')),
    providerSecretBox: new SecretBox(derive('twofold/openid-client-secrets/v1')),
    openIdAttemptKey: derive('twofold/openid-attempts/v1'),
    // rotating the master key would void stored backup codes: rotation re-issues them (later work)
    backupCodePepper: derive('twofold/backup-code-pepper/v1'),
    smsCodePepper: derive('twofold/sms-code-pepper/v1'),
    phoneKey: derive('twofold/phone-key/v1'),
    // like backup codes: rotating the master key voids stored PINs
    pinKey: derive('twofold/pin-key/v1'),
    deviceCookieKey: derive('twofold/device-cookie-names/v1'),
  };
}
