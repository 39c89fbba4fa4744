import { coverageOf, percent, statusOrder } from './coverage';

describe('coverage figures', () => {
  it.each([
    [0, 0, 0],
    [0, 50, 0],
    [41, 50, 82],
    [1, 3, 33],
    [2, 3, 67],
    // never 100% while someone is missing, never 0% while someone is there
    [199, 200, 99],
    [1, 1000, 1],
    [50, 50, 100],
  ])('shows %i of %i as %i%%', (part, whole, shown) => {
    expect(percent(part, whole)).toBe(shown);
  });

  it('counts true second factors only, PIN-only apart', () => {
    expect(
      coverageOf({ userType: 'APP_REVIEWER', users: 8, enrolled: 3, pinOnly: 1, byStatus: [] }),
    ).toEqual({ covered: 2, pinOnly: 1, users: 8, percent: 25 });
  });

  it('orders every status once, done before waiting, late, blocked and not asked', () => {
    expect(statusOrder).toEqual([
      'ENROLLED',
      'GRACE',
      'AWAITING_FIRST_SIGN_IN',
      'OVERDUE',
      'LOCKED',
      'OPTIONAL_OFF',
      'NOT_REQUIRED',
    ]);
  });
});
