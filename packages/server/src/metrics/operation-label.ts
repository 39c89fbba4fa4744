/** The `operation` label of a GraphQL request whose operation has no name (or an odd one). */
export const ANONYMOUS = 'anonymous';
/** …of a /graphql request that ran no operation: a batch, unparsable, invalid or refused. */
export const INVALID = 'invalid';
/** …of every named operation past the cap. */
export const OTHER = 'other';

const plainName = /^[A-Za-z0-9_]{1,64}$/;

/** A GraphQL operation name as a label value: kept when short and plain, else `anonymous`. */
export function normalizeOperationName(name: string | null | undefined): string {
  return typeof name === 'string' && plainName.test(name) ? name : ANONYMOUS;
}

/**
 * Operation names as label values, bounded: any client may name its operations anything, and
 * each distinct value is a new time series kept for ever. The first `limit` names seen keep
 * their label; any later one is counted as `other`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(readonly limit = 200) {}

  label(name: string | null | undefined): string {
    const normalized = normalizeOperationName(name);
    if (normalized === ANONYMOUS || this.seen.has(normalized)) return normalized;
    if (this.seen.size >= this.limit) return OTHER;
    this.seen.add(normalized);
    return normalized;
  }
}
