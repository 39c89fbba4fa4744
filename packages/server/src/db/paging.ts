import { limits } from '@twofold/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadInputError } from '../errors';

/** One page of a list: the same shape for every list (docs/design.md, GraphQL contract), built by `toPage`. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Null when the request did not ask for it: nothing counted it (docs/design.md, Lists at scale). */
  totalCount: number | null;
  /** True when `totalCount` stopped at `countBound`: there are at least that many. */
  totalCountIsLowerBound: boolean;
}

/** A list's count, exact up to `countBound` (docs/design.md, Lists at scale). */
export interface TotalCount {
  value: number;
  isLowerBound: boolean;
}

/** Where counting stops: a count reads at most this many index entries plus one. */
export const countBound = 10_000;

/** The raw column of `boundedCountQuery`. */
const boundedCountColumn = 'n';

/**
 * `SELECT COUNT(*)` of the rows of `filtered` (a query without order or limit), reading at most
 * `countBound + 1` of them: its cost stays flat however large the account grows.
 */
export function boundedCountQuery<T extends ObjectLiteral>(
  filtered: SelectQueryBuilder<T>,
): SelectQueryBuilder<ObjectLiteral> {
  const bounded = filtered
    .clone()
    .select('1', 'one')
    .limit(countBound + 1);
  return filtered.connection
    .createQueryBuilder()
    .select('COUNT(*)', boundedCountColumn)
    .from(`(${bounded.getQuery()})`, 'bounded')
    .setParameters(bounded.getParameters());
}

/**
 * `boundedCountQuery` of the union of `branches` (each selecting one column `id`, without order
 * or limit): each branch reads at most `countBound + 1` rows, so a count past the bound is one.
 */
export function boundedUnionCountQuery(
  branches: readonly SelectQueryBuilder<ObjectLiteral>[],
): SelectQueryBuilder<ObjectLiteral> {
  const limited = branches.map((branch) => branch.clone().limit(countBound + 1));
  // SQLite takes no LIMIT in a UNION's own SELECTs: each one reads a subquery
  const union = limited
    .map((branch, i) => `SELECT b${i}.id FROM (${branch.getQuery()}) b${i}`)
    .join(' UNION ');
  return branches[0]!.connection
    .createQueryBuilder()
    .select('COUNT(*)', boundedCountColumn)
    .from(`(${union})`, 'bounded')
    .setParameters(
      limited.reduce<ObjectLiteral>((all, branch) => ({ ...all, ...branch.getParameters() }), {}),
    );
}

/** The TotalCount of the row of `boundedCountQuery`. */
export function readBoundedCount(rows: readonly Record<string, unknown>[]): TotalCount {
  return boundedTotal(Number(rows[0]?.[boundedCountColumn] ?? 0));
}

/** `counted` rows read by a bounded count as a TotalCount. */
export function boundedTotal(counted: number): TotalCount {
  return counted > countBound
    ? { value: countBound, isLowerBound: true }
    : { value: counted, isLowerBound: false };
}

/** `first` must be 1 to 100 (docs/design.md, Security baseline: no request asks for unbounded work). */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > limits.pageSizeMax) {
    throw new BadInputError([{ field, message: `Must be between 1 and ${limits.pageSizeMax}` }]);
  }
  return size;
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last node. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `arity` parts; anything else is bad input. */
export function decodeCursor(
  cursor: string | null | undefined,
  arity: number,
  field = 'after',
): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  const bad = () => new BadInputError([{ field, message: 'Not a cursor returned by this list' }]);
  if (cursor.length > 500 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity ||
    !parsed.every(
      (part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)),
    )
  ) {
    throw bad();
  }
  return parsed as (string | number)[];
}

/** Builds a page from `size + 1` fetched rows: the extra row only says another page exists. */
export function toPage<T>(
  rows: T[],
  size: number,
  total: TotalCount | null,
  keyOf: (row: T) => (string | number)[],
): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount: total?.value ?? null,
    totalCountIsLowerBound: total?.isLowerBound ?? false,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    },
  };
}
