import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One spelling for two-factor authentication across the console: "two-factor authentication"
 * (capitalised only to start a sentence or a title), and "2FA" only where space is tight (column
 * headers, filters, badges, captions). Everything a person reads is checked: the console's
 * sources and the shared messages, without comments.
 */
const wrongSpellings: [RegExp, string][] = [
  [/2-factor/i, '"2-Factor"'],
  [/two factor/i, '"two factor" without the hyphen'],
  [/\b(?:two|2)[- ]step\b/i, '"two-step"'],
  [/\bMFA\b/, '"MFA"'],
  [/\b2fa\b/, 'a lower-case "2fa"'],
  [/Two-Factor|two-factor Authentication/, 'title case'],
  [/two-factor (?:verification|auth\b)/i, 'another noun than "authentication"'],
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourcesUnder(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** The text of a source without its comments (line and block, JSX ones included). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const roots = [path.join(__dirname), path.join(__dirname, '..', '..', 'shared', 'src')];

describe('the words for two-factor authentication', () => {
  const files = roots.flatMap(sourcesUnder);

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(wrongSpellings)('are never written %s (%s)', (pattern) => {
    const found = files.flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .filter((line) => pattern.test(line))
        .map((line) => `${path.relative(roots[0]!, file)}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
