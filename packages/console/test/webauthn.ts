import * as browser from '@simplewebauthn/browser';

/**
 * jsdom has no WebAuthn: tests that call `jest.mock('@simplewebauthn/browser')` answer the
 * browser's prompt with these (the real prompt runs in the e2e journey, in Chromium).
 */
export const webauthn = jest.mocked(browser);

/** What a platform authenticator answers to a registration (only its shape matters here). */
export const registrationAnswer = {
  id: 'cred-1',
  rawId: 'cred-1',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'o2M', transports: ['internal'] },
  clientExtensionResults: {},
} as unknown as Awaited<ReturnType<typeof browser.startRegistration>>;

/** What a platform authenticator answers to a challenge. */
export const assertionAnswer = {
  id: 'cred-1',
  rawId: 'cred-1',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'SZY', signature: 'MEU' },
  clientExtensionResults: {},
} as unknown as Awaited<ReturnType<typeof browser.startAuthentication>>;

export const creationOptions = JSON.stringify({ challenge: 'c1', rp: { name: 'Acme' } });
export const requestOptions = JSON.stringify({ challenge: 'c2', rpId: 'localhost' });

/** The person closes the browser's prompt (or lets it time out). */
export const closedPrompt = () => new DOMException('The operation was aborted.', 'NotAllowedError');

/** Answers every prompt; call in `beforeEach`. */
export function answerPrompts(): void {
  webauthn.browserSupportsWebAuthn.mockReturnValue(true);
  webauthn.startRegistration.mockResolvedValue(registrationAnswer);
  webauthn.startAuthentication.mockResolvedValue(assertionAnswer);
}
