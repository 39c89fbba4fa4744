import { BadInputError } from '../errors';
import { boundedTotal, countBound, decodeCursor, encodeCursor, pageSize, toPage } from './paging';

describe('pagination helpers', () => {
  it.each([
    [undefined, 50],
    [null, 50],
    [1, 1],
    [100, 100],
  ])('page size %j → %j', (first, size) => {
    expect(pageSize(first)).toBe(size);
  });

  it.each([0, -1, 101, 1e9, 1.5])('refuses page size %j as bad input on `first`', (first) => {
    expect(() => pageSize(first)).toThrow(BadInputError);
    try {
      pageSize(first);
    } catch (error) {
      expect((error as BadInputError).fields[0]?.field).toBe('first');
    }
  });

  it('round-trips cursors', () => {
    expect(decodeCursor(encodeCursor(['Zoë', 'a1']), 2)).toEqual(['Zoë', 'a1']);
    expect(decodeCursor(undefined, 2)).toBeNull();
  });

  it.each([
    'bogus!',
    'x'.repeat(600),
    encodeCursor(['only-one']),
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[{}, 1]').toString('base64url'),
  ])('refuses the cursor %j as bad input on `after`', (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(BadInputError);
  });

  it('builds a page from one extra row', () => {
    const page = toPage([1, 2, 3], 2, boundedTotal(10), (n) => [n]);
    expect(page.nodes).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(page.totalCount).toBe(10);
    expect(toPage([1], 2, boundedTotal(1), (n) => [n]).pageInfo.hasNextPage).toBe(false);
  });

  it('leaves the total out of a page that was not asked for it', () => {
    expect(toPage([1], 2, null, (n) => [n])).toMatchObject({
      totalCount: null,
      totalCountIsLowerBound: false,
    });
  });

  it.each([
    [0, { value: 0, isLowerBound: false }],
    [countBound - 1, { value: countBound - 1, isLowerBound: false }],
    [countBound, { value: countBound, isLowerBound: false }],
    [countBound + 1, { value: countBound, isLowerBound: true }],
  ])('reads %j counted rows as %j', (counted, total) => {
    expect(boundedTotal(counted)).toEqual(total);
  });
});
