import { likePrefix, prefixRange, searchKey, searchKeysOf } from './search-keys';

describe('search keys', () => {
  it.each([
    ['Ada Lovelace', 'ada lovelace'],
    ['ÉMILE Zoë', 'émile zoë'],
    ['E\u0301mile', 'émile'], // a decomposed accent folds as the composed one
    ['ΣΟΦΙΑ', 'σοφια'],
    ['person00042', 'person00042'],
  ])('folds %j to %j', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('folds a profile’s name and login email', () => {
    expect(searchKeysOf('Ada L', 'Ada@Example.test')).toEqual({
      searchName: 'ada l',
      searchEmail: 'ada@example.test',
    });
  });

  it.each([
    ['ada', { from: 'ada', to: 'adb' }],
    ['zoë', { from: 'zoë', to: 'zoì' }],
    ['a\u{10ffff}', { from: 'a\u{10ffff}', to: 'b' }],
    ['\u{10ffff}', { from: '\u{10ffff}', to: null }],
    ['x\ud7ff', { from: 'x\ud7ff', to: 'x\ue000' }],
    ['😀', { from: '😀', to: '😁' }],
  ])('bounds the strings starting with %j by %j', (prefix, range) => {
    expect(prefixRange(prefix)).toEqual(range);
  });

  it('keeps every extension of a prefix inside its range', () => {
    for (const prefix of ['ada', 'zoë', '😀', 'a\u{10ffff}']) {
      const { from, to } = prefixRange(prefix);
      for (const tail of ['', ' ', 'z', '\u{10ffff}', 'é']) {
        const text = Buffer.from(prefix + tail);
        expect(Buffer.compare(text, Buffer.from(from))).toBeGreaterThanOrEqual(0);
        if (to !== null) expect(Buffer.compare(text, Buffer.from(to))).toBeLessThan(0);
      }
    }
  });

  it.each([
    ['ada', 'ada%'],
    ['50%_off!', '50!%!_off!!%'],
  ])('matches %j literally with LIKE as %j', (prefix, pattern) => {
    expect(likePrefix(prefix)).toBe(pattern);
  });
});
