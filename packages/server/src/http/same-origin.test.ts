import {
  type ReadSite,
  type RequestSite,
  sentByOtherSite,
  startedFromOwnPage,
} from './same-origin';

const own = 'https://twofold.example';

describe('startedFromOwnPage', () => {
  it.each<[string, RequestSite, boolean]>([
    [
      'a POST from the own origin',
      { method: 'POST', origin: own, secFetchSite: 'same-origin' },
      true,
    ],
    [
      'a POST from the own origin, no fetch metadata',
      { method: 'POST', origin: own, secFetchSite: undefined },
      true,
    ],
    [
      'a POST without Origin, same-origin fetch metadata',
      { method: 'POST', origin: undefined, secFetchSite: 'same-origin' },
      true,
    ],
    [
      'a POST from another site',
      { method: 'POST', origin: 'https://evil.example', secFetchSite: 'cross-site' },
      false,
    ],
    [
      'a POST from a sibling subdomain',
      { method: 'POST', origin: 'https://a.twofold.example', secFetchSite: 'same-site' },
      false,
    ],
    [
      'a POST from the same host on another port',
      { method: 'POST', origin: 'https://twofold.example:8443', secFetchSite: 'same-site' },
      false,
    ],
    [
      'a POST from the same host over http',
      { method: 'POST', origin: 'http://twofold.example', secFetchSite: 'cross-site' },
      false,
    ],
    [
      'a POST from Twofold’s page under its no-referrer policy (Origin: null)',
      { method: 'POST', origin: 'null', secFetchSite: 'same-origin' },
      true,
    ],
    [
      'a POST with Origin: null and no fetch metadata',
      { method: 'POST', origin: 'null', secFetchSite: undefined },
      false,
    ],
    [
      'a POST from an opaque origin',
      { method: 'POST', origin: 'null', secFetchSite: 'cross-site' },
      false,
    ],
    [
      'a POST with a lying fetch metadata but a foreign Origin',
      { method: 'POST', origin: 'https://evil.example', secFetchSite: 'same-origin' },
      false,
    ],
    [
      'a POST without Origin from another site',
      { method: 'POST', origin: undefined, secFetchSite: 'cross-site' },
      false,
    ],
    [
      'a POST typed into the address bar (none)',
      { method: 'POST', origin: undefined, secFetchSite: 'none' },
      false,
    ],
    [
      'a POST with neither header',
      { method: 'POST', origin: undefined, secFetchSite: undefined },
      false,
    ],
    [
      'a GET from the own origin',
      { method: 'GET', origin: own, secFetchSite: 'same-origin' },
      false,
    ],
    [
      'a GET from another site',
      { method: 'GET', origin: undefined, secFetchSite: 'cross-site' },
      false,
    ],
    ['a HEAD', { method: 'HEAD', origin: own, secFetchSite: 'same-origin' }, false],
  ])('%s: %s', (_, request, allowed) => {
    expect(startedFromOwnPage(request, own)).toBe(allowed);
  });
});

describe('sentByOtherSite', () => {
  const partner = 'https://partner.example';
  it.each<[string, ReadSite, boolean]>([
    ['a link on the own pages', { origin: undefined, secFetchSite: 'same-origin' }, false],
    ['an address typed or bookmarked', { origin: undefined, secFetchSite: 'none' }, false],
    ['an API client (no fetch metadata)', { origin: undefined, secFetchSite: undefined }, false],
    ['a link on another site', { origin: undefined, secFetchSite: 'cross-site' }, true],
    ['a link on a sibling subdomain', { origin: undefined, secFetchSite: 'same-site' }, true],
    [
      'a script on another site',
      { origin: 'https://evil.example', secFetchSite: 'cross-site' },
      true,
    ],
    ['a script of a CORS origin', { origin: partner, secFetchSite: 'cross-site' }, false],
    ['a script of a sibling CORS origin', { origin: partner, secFetchSite: 'same-site' }, false],
  ])('%s: %s', (_, request, refused) => {
    expect(sentByOtherSite(request, [partner])).toBe(refused);
  });
});
