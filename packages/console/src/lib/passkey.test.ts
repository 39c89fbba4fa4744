import { WebAuthnError } from '@simplewebauthn/browser';
import { defaultPasskeyName, describePasskeyPromptFailure } from './passkey';

describe('defaultPasskeyName', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome on Linux',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'Chrome on Linux',
    ],
    ['curl/8.5.0', 'Passkey'],
  ])('names %s "%s"', (userAgent, name) => {
    expect(defaultPasskeyName(userAgent)).toBe(name);
  });
});

describe('describePasskeyPromptFailure', () => {
  const dom = (name: string) => new DOMException('browser words', name);
  it.each([
    [dom('NotAllowedError'), 'The passkey prompt was closed — try again.'],
    [
      new WebAuthnError({
        message: 'passthrough',
        code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
        cause: dom('NotAllowedError'),
      }),
      'The passkey prompt was closed — try again.',
    ],
    [
      new WebAuthnError({
        message: 'The authenticator was previously registered',
        code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED',
        cause: dom('InvalidStateError'),
      }),
      'This device already holds a passkey for you: use another device or security key.',
    ],
    [
      dom('SecurityError'),
      'Passkeys work only at the console’s own address (https, or http://localhost).',
    ],
    [dom('AbortError'), 'The passkey prompt was cancelled — try again.'],
    [new Error('odd'), 'The passkey prompt failed — try again, or use another method.'],
    ['not an error', 'The passkey prompt failed — try again, or use another method.'],
  ])('words %p', (error, text) => {
    expect(describePasskeyPromptFailure(error)).toBe(text);
  });
});
