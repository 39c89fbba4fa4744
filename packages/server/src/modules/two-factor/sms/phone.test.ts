import { maskPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['GB', '07400 123456', '+447400123456'],
    ['gb', '7400-123-456', '+447400123456'],
    ['+44', '07400 123456', '+447400123456'],
    ['44', '7400123456', '+447400123456'],
    ['US', '(201) 555-0123', '+12015550123'],
    ['+33', '6 12 34 56 78', '+33612345678'],
  ])('%s %s → %s', (country, number, e164) => {
    expect(normalizePhone(country, number)).toEqual({
      ok: true,
      phone: { e164, country: expect.any(String) },
    });
  });

  it.each([
    ['an empty country code', '', '07400 123456', 'countryCode'],
    ['an unknown region', 'XX', '07400 123456', 'countryCode'],
    ['an unknown calling code', '+999', '123456789', 'countryCode'],
    ['a word for a code', 'Britain', '07400 123456', 'countryCode'],
    ['an empty number', 'GB', '', 'phoneNumber'],
    ['letters', 'GB', '07400 ABCDEF', 'phoneNumber'],
    ['30 digits', 'GB', '1'.repeat(30), 'phoneNumber'],
    ['too few digits', 'GB', '123', 'phoneNumber'],
    ['a fixed line', 'DE', '030 123456', 'phoneNumber'],
    ['a premium-rate line', 'GB', '09098 790000', 'phoneNumber'],
  ])('refuses %s on its field', (_name, country, number, field) => {
    const result = normalizePhone(country, number);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toEqual([field]);
  });

  it('names the number’s region, for the account’s country check', () => {
    expect(normalizePhone('+33', '6 12 34 56 78')).toMatchObject({
      ok: true,
      phone: { country: 'FR' },
    });
  });
});

describe('maskPhone', () => {
  it.each([
    ['+447400123456', '+44 •••• ••3456'],
    ['+12015550123', '+1 ••• ••• 0123'],
    ['+33612345678', '+33 • •• •• 56 78'],
  ])('%s → %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });
});
