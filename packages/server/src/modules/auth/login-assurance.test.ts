import { isLoginAssured, type LoginAssuranceInput } from './login-assurance';

describe('isLoginAssured', () => {
  const cases: [string, LoginAssuranceInput, boolean][] = [
    [
      'the password is all the login has',
      { openedByProvider: false, verifiedHeldFactor: false, loginHoldsFactor: false },
      true,
    ],
    [
      'another profile holds a factor this session did not verify',
      { openedByProvider: false, verifiedHeldFactor: false, loginHoldsFactor: true },
      false,
    ],
    [
      'the session verified a factor the login held',
      { openedByProvider: false, verifiedHeldFactor: true, loginHoldsFactor: true },
      true,
    ],
    [
      'an identity provider speaks for its account only',
      { openedByProvider: true, verifiedHeldFactor: false, loginHoldsFactor: false },
      false,
    ],
    [
      'an identity provider session past Twofold’s factor still speaks for its account only',
      { openedByProvider: true, verifiedHeldFactor: true, loginHoldsFactor: true },
      false,
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(isLoginAssured(input)).toBe(expected);
  });
});
