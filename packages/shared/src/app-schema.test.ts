import { Platform } from './enums';
import { bundleIdSchema, createAppSchema, toFieldErrors, updateAppSchema } from './validation';

describe('app input schemas', () => {
  it.each([
    ['com.example.app', true],
    ['io.twofold.Preview-2', true],
    ['a.b', true],
    [`com.${'a'.repeat(151)}`, true], // 155 characters
    [`com.${'a'.repeat(152)}`, false], // 156 characters
    ['', false],
    ['example', false],
    ['1com.example', false],
    ['-com.example', false],
    ['com..example', false],
    ['com.example.', false],
    ['com.exa mple', false],
    ['com.example/app', false],
    ['com_example.app', false],
  ])('bundle id %j valid=%s', (input, valid) => {
    expect(bundleIdSchema.safeParse(input).success).toBe(valid);
  });

  const valid = {
    name: ' Alpha ',
    platform: Platform.IOS,
    bundleId: 'com.example.alpha',
    previewUrl: 'https://preview.example.test/alpha?build=1',
  };

  it('trims the name and accepts a complete app', () => {
    expect(createAppSchema.parse(valid)).toEqual({ ...valid, name: 'Alpha' });
  });

  it.each([
    [{ name: '' }, 'input.name'],
    [{ name: 'x'.repeat(101) }, 'input.name'],
    [{ platform: 'WINDOWS' }, 'input.platform'],
    [{ previewUrl: 'javascript:alert(1)' }, 'input.previewUrl'],
    [{ previewUrl: 'ftp://example.test/app' }, 'input.previewUrl'],
    [{ previewUrl: `https://example.test/${'a'.repeat(2048)}` }, 'input.previewUrl'],
    [{ bundleId: 'nodots' }, 'input.bundleId'],
  ])('names the field of %j', (bad, field) => {
    const result = createAppSchema.safeParse({ ...valid, ...bad });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toFieldErrors(result.error, 'input').map((e) => e.field)).toEqual([field]);
  });

  it('makes every field optional for updates, but still validates the ones given', () => {
    expect(updateAppSchema.parse({})).toEqual({});
    expect(updateAppSchema.parse({ platform: Platform.WEB })).toEqual({ platform: Platform.WEB });
    expect(updateAppSchema.safeParse({ name: null }).success).toBe(false);
    expect(updateAppSchema.safeParse({ bundleId: 'x' }).success).toBe(false);
  });
});
