import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers/server-process';

/** Every source file of the packages, generated code and dependencies left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (['node_modules', 'dist', 'generated', 'screenshots'].includes(name)) return [];
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|tsx|graphql|mjs|cjs)$/.test(name) ? [file] : [];
  });
}

describe('references to the rules', () => {
  const files = sources(path.join(repoRoot, 'packages'));
  const design = readFileSync(path.join(repoRoot, 'docs/design.md'), 'utf8');
  const sections = [...design.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);

  it('point at a section of docs/design.md that exists', () => {
    const dangling: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // the section's name may start on the comment's next line
      for (const match of text.matchAll(
        /docs\/design\.md,[ \t]*(?:\n\s*(?:\*|\/\/)\s*)?([^\n]+)/g,
      )) {
        const cited = match[1]!.replace(/\s*\*?\s*$/, '');
        if (!sections.some((section) => cited.startsWith(section))) {
          dangling.push(`${path.relative(repoRoot, file)}: ${cited}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it('never point at documents outside the repository', () => {
    // spelled in two parts, so that this file does not find itself
    const citation = new RegExp(['DESIGN', ' §|CONVEN', 'TIONS'].join(''));
    const outside = files.filter((file) => citation.test(readFileSync(file, 'utf8')));
    expect(outside.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });
});
