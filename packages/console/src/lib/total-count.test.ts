import { totalText } from './total-count';

describe('totalText', () => {
  it.each([
    [0, false, '0 users'],
    [1, false, '1 user'],
    [13, false, '13 users'],
    [2500, false, '2,500 users'],
    [10000, false, '10,000 users'],
    [10000, true, '10,000+ users'],
  ])('shows %j (lower bound: %j) as %j', (totalCount, totalCountIsLowerBound, text) => {
    expect(totalText({ totalCount, totalCountIsLowerBound }, 'user', 'users')).toBe(text);
  });
});
