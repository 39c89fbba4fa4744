import { OpenIdFailure } from '@twofold/shared';
import { describeOpenIdFailure, unknownOpenIdFailureMessage } from './openid-failure';

describe('describeOpenIdFailure', () => {
  // every reason the server can send, so a new one without its own sentence fails here
  it.each(Object.values(OpenIdFailure))('gives %s a sentence of its own', (reason) => {
    const message = describeOpenIdFailure(reason);
    expect(message).not.toBe(unknownOpenIdFailureMessage);
    expect(message).toMatch(/^[A-Z].+\.$/);
  });

  it.each([
    [
      OpenIdFailure.EMAIL_NOT_VERIFIED,
      'Your identity provider did not confirm your email address.',
    ],
    [
      OpenIdFailure.UNKNOWN_USER,
      'No active Twofold user matches the account you signed in with. Ask an administrator to invite you.',
    ],
    [
      OpenIdFailure.INVALID_STATE,
      'The sign-in took too long or was started in another browser. Try again.',
    ],
    [
      OpenIdFailure.PROVIDER_UNAVAILABLE,
      'The identity provider cannot be reached right now. Try again later.',
    ],
    [OpenIdFailure.PROVIDER_DENIED, 'The identity provider did not sign you in.'],
    [
      OpenIdFailure.CODE_REJECTED,
      "The identity provider's answer could not be verified. Try again.",
    ],
    [
      OpenIdFailure.INVALID_TOKEN,
      "The identity provider's answer could not be verified. Try again.",
    ],
  ])('words %s as "%s"', (reason, expected) => {
    expect(describeOpenIdFailure(reason)).toBe(expected);
  });

  it.each(['SOMETHING_NEW', '', 'toString', '__proto__'])(
    'gives the unknown reason "%s" the generic sentence',
    (reason) => {
      expect(describeOpenIdFailure(reason)).toBe(unknownOpenIdFailureMessage);
    },
  );
});
