import { execFile } from 'node:child_process';
import fs, {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KEY_FILE_NAME, KeyFileError, loadOrCreateKeyFile, parseSecretKey } from './key-file';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'twofold-key-'));
});

afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('loadOrCreateKeyFile', () => {
  it('creates a random 32-byte key with mode 0600 and returns it again next time', () => {
    const key = loadOrCreateKeyFile(dir);
    expect(key).toHaveLength(32);
    const path = join(dir, KEY_FILE_NAME);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(`${key.toString('base64')}\n`);
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
    // no temporary file left behind
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]);
  });

  it('creates distinct keys in distinct directories', () => {
    const other = join(dir, 'other');
    expect(loadOrCreateKeyFile(dir).equals(loadOrCreateKeyFile(other))).toBe(false);
  });

  it('creates a missing data directory', () => {
    const nested = join(dir, 'a', 'b');
    const key = loadOrCreateKeyFile(nested);
    expect(loadOrCreateKeyFile(nested).equals(key)).toBe(true);
  });

  it('reads an existing key written by an administrator, trailing newline included', () => {
    const key = Buffer.alloc(32, 0xab);
    writeFileSync(join(dir, KEY_FILE_NAME), `${key.toString('base64')}\n`, { mode: 0o600 });
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
    ['hex instead of base64', Buffer.alloc(32, 1).toString('hex')],
    ['not base64', 'this is not a key at all, not even close!!'],
    ['base64 with garbage appended', `${Buffer.alloc(32, 1).toString('base64')}#`],
    ['base64url alphabet', Buffer.alloc(32, 0xfb).toString('base64url')],
    [
      'two keys',
      `${Buffer.alloc(32, 1).toString('base64')}\n${Buffer.alloc(32, 2).toString('base64')}`,
    ],
  ])('refuses a corrupt file (%s) and leaves it alone', (_name, content) => {
    const path = join(dir, KEY_FILE_NAME);
    writeFileSync(path, content, { mode: 0o600 });
    const error = errorOf(() => loadOrCreateKeyFile(dir));
    expect(error).toBeInstanceOf(KeyFileError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('32 bytes');
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  const looseModes = [0o644, 0o640, 0o604, 0o660, 0o606, 0o720].map(
    (mode) => [mode.toString(8), mode] as const,
  );
  (posix ? it.each(looseModes) : it.skip.each(looseModes))(
    'refuses mode %s and says chmod 600',
    (_label, mode) => {
      const path = join(dir, KEY_FILE_NAME);
      writeFileSync(path, `${Buffer.alloc(32, 5).toString('base64')}\n`);
      chmodSync(path, mode);
      const error = errorOf(() => loadOrCreateKeyFile(dir));
      expect(error).toBeInstanceOf(KeyFileError);
      expect(error.message).toContain(`chmod 600 ${path}`);
      chmodSync(path, 0o600);
      expect(loadOrCreateKeyFile(dir).equals(Buffer.alloc(32, 5))).toBe(true);
    },
  );

  it('accepts a stricter mode (0400)', () => {
    const path = join(dir, KEY_FILE_NAME);
    writeFileSync(path, Buffer.alloc(32, 6).toString('base64'));
    chmodSync(path, 0o400);
    expect(loadOrCreateKeyFile(dir).equals(Buffer.alloc(32, 6))).toBe(true);
  });

  it('refuses a directory in place of the key file', () => {
    fs.mkdirSync(join(dir, KEY_FILE_NAME), { mode: 0o700 });
    expect(errorOf(() => loadOrCreateKeyFile(dir))).toBeInstanceOf(KeyFileError);
  });

  it('reads the winner’s key when another process creates the file first (EEXIST)', () => {
    const winner = Buffer.alloc(32, 0x42);
    const path = join(dir, KEY_FILE_NAME);
    const realLink = fs.linkSync;
    // The other process finishes between our first read (ENOENT) and our link().
    jest.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      writeFileSync(path, `${winner.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      realLink(from, to);
    });
    expect(loadOrCreateKeyFile(dir).equals(winner)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(`${winner.toString('base64')}\n`);
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]);
  });

  it('falls back to an exclusive write where hard links are not supported', () => {
    jest.spyOn(fs, 'linkSync').mockImplementation(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });
    const key = loadOrCreateKeyFile(dir);
    if (posix) expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]);
    jest.restoreAllMocks();
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
  });

  it('gives every one of several racing processes the same key', async () => {
    const run = promisify(execFile);
    const script =
      `process.stdout.write(require(${JSON.stringify(require.resolve('./key-file.ts'))})` +
      `.loadOrCreateKeyFile(${JSON.stringify(dir)}).toString('base64'))`;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(process.execPath, ['-r', '@swc-node/register', '-e', script], {
          cwd: join(__dirname, '..', '..'),
        }),
      ),
    );
    const keys = new Set(results.map((r) => r.stdout));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(readFileSync(join(dir, KEY_FILE_NAME), 'utf8').trim());
    expect(readdirSync(dir)).toEqual([KEY_FILE_NAME]);
  });
});

describe('parseSecretKey', () => {
  it('parses TWOFOLD_SECRET_KEY-style base64 with surrounding whitespace', () => {
    const key = Buffer.alloc(32, 3);
    expect(parseSecretKey(`  ${key.toString('base64')}\n`, 'TWOFOLD_SECRET_KEY').equals(key)).toBe(
      true,
    );
  });

  it('names the source in its error', () => {
    const error = errorOf(() => parseSecretKey('short', 'TWOFOLD_SECRET_KEY'));
    expect(error).toBeInstanceOf(KeyFileError);
    expect(error.message).toMatch(/^TWOFOLD_SECRET_KEY must be the base64 encoding of exactly 32/);
  });
});
