import { TwoFactorStatus } from '@twofold/shared';

/** The report window: 1 to 90 days, today included. */
export const reportDays = { min: 1, max: 90, default: 30 } as const;

export interface DailyCount {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  count: number;
}

export interface AppReportData {
  days: number;
  signInsPerDay: DailyCount[];
  assignedUsers: number;
  usersWithTwoFactor: number;
  usersWithPinOnly: number;
  twoFactorCoverage: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of `date` in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of the first day of a `days`-day window ending today (UTC). */
export function windowStart(days: number, now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * dayMs);
}

/** One entry per UTC day of the window, oldest first, zero where `counts` has none. */
export function fillDays(
  days: number,
  now: Date,
  counts: ReadonlyMap<string, number>,
): DailyCount[] {
  const start = windowStart(days, now).getTime();
  return Array.from({ length: days }, (_, i) => {
    const date = utcDay(new Date(start + i * dayMs));
    return { date, count: counts.get(date) ?? 0 };
  });
}

/** The report of one app from its per-day sign-ins and its assigned users' 2FA statuses. */
export function buildReport(input: {
  days: number;
  now: Date;
  signInsByDay: ReadonlyMap<string, number>;
  users: readonly { status: TwoFactorStatus; hasPossessionFactor: boolean }[];
}): AppReportData {
  const assignedUsers = input.users.length;
  const enrolled = input.users.filter((u) => u.status === TwoFactorStatus.ENROLLED);
  // a PIN alone is another knowledge factor: counted apart, not as two-factor coverage
  const usersWithTwoFactor = enrolled.filter((u) => u.hasPossessionFactor).length;
  return {
    days: input.days,
    signInsPerDay: fillDays(input.days, input.now, input.signInsByDay),
    assignedUsers,
    usersWithTwoFactor,
    usersWithPinOnly: enrolled.length - usersWithTwoFactor,
    twoFactorCoverage: assignedUsers === 0 ? 0 : usersWithTwoFactor / assignedUsers,
  };
}
