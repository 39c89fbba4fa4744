import { auditFilterSchema, toFieldErrors } from './validation';

/** The fields a filter is refused for, as the API names them (`filter.to`). */
function refusedFields(input: Record<string, unknown>): string[] {
  const result = auditFilterSchema.safeParse(input);
  return result.success ? [] : toFieldErrors(result.error, 'filter').map((e) => e.field);
}

describe('the audit log filter', () => {
  it.each([
    ['a Date', new Date('2026-12-01T00:00:00.000Z'), '2026-12-01T00:00:00.000Z'],
    ['a UTC date-time', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00.000Z'],
    ['a date-time with an offset', '2026-12-01T01:30:00.250+01:30', '2026-12-01T00:00:00.250Z'],
  ])('reads %s as an instant', (_what, from, iso) => {
    const parsed = auditFilterSchema.parse({ from });
    expect(parsed.from?.toISOString()).toBe(iso);
  });

  it('leaves out what is null, empty or absent', () => {
    expect(
      auditFilterSchema.parse({ action: '', userId: null, from: null, to: undefined }),
    ).toEqual({});
  });

  it.each([
    ['a date without a time', { from: '2026-12-01' }, ['filter.from']],
    ['a time without an offset', { to: '2026-12-01T10:00:00' }, ['filter.to']],
    ['words', { from: 'yesterday' }, ['filter.from']],
    ['a number', { from: 1764547200000 }, ['filter.from']],
    ['an invalid Date', { to: new Date(Number.NaN) }, ['filter.to']],
    ['a date before 1970', { from: '1969-12-31T23:59:59Z' }, ['filter.from']],
    [
      'an end before the start',
      { from: '2026-12-02T00:00:00Z', to: '2026-12-01T23:59:59.999Z' },
      ['filter.to'],
    ],
    ['an action that is not a name', { action: 'user.*' }, ['filter.action']],
  ])('refuses %s, naming the field', (_what, input, fields) => {
    expect(refusedFields(input)).toEqual(fields);
  });

  it('takes a range of one instant (both ends are included)', () => {
    const at = '2026-12-01T12:00:00.000Z';
    expect(refusedFields({ from: at, to: at })).toEqual([]);
  });
});
