/** The request headers that say which site a browser request came from. */
export interface RequestSite {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/**
 * Whether a request that starts something in the browser's name (an OpenID sign-in) came from
 * Twofold's own pages: a POST whose `Origin` is PUBLIC_URL's origin, or — when the browser sends
 * no origin or an opaque one (`null`: Twofold's pages are served with `Referrer-Policy:
 * no-referrer`, under which a form POST carries `Origin: null`) — whose `Sec-Fetch-Site`, which
 * no page can set, is `same-origin`. A link or a form on another site (login CSRF), a GET, or a
 * request that shows neither header is refused.
 */
export function startedFromOwnPage(request: RequestSite, publicOrigin: string): boolean {
  if (request.method !== 'POST') return false;
  if (request.origin !== undefined && request.origin !== 'null') {
    return request.origin === publicOrigin;
  }
  return request.secFetchSite === 'same-origin';
}
