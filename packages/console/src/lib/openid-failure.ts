import { OpenIdFailure } from '@twofold/shared';

/** Why a sign-in through an identity provider failed, in words a person can act on. */
export const openIdFailureMessages: Record<OpenIdFailure, string> = {
  [OpenIdFailure.PROVIDER_UNAVAILABLE]:
    'The identity provider cannot be reached right now. Try again later.',
  [OpenIdFailure.PROVIDER_DENIED]: 'The identity provider did not sign you in.',
  [OpenIdFailure.INVALID_STATE]:
    'The sign-in took too long or was started in another browser. Try again.',
  [OpenIdFailure.CLIENT_REJECTED]:
    'The identity provider did not accept the credentials Twofold is registered with. Ask the account owner to check the provider settings.',
  [OpenIdFailure.CODE_REJECTED]: "The identity provider's answer could not be verified. Try again.",
  [OpenIdFailure.INVALID_TOKEN]: "The identity provider's answer could not be verified. Try again.",
  [OpenIdFailure.EMAIL_NOT_VERIFIED]: 'Your identity provider did not confirm your email address.',
  [OpenIdFailure.EMAIL_DOMAIN_NOT_ALLOWED]:
    'The domain of your email address may not sign in with this identity provider.',
  [OpenIdFailure.UNKNOWN_USER]:
    'No active Twofold user matches the account you signed in with. Ask an administrator to invite you.',
  [OpenIdFailure.TOO_MANY_ATTEMPTS]: 'Too many sign-in attempts. Wait a few minutes and try again.',
  [OpenIdFailure.UNAVAILABLE]: 'Twofold could not finish the sign-in right now. Try again later.',
  [OpenIdFailure.CROSS_SITE_START]:
    'That sign-in was not started from this page, so Twofold did not start it. If you meant to sign in, start again here.',
  [OpenIdFailure.SIGNED_IN_AS_ANOTHER_LOGIN]:
    'Your identity provider signed in another person than the one signed in here. Sign out first, then sign in with your identity provider again.',
};

/** For a reason this console does not know yet (a newer server). */
export const unknownOpenIdFailureMessage =
  'The sign-in with your identity provider did not complete. Try again.';

function isOpenIdFailure(value: string): value is OpenIdFailure {
  return Object.hasOwn(openIdFailureMessages, value);
}

/** The sentence for the `openIdError` of a URL the server sent the browser back to. */
export function describeOpenIdFailure(reason: string): string {
  return isOpenIdFailure(reason) ? openIdFailureMessages[reason] : unknownOpenIdFailureMessage;
}
