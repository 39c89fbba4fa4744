import Bowser from 'bowser';

/** What a session's client reads as when its user agent names no browser we know. */
export const unknownBrowser = 'Unknown browser';

/**
 * A session's user agent in words a person recognises ("Chrome on Linux", "Safari on iOS"), by
 * `bowser`; never the raw header, which is long, spoofable and reads as noise. Anything it does
 * not know (curl, scripts, an empty header) is honestly an unknown browser.
 */
export function browserInWords(userAgent: string | null | undefined): string {
  const header = userAgent?.trim();
  if (!header) return unknownBrowser;
  let browser: string | undefined;
  let os: string | undefined;
  try {
    const parsed = Bowser.parse(header);
    browser = parsed.browser.name;
    os = parsed.os.name;
  } catch {
    // bowser throws on what it cannot read at all: that is an unknown browser, not an error
    return unknownBrowser;
  }
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `${unknownBrowser} on ${os}`;
  return unknownBrowser;
}
