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

/** The request headers that say who sent a browser's request that reads in its name. */
export interface ReadSite {
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/**
 * Whether a request that acts in the signed-in browser's name without a body (a download by
 * GET) was sent by another site: a link or a script elsewhere, which the session cookie
 * (SameSite=Lax) follows on a top-level navigation. Fetch metadata (`Sec-Fetch-Site`, which no
 * page can set) tells; a request without it (an API client, an older browser) is not refused,
 * and an origin of CORS_ORIGINS may read as it may call the GraphQL API.
 */
export function sentByOtherSite(request: ReadSite, corsOrigins: readonly string[]): boolean {
  if (request.secFetchSite !== 'cross-site' && request.secFetchSite !== 'same-site') return false;
  return request.origin === undefined || !corsOrigins.includes(request.origin);
}
