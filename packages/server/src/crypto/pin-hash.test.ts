import { hash, verify } from '@node-rs/argon2';
import { argon2Options } from './password';
import { hashPin, verifyPin } from './pin-hash';

const key = Buffer.alloc(32, 0x11);
const otherKey = Buffer.alloc(32, 0x22);

describe('PIN hashes', () => {
  let keyed: string;
  let unkeyed: string;

  beforeAll(async () => {
    keyed = await hashPin('2580', key);
    // as PINs were stored before they were keyed
    unkeyed = await hash('2580', argon2Options);
  });

  it('are argon2id at the password cost, without the PIN in them', () => {
    expect(keyed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(keyed).not.toContain('2580');
  });

  it('are useless without the key', async () => {
    await expect(verify(keyed, '2580')).resolves.toBe(false);
    await expect(verify(keyed, '2580', { secret: otherKey })).resolves.toBe(false);
    await expect(verify(keyed, '2580', { secret: key })).resolves.toBe(true);
  });

  it.each([
    ['a keyed hash, the right PIN', true, 'keyed', true, '2580', key],
    ['a keyed hash, a wrong PIN', false, 'keyed', true, '2581', key],
    ['a keyed hash, another key', false, 'keyed', true, '2580', otherKey],
    ['a keyed hash marked unkeyed', false, 'keyed', false, '2580', key],
    ['an unkeyed hash, the right PIN', true, 'unkeyed', false, '2580', key],
    ['an unkeyed hash, a wrong PIN', false, 'unkeyed', false, '2581', key],
    ['an unkeyed hash marked keyed', false, 'unkeyed', true, '2580', key],
    ['a corrupt hash', false, 'corrupt', true, '2580', key],
    ['a corrupt unkeyed hash', false, 'corrupt', false, '2580', key],
  ] as const)('%s: verifies = %s', async (_name, expected, which, marked, pin, withKey) => {
    const pinHash = which === 'keyed' ? keyed : which === 'unkeyed' ? unkeyed : 'not-a-hash';
    await expect(verifyPin({ pinHash, keyed: marked }, pin, withKey)).resolves.toBe(expected);
  });
});
