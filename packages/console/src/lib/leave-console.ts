/**
 * Sends the whole window to another site (an identity provider), leaving the console; its own
 * module so tests can stand in for a navigation jsdom cannot do.
 */
export function leaveConsole(url: string): void {
  window.location.assign(url);
}
