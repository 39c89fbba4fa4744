import { ErrorCode } from '@twofold/shared';
import {
  type SecondFactorKind,
  SendSmsCodeDocument,
  VerifySecondFactorDocument,
} from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { explainPasskeyError } from '../../lib/passkey-errors';
import { writeSession } from '../../session/cache';

/**
 * Checks one code; the session it returns (ACTIVE) replaces the cached one, which re-routes.
 * `rememberBrowser`: this browser skips the second factor for the days the type allows
 * (docs/design.md, Remembered browsers).
 */
export const useVerifySecondFactor = createMutationHook(VerifySecondFactorDocument, {
  variables: (kind: SecondFactorKind, code: string, rememberBrowser: boolean = false) => ({
    kind,
    code,
    rememberBrowser,
  }),
  update(cache, { data }) {
    if (data?.verifySecondFactor) writeSession(cache, data.verifySecondFactor);
  },
  wording: {
    [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
    [ErrorCode.UNAUTHENTICATED]: 'Your sign-in has expired. Please sign in again.',
  },
  // a refused passkey says why, by its reason
  explain: explainPasskeyError,
});

/** Asks for a sign-in code by text message. */
export const useSendSmsCode = createMutationHook(SendSmsCodeDocument, {
  variables: () => ({}),
  wording: {
    [ErrorCode.SMS_UNAVAILABLE]:
      'Text messages cannot be sent right now. Try again in a moment or use another method.',
  },
});
