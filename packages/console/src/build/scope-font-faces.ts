/**
 * Gives the fonts a third-party stylesheet declares names of their own. GraphiQL's stylesheet
 * declares `@font-face { font-family: Roboto }`, and Mantine's font stack names Roboto too: once
 * the API page loaded it, the whole console changed typeface. Renamed, its fonts reach only the
 * rules that name them through the stylesheet's own variables (`--font-family: "Roboto", …`).
 *
 * Throws when a family is not both declared and used that way, so an update of the stylesheet
 * that changes its spelling fails the build instead of bringing the leak back.
 */
export function scopeFontFaces(css: string, families: readonly string[], prefix: string): string {
  let out = css;
  for (const family of families) {
    const own = `"${prefix} ${family}"`;
    const name = `"?${family.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?`;
    let declared = 0;
    let used = 0;
    // a font face's name, wherever it sits in the block (its data URI holds no `}`)
    out = out.replace(
      new RegExp(`(@font-face\\s*\\{[^}]*?font-family:\\s*)${name}(\\s*[;}])`, 'g'),
      (_match, head: string, tail: string) => {
        declared++;
        return `${head}${own}${tail}`;
      },
    );
    // the custom properties the stylesheet's rules read the family from
    out = out.replace(
      new RegExp(`(--[\\w-]*font-family[\\w-]*:\\s*)${name}(\\s*[,;}])`, 'g'),
      (_match, head: string, tail: string) => {
        used++;
        return `${head}${own}${tail}`;
      },
    );
    if (declared === 0 || used === 0) {
      throw new Error(
        `the stylesheet no longer declares and uses the font "${family}" as expected ` +
          `(${declared} font faces, ${used} uses): check how it names its fonts`,
      );
    }
  }
  return out;
}
