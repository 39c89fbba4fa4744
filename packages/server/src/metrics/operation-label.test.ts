import { ANONYMOUS, normalizeOperationName, OperationLabels, OTHER } from './operation-label';

describe('normalizeOperationName', () => {
  it.each([
    ['SignIn', 'SignIn'],
    ['users_page_2', 'users_page_2'],
    ['_', '_'],
    ['a'.repeat(64), 'a'.repeat(64)],
  ])('keeps the plain name %s', (name, label) => {
    expect(normalizeOperationName(name)).toBe(label);
  });

  it.each([
    ['no name', null],
    ['undefined', undefined],
    ['empty', ''],
    ['65 characters', 'a'.repeat(65)],
    ['an email', 'ann@example.test'],
    ['an IP', '127.0.0.1'],
    ['a hyphenated id', '0b7a6f1e-8c4d-4f7e-9a51-3c2d1e0f9a8b'],
    ['a space', 'Sign In'],
    ['a quote and a brace', 'x"} evil{'],
    ['a line break', 'A\nB'],
    ['non-ASCII letters', 'Anmeldung_ä'],
  ])('answers anonymous for %s', (_case, name) => {
    expect(normalizeOperationName(name)).toBe(ANONYMOUS);
  });
});

describe('OperationLabels', () => {
  it('keeps the first names up to the limit and answers other for any later new one', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'A', 'C'].map((name) => labels.label(name))).toEqual(['A', 'B', 'A', 'C']);
    expect(labels.label('D')).toBe(OTHER);
    expect(labels.label('E')).toBe(OTHER);
    // names seen before the limit keep their label
    expect(labels.label('B')).toBe('B');
  });

  it('does not spend the limit on names it answers anonymous for', () => {
    const labels = new OperationLabels(1);
    expect(labels.label('bad name')).toBe(ANONYMOUS);
    expect(labels.label(null)).toBe(ANONYMOUS);
    expect(labels.label('Good')).toBe('Good');
    expect(labels.label('Later')).toBe(OTHER);
  });

  it('holds at most 200 names by default, however many arrive', () => {
    const labels = new OperationLabels();
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => labels.label(`Op${i}`)));
    expect(seen.size).toBe(201);
    expect(seen.has(OTHER)).toBe(true);
    expect(seen.has('Op199')).toBe(true);
    expect(seen.has('Op200')).toBe(false);
  });
});
