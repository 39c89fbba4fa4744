import type { AuditEventsFilter } from '@twofold/shared/graphql';

/**
 * The URL search parameters of the Audit page (`/audit?user=<id>&from=2026-12-01`): other pages
 * link to a narrowed log with them, so the names are part of the console's contract. Days are
 * the reader's own (local) calendar days.
 */
export const auditParams = {
  action: 'action',
  user: 'user',
  from: 'from',
  to: 'to',
  after: 'after',
} as const;

/** What the log shows, as read from the URL; a malformed day is ignored. */
export interface AuditView {
  action: string | null;
  userId: string | null;
  /** `YYYY-MM-DD`, the first day shown. */
  from: string | null;
  /** `YYYY-MM-DD`, the last day shown. */
  to: string | null;
  after: string | null;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight that starts `day` (`YYYY-MM-DD`), `offset` days later; null if no day. */
function localMidnight(day: string, offset = 0): Date | null {
  const match = dayPattern.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date);
  // a 45th of the 13th month would roll over into another day
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) {
    return null;
  }
  return offset === 0 ? start : new Date(year, month, date + offset);
}

const dayOrNull = (value: string | null): string | null =>
  value !== null && localMidnight(value) ? value : null;

export function readView(params: URLSearchParams): AuditView {
  return {
    action: params.get(auditParams.action) || null,
    userId: params.get(auditParams.user) || null,
    from: dayOrNull(params.get(auditParams.from)),
    to: dayOrNull(params.get(auditParams.to)),
    after: params.get(auditParams.after) || null,
  };
}

/** Whether the range ends before it starts (the page says so and asks for nothing). */
export function rangeIsBackwards(view: Pick<AuditView, 'from' | 'to'>): boolean {
  return view.from !== null && view.to !== null && view.to < view.from;
}

/**
 * The `auditEvents(filter)` argument: the days as instants, from the first moment of `from` to
 * the last of `to` in the reader's time zone (the API includes both ends).
 */
export function toFilter(view: AuditView): AuditEventsFilter {
  const from = view.from ? localMidnight(view.from) : null;
  const next = view.to ? localMidnight(view.to, 1) : null;
  return {
    action: view.action,
    userId: view.userId,
    from: from ? from.toISOString() : null,
    to: next ? new Date(next.getTime() - 1).toISOString() : null,
  };
}

/**
 * The URL that downloads the log as CSV with the filters shown (parameters named as the API's
 * filter: `action`, `userId`, `from`, `to`); the session cookie goes with it.
 */
export function exportHref(view: AuditView): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(toFilter(view))) {
    if (typeof value === 'string' && value !== '') query.set(name, value);
  }
  const search = query.toString();
  return `/export/audit-log.csv${search ? `?${search}` : ''}`;
}

/**
 * The URL after changing one filter: every other parameter is kept, and the cursor is dropped
 * because a page of the old filter means nothing under the new one.
 */
export function withFilter(
  params: URLSearchParams,
  name: Exclude<keyof typeof auditParams, 'after'>,
  value: string | null,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(auditParams[name], value);
  else next.delete(auditParams[name]);
  next.delete(auditParams.after);
  return next;
}
