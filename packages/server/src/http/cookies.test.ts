import { readCookie, readCookiesStartingWith, serializeCookie } from './cookies';

describe('cookies', () => {
  it.each([
    ['twofold_session=abc', 'abc'],
    ['a=1; twofold_session=abc-_9; b=2', 'abc-_9'],
    ['a=1;twofold_session=x%20y', 'x y'],
    ['other=1', undefined],
    ['twofold_session=%E0%A4%A', undefined],
    ['', undefined],
  ])('reads %j', (header, expected) => {
    expect(readCookie(header, 'twofold_session')).toBe(expected);
  });

  it.each<[string | undefined, Record<string, string>]>([
    [undefined, {}],
    ['twofold_session=s', {}],
    [
      'twofold_device_aa=1; x=2; twofold_device_bb=%2F3',
      { twofold_device_aa: '1', twofold_device_bb: '/3' },
    ],
    // the first of a name wins, as readCookie's does; an undecodable value is left out
    [
      'twofold_device_aa=1; twofold_device_aa=2; twofold_device_cc=%E0%A4%A',
      { twofold_device_aa: '1' },
    ],
  ])('reads the cookies of a prefix from %j', (header, expected) => {
    expect(readCookiesStartingWith(header, 'twofold_device_')).toEqual(expected);
  });

  it('serializes an HttpOnly, SameSite=Lax cookie, Secure when asked', () => {
    expect(serializeCookie('s', 'v', { secure: true })).toBe(
      's=v; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(serializeCookie('s', '', { secure: false, maxAge: 0 })).toBe(
      's=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });
});
