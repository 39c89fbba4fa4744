/**
 * What users search compares (docs/design.md, Lists at scale): names and emails folded here, in
 * TypeScript, when they are written, so both dialects compare the same bytes and an index on the
 * folded column serves a prefix.
 */
export function searchKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** The search columns of a profile named `displayName` whose login's email is `email`. */
export function searchKeysOf(
  displayName: string,
  email: string,
): { searchName: string; searchEmail: string } {
  return { searchName: searchKey(displayName), searchEmail: searchKey(email) };
}

const lastCodePoint = 0x10ffff;

/**
 * The half-open range `[from, to)` of the strings that start with `prefix`, compared code point by
 * code point (SQLite's binary collation on UTF-8): `to` is `prefix` with its last code point
 * raised by one. Null `to` when no string is above every extension of `prefix`.
 */
export function prefixRange(prefix: string): { from: string; to: string | null } {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last === lastCodePoint) continue;
    // a surrogate is no character: past the last one below them comes the first above
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    return { from: prefix, to: String.fromCodePoint(...points, next) };
  }
  return { from: prefix, to: null };
}

/** Characters that make LIKE match more than the literal text; `!` is the escape on both dialects. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
