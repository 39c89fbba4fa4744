import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scopeFontFaces } from './scope-font-faces';

/** The font families a stylesheet's @font-face rules declare. */
function declaredFamilies(css: string): string[] {
  const families = [...css.matchAll(/@font-face\s*\{[^}]*?font-family:\s*([^;}]+)/g)].map((match) =>
    match[1]!.trim(),
  );
  return [...new Set(families)].sort();
}

describe('scopeFontFaces', () => {
  it('renames the fonts GraphiQL declares, and its variables with them', () => {
    // by its package's folder: the tests map stylesheet imports to a stub
    const graphiql = path.dirname(require.resolve('graphiql/package.json'));
    const css = readFileSync(path.join(graphiql, 'dist', 'style.css'), 'utf8');
    expect(declaredFamilies(css)).toEqual(['Fira Code', 'Roboto', 'codicon']);

    const scoped = scopeFontFaces(css, ['Roboto', 'Fira Code'], 'GraphiQL');

    // nothing the console's own font stack names is declared any more
    expect(declaredFamilies(scoped)).toEqual([
      '"GraphiQL Fira Code"',
      '"GraphiQL Roboto"',
      'codicon',
    ]);
    expect(scoped).toContain('--font-family: "GraphiQL Roboto", sans-serif;');
    expect(scoped).toContain('--font-family-mono: "GraphiQL Fira Code", monospace;');
    // only the names changed
    const unquoted = (text: string) =>
      text.replaceAll('"Roboto"', 'Roboto').replaceAll('"Fira Code"', 'Fira Code');
    const renamedBack = scoped
      .replaceAll('"GraphiQL Roboto"', 'Roboto')
      .replaceAll('"GraphiQL Fira Code"', 'Fira Code');
    expect(unquoted(renamedBack)).toBe(unquoted(css));
  });

  it('refuses a stylesheet that no longer names the font as expected', () => {
    const css = '@font-face { font-family: Inter; src: url(x.woff2); } .a { font-family: Inter; }';
    expect(() => scopeFontFaces(css, ['Inter'], 'GraphiQL')).toThrow(/"Inter"/);
  });

  it('renames a quoted family in a one-line rule', () => {
    const css =
      '@font-face{font-family:"Fira Code";src:url(a)}:root{--mono-font-family:"Fira Code",monospace}';
    expect(scopeFontFaces(css, ['Fira Code'], 'X')).toBe(
      '@font-face{font-family:"X Fira Code";src:url(a)}:root{--mono-font-family:"X Fira Code",monospace}',
    );
  });
});
