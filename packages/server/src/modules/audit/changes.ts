/** A value before and after a change, as an update's audit event records it. */
export interface Change {
  from: unknown;
  to: unknown;
}

/** A value as JSON keeps it: dates as ISO 8601 (UTC), absent as null. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/**
 * `details.changes` of an update's audit event (docs/design.md, Audit log): every field of
 * `after` that is set and differs from `before`, with what it was and what it became. Only for
 * values the log's readers may see: never a secret, hash or code.
 */
export function changesOf(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, Change> {
  const changes: Record<string, Change> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const from = plain(before[field]);
    const to = plain(value);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
