import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';

/**
 * The browser's passkey prompt (docs/design.md, Passkeys and remembered browsers in the console).
 * The server hands out the options as JSON; what the authenticator answers goes back as JSON too,
 * in a mutation's `response` or `code`. A refused or closed prompt becomes an Error whose message
 * can be shown as it is.
 */

/** Why the browser's prompt failed, in words; `name` is the DOMException's (or WebAuthnError's). */
export function describePasskeyPromptFailure(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    // the person closed the prompt, or let it time out (browsers do not tell the two apart)
    case 'NotAllowedError':
      return 'The passkey prompt was closed — try again.';
    case 'AbortError':
      return 'The passkey prompt was cancelled — try again.';
    case 'InvalidStateError':
      return 'This device already holds a passkey for you: use another device or security key.';
    case 'SecurityError':
      return 'Passkeys work only at the console’s own address (https, or http://localhost).';
    case 'NotSupportedError':
    case 'ConstraintError':
      return 'This device cannot make a passkey with the verification the account asks for.';
    default:
      return 'The passkey prompt failed — try again, or use another method.';
  }
}

const unsupported = 'This browser cannot use passkeys: use another browser or method.';

/** Throws a sentence to show when the browser has no WebAuthn: checked before asking the server. */
export function requirePasskeySupport(): void {
  if (!browserSupportsWebAuthn()) throw new Error(unsupported);
}

async function prompt<T>(run: () => Promise<T>): Promise<string> {
  requirePasskeySupport();
  let answer: T;
  try {
    answer = await run();
  } catch (error) {
    throw new Error(describePasskeyPromptFailure(error), { cause: error });
  }
  return JSON.stringify(answer);
}

/** Options the server sent that are not JSON are its fault, not the person's. */
function parseOptions<T>(optionsJSON: string): T {
  try {
    return JSON.parse(optionsJSON) as T;
  } catch {
    throw new Error('The server sent passkey options this console cannot read.');
  }
}

/** Registers a new passkey: the creation options in, the registration response (JSON) out. */
export function createPasskey(optionsJSON: string): Promise<string> {
  const options = parseOptions<Parameters<typeof startRegistration>[0]['optionsJSON']>(optionsJSON);
  return prompt(() => startRegistration({ optionsJSON: options }));
}

/** Signs the server's challenge with a passkey: the request options in, the assertion (JSON) out. */
export function assertPasskey(optionsJSON: string): Promise<string> {
  const options =
    parseOptions<Parameters<typeof startAuthentication>[0]['optionsJSON']>(optionsJSON);
  return prompt(() => startAuthentication({ optionsJSON: options }));
}

const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  // "HeadlessChrome/…" too: no word boundary before Chrome
  [/Chrom(e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A name for a new passkey the person can keep or change: "Chrome on Linux" from the browser's
 * user agent, "Passkey" when it names nothing known.
 */
export function defaultPasskeyName(userAgent: string): string {
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `Passkey on ${system}` : 'Passkey');
}
