/** Console routes whose last path segment is a one-time token. */
const tokenRoutes = /^(\/(?:invitation|reset-password|enroll)\/)[^/?#]+/;

/** Removes one-time tokens and query strings from a URL before it is logged. */
export function redactUrl(url: string): string {
  const [pathname = ''] = url.split(/[?#]/, 1);
  return (
    pathname.replace(tokenRoutes, '$1[redacted]') +
    (pathname.length < url.length ? '?[redacted]' : '')
  );
}
