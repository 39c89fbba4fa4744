import { pinProblems, trivialPin } from './pin';

describe('trivialPin', () => {
  it.each([
    ['0000', 'ONE_DIGIT'],
    ['77777777', 'ONE_DIGIT'],
    ['1234', 'SEQUENCE'],
    ['0123456', 'SEQUENCE'],
    ['9876', 'SEQUENCE'],
    ['43210', 'SEQUENCE'],
    ['1212', 'REPEATED_PAIR'],
    ['121212', 'REPEATED_PAIR'],
    ['90909090', 'REPEATED_PAIR'],
    ['1984', 'YEAR'],
    ['2024', 'YEAR'],
    ['2580', null],
    ['1357', null],
    ['12312', null],
    ['198400', null],
    ['7391', null],
    ['1221', null],
  ])('%s → %s', (pin, expected) => {
    expect(trivialPin(pin)).toBe(expected);
  });
});

describe('pinProblems', () => {
  it.each([
    ['4-8 digits', '2580', '2580', []],
    ['too short', '258', '258', ['pin']],
    ['too long', '258014739', '258014739', ['pin']],
    ['letters', '25a0', '25a0', ['pin']],
    ['spaces', '25 80', '25 80', ['pin']],
    ['empty', '', '', ['pin']],
    ['non-ASCII digits', '٢٥٨٠', '٢٥٨٠', ['pin']],
    ['trivial', '1111', '1111', ['pin']],
    ['mismatch', '2580', '2581', ['pinConfirmation']],
  ])('%s', (_name, pin, confirmation, fields) => {
    expect(pinProblems(pin, confirmation).map((p) => p.field)).toEqual(fields);
  });

  it('names the fields it is given', () => {
    expect(pinProblems('2580', '0852', 'newPin', 'newPinConfirmation')).toEqual([
      { field: 'newPinConfirmation', message: 'The two PINs differ' },
    ]);
  });
});
