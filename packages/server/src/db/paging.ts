import { limits } from '@twofold/shared';
import { BadInputError } from '../errors';

/** One page of a list: the same shape for every list (docs/design.md, GraphQL contract), built by `toPage`. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
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
  totalCount: number,
  keyOf: (row: T) => (string | number)[],
): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    },
  };
}
