import {
  countryCodeSchema,
  emailSchema,
  hostnameOf,
  issuerUrlSchema,
  otpCodeSchema,
  passwordSchema,
  phoneNumberSchema,
  pinSchema,
  toFieldErrors,
} from './validation';
import { z } from 'zod';

describe('shared validation schemas', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  bob@example.org ', 'bob@example.org'],
  ])('normalizes the email %j', (input, expected) => {
    expect(emailSchema.parse(input)).toBe(expected);
  });

  it.each(['', 'not-an-email', 'a@', '@b.c', `${'a'.repeat(250)}@example.com`])(
    'rejects the email %j',
    (input) => {
      expect(emailSchema.safeParse(input).success).toBe(false);
    },
  );

  it.each([
    ['short', false],
    ['longenough', true],
    ['x'.repeat(256), true],
    ['x'.repeat(257), false],
  ])('password %j valid=%s', (input, valid) => {
    expect(passwordSchema.safeParse(input).success).toBe(valid);
  });

  it.each([
    ['123456', true],
    ['123 456', true],
    ['12345', false],
    ['1234567', false],
    ['abcdef', false],
    ['9'.repeat(10000), false],
  ])('one-time code %j valid=%s', (input, valid) => {
    expect(otpCodeSchema.safeParse(input).success).toBe(valid);
  });

  it.each([
    ['1234', true],
    ['12345678', true],
    ['123', false],
    ['123456789', false],
    ['12a4', false],
  ])('PIN %j valid=%s', (input, valid) => {
    expect(pinSchema.safeParse(input).success).toBe(valid);
  });

  it.each([
    ['be', true],
    ['US', true],
    ['BEL', false],
    ['1', false],
  ])('country %j valid=%s', (input, valid) => {
    expect(countryCodeSchema.safeParse(input).success).toBe(valid);
  });

  it.each([
    ['+32 470 12 34 56', true],
    ['(555) 123-4567', true],
    ['call me', false],
    ['12', false],
  ])('phone number %j valid=%s', (input, valid) => {
    expect(phoneNumberSchema.safeParse(input).success).toBe(valid);
  });

  it('names each invalid field with its path', () => {
    const schema = z.object({ email: emailSchema, nested: z.object({ pin: pinSchema }) });
    const result = schema.safeParse({ email: 'x', nested: { pin: '1' } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toFieldErrors(result.error, 'input').map((e) => e.field)).toEqual([
      'input.email',
      'input.nested.pin',
    ]);
  });
});

describe('issuer URLs', () => {
  it.each<[string, string]>([
    ['https://id.example.com', 'id.example.com'],
    ['HTTP://LOCALHOST:8080/realms/x', 'localhost'],
    ['http://user:pw@127.0.0.1:9/', '127.0.0.1'],
    ['http://[::1]:4000', '[::1]'],
    ['https://id.example.com?x=1', 'id.example.com'],
  ])('hostnameOf(%s) = %s', (url, host) => {
    expect(hostnameOf(url)).toBe(host);
  });

  it.each<[string, boolean]>([
    ['https://id.example.com', true],
    ['https://tenant.auth0.test/', true], // kept with its slash: issuers are compared exactly
    ['https://login.example.com/tenant/v2.0', true],
    ['http://127.0.0.1:9', true],
    ['http://localhost:8080/realms/acme', true],
    ['http://id.example.com', false],
    ['http://127.0.0.1.evil.test', false],
    ['ftp://id.example.com', false],
    ['https://id.example.com/?x=1', false],
    ['https://id.example.com/#top', false],
    ['https://user:pw@id.example.com', false],
  ])('%s is an issuer: %s', (url, ok) => {
    const parsed = issuerUrlSchema.safeParse(url);
    expect(parsed.success).toBe(ok);
    if (ok) expect(parsed.data).toBe(url);
  });
});
