import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SECRET_BOX_KEY_BYTES } from './secret-box';

/**
 * The embedded default's secret key (docs/design.md, Security baseline): generated once into the data directory with
 * mode 0600 so a fresh `pnpm start` encrypts secrets at rest without any configuration.
 */

export const KEY_FILE_NAME = 'secret.key';

/** Thrown when the key file or a configured key is unusable; the message says how to fix it. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/**
 * Parses a base64 encoded 32-byte key, as stored in the key file or given in
 * `TWOFOLD_SECRET_KEY`. Surrounding whitespace (the trailing newline of `openssl rand -base64 32`)
 * is ignored; anything else that is not the canonical base64 of exactly 32 bytes is refused,
 * because Buffer.from() would otherwise quietly decode garbage into a short or different key.
 */
export function parseSecretKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (
    !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ||
    key.length !== SECRET_BOX_KEY_BYTES ||
    key.toString('base64') !== trimmed
  ) {
    throw new KeyFileError(
      `${source} must be the base64 encoding of exactly ${SECRET_BOX_KEY_BYTES} bytes ` +
        '(generate one with `openssl rand -base64 32`)',
    );
  }
  return key;
}

// Duck-typed rather than `instanceof Error`: errors from Node's fs come from another realm under
// jest's VM sandbox, and only `code` matters here.
function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** Reads an existing key file, refusing one that other users could read or write. */
function readKeyFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    // fstat on the opened descriptor: the mode we check is the mode of the file we read.
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new KeyFileError(`${path} is not a regular file`);
    }
    // POSIX permission bits mean nothing on Windows, where Node reports them as 0o666.
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new KeyFileError(
        `${path} is accessible to other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
          `run \`chmod 600 ${path}\``,
      );
    }
    return parseSecretKey(readFileSync(fd, 'utf8'), path);
  } finally {
    closeSync(fd);
  }
}

/**
 * Returns the key stored in `<dataDir>/secret.key`, creating the directory and a new random key
 * when the file does not exist yet.
 *
 * Creation is race-free across processes: the key is written completely to a private temporary
 * file (`wx`, mode 0600) and then hard-linked to its final name. link() never replaces an
 * existing file, and the final name only ever appears with its full content, so a process that
 * loses the race (EEXIST) reads the winner's key instead of overwriting it or reading a
 * half-written file. Where the filesystem has no hard links, it falls back to writing the final
 * name directly with `wx`, which still never overwrites.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE_NAME);
  try {
    return readKeyFile(path);
  } catch (error) {
    if (!hasErrorCode(error, 'ENOENT')) throw error;
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(SECRET_BOX_KEY_BYTES);
  const content = `${key.toString('base64')}\n`;
  const temporary = join(
    dataDir,
    `.${KEY_FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if (hasErrorCode(error, 'EEXIST')) return readKeyFile(path);
      if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV'].some((code) => hasErrorCode(error, code))) {
        throw error;
      }
      try {
        writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
      } catch (fallbackError) {
        if (hasErrorCode(fallbackError, 'EEXIST')) return readKeyFile(path);
        throw fallbackError;
      }
    }
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone, or never created: nothing to clean up
    }
  }
  return key;
}
