import { changesOf } from './changes';

describe('changesOf', () => {
  it.each([
    ['a changed name', { name: 'Old' }, { name: 'New' }, { name: { from: 'Old', to: 'New' } }],
    ['an unchanged name', { name: 'Same' }, { name: 'Same' }, {}],
    ['a field left out', { name: 'Old' }, { name: undefined }, {}],
    [
      'a date, as ISO 8601',
      { deadline: null },
      { deadline: new Date('2026-12-01T10:00:00.000Z') },
      { deadline: { from: null, to: '2026-12-01T10:00:00.000Z' } },
    ],
    [
      'an equal date',
      { deadline: new Date('2026-12-01T10:00:00.000Z') },
      { deadline: new Date('2026-12-01T10:00:00.000Z') },
      {},
    ],
    [
      'a list, by its items',
      { methods: ['PIN'] },
      { methods: ['PIN', 'SMS'] },
      { methods: { from: ['PIN'], to: ['PIN', 'SMS'] } },
    ],
    ['an equal list', { methods: ['PIN'] }, { methods: ['PIN'] }, {}],
    ['a value that was not there', {}, { flag: true }, { flag: { from: null, to: true } }],
    ['false to true', { flag: false }, { flag: true }, { flag: { from: false, to: true } }],
  ])('records %s', (_what, before, after, expected) => {
    expect(changesOf(before, after)).toEqual(expected);
  });
});
