import { TwoFactorStatus } from '@twofold/shared';
import { buildReport, fillDays, utcDay, windowStart } from './app-report';

describe('app report helpers', () => {
  // 00:30 in UTC is still the previous day in America: the report counts UTC days
  const now = new Date('2026-03-02T00:30:00.000Z');

  it.each([
    [1, '2026-03-02T00:00:00.000Z'],
    [2, '2026-03-01T00:00:00.000Z'],
    [3, '2026-02-28T00:00:00.000Z'],
    [90, '2025-12-03T00:00:00.000Z'],
  ])('starts a %i-day window at midnight UTC of %s', (days, start) => {
    expect(windowStart(days, now).toISOString()).toBe(start);
  });

  it('lists one entry per day, oldest first, with zero days filled in', () => {
    const counts = new Map([
      ['2026-02-28', 2],
      ['2026-03-02', 5],
      ['2026-02-01', 9], // outside the window: ignored
    ]);
    expect(fillDays(3, now, counts)).toEqual([
      { date: '2026-02-28', count: 2 },
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-02', count: 5 },
    ]);
  });

  it('crosses month and leap-year boundaries day by day', () => {
    const days = fillDays(3, new Date('2024-03-01T23:59:59.999Z'), new Map());
    expect(days.map((d) => d.date)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('formats days in UTC', () => {
    expect(utcDay(new Date('2026-01-01T23:30:00.000-05:00'))).toBe('2026-01-02');
  });

  it.each([
    [[], 0, 0],
    [[TwoFactorStatus.ENROLLED], 1, 1],
    [[TwoFactorStatus.ENROLLED, TwoFactorStatus.OPTIONAL_OFF], 1, 0.5],
    [
      [
        TwoFactorStatus.GRACE,
        TwoFactorStatus.OVERDUE,
        TwoFactorStatus.LOCKED,
        TwoFactorStatus.NOT_REQUIRED,
      ],
      0,
      0,
    ],
  ])('counts %j as %i with two factors and coverage %d', (statuses, enrolled, coverage) => {
    const users = statuses.map((status) => ({ status, hasPossessionFactor: true }));
    const report = buildReport({ days: 2, now, signInsByDay: new Map(), users });
    expect(report.assignedUsers).toBe(statuses.length);
    expect(report.usersWithTwoFactor).toBe(enrolled);
    expect(report.usersWithPinOnly).toBe(0);
    expect(report.twoFactorCoverage).toBe(coverage);
    expect(report.signInsPerDay).toHaveLength(2);
  });

  it('counts PIN-only users apart from users with a possession factor', () => {
    const report = buildReport({
      days: 1,
      now,
      signInsByDay: new Map(),
      users: [
        { status: TwoFactorStatus.ENROLLED, hasPossessionFactor: true },
        { status: TwoFactorStatus.ENROLLED, hasPossessionFactor: false },
        { status: TwoFactorStatus.ENROLLED, hasPossessionFactor: false },
        { status: TwoFactorStatus.OPTIONAL_OFF, hasPossessionFactor: false },
      ],
    });
    expect(report).toMatchObject({
      assignedUsers: 4,
      usersWithTwoFactor: 1,
      usersWithPinOnly: 2,
      twoFactorCoverage: 0.25,
    });
  });
});
