/** The request headers that say which site a browser request came from. */
export interface RequestSite {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/**
 * Whether a request that starts something in the browser's name (an OpenID sign-in) came from
 * Twofold's own pages: a POST whose `Origin` is PUBLIC_URL's origin, or — from a browser that
 * sends no `Origin` — whose `Sec-Fetch-Site` is `same-origin`. A link or a form on another site
 * (login CSRF), a GET, or a request that shows neither header is refused.
 */
export function startedFromOwnPage(request: RequestSite, publicOrigin: string): boolean {
  if (request.method !== 'POST') return false;
  if (request.origin !== undefined) return request.origin === publicOrigin;
  return request.secFetchSite === 'same-origin';
}
