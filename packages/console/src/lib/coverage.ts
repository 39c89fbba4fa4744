import type { TwoFactorStatus, UserType } from '@twofold/shared/graphql';

/**
 * How each 2FA status shows in coverage figures (the overview, Compliance): its place in a
 * reader's order — done, waiting, late, blocked, not asked —, its colour, and the words after a
 * count ("2 in a grace period"). Exhaustive: a status added to the API is one more entry here, or
 * the type check fails.
 */
export const statusFigures: Record<
  TwoFactorStatus,
  { rank: number; color: string; counted: string }
> = {
  ENROLLED: { rank: 0, color: 'teal.7', counted: 'enrolled' },
  GRACE: { rank: 1, color: 'yellow.5', counted: 'in a grace period' },
  AWAITING_FIRST_SIGN_IN: { rank: 2, color: 'indigo.4', counted: 'set up at first sign-in' },
  OVERDUE: { rank: 3, color: 'red.7', counted: 'overdue' },
  LOCKED: { rank: 4, color: 'grape.7', counted: 'locked' },
  OPTIONAL_OFF: { rank: 5, color: 'gray.5', counted: 'optional and off' },
  NOT_REQUIRED: { rank: 6, color: 'gray.3', counted: 'not required' },
};

/** Every status, in the reader's order of `statusFigures`. */
export const statusOrder: readonly TwoFactorStatus[] = (
  Object.keys(statusFigures) as TwoFactorStatus[]
).sort((a, b) => statusFigures[a].rank - statusFigures[b].rank);

/** One user type's counts, as `twoFactorCompliance` answers them. */
export interface TypeCounts {
  userType: UserType;
  users: number;
  enrolled: number;
  pinOnly: number;
  byStatus: readonly { status: TwoFactorStatus; count: number }[];
}

/** How many profiles of the type have `status`; 0 for a status the server did not list. */
export function countOf(row: Pick<TypeCounts, 'byStatus'>, status: TwoFactorStatus): number {
  return row.byStatus.find((entry) => entry.status === status)?.count ?? 0;
}

/**
 * `part` of `whole` as a whole percentage that never overstates: 100% only when all are, and
 * 0% only when none is (199 of 200 is 99%, 1 of 1,000 is 1%).
 */
export function percent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  if (part >= whole) return 100;
  return Math.min(99, Math.max(1, Math.round((part / whole) * 100)));
}

/**
 * The coverage of one user type (docs/design.md, The overview): profiles with a true second
 * factor (ENROLLED, PIN-only left out) out of all profiles of the type.
 */
export function coverageOf(row: TypeCounts): {
  covered: number;
  pinOnly: number;
  users: number;
  percent: number;
} {
  const covered = Math.max(0, row.enrolled - row.pinOnly);
  return { covered, pinOnly: row.pinOnly, users: row.users, percent: percent(covered, row.users) };
}
