import { useMutation } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import {
  SendSmsCodeDocument,
  type SecondFactorKind,
  VerifySecondFactorDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import type { ErrorWording } from '../../lib/api-error';
import { useApiCall } from '../../lib/use-api-mutation';
import { writeSession } from '../../session/cache';

const verifyWording: ErrorWording = {
  [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
  [ErrorCode.UNAUTHENTICATED]: 'Your sign-in has expired. Please sign in again.',
};

/** Checks one code; the session it returns (ACTIVE) replaces the cached one, which re-routes. */
export function useVerifySecondFactor() {
  const [mutate] = useMutation(VerifySecondFactorDocument, {
    update(cache, { data }) {
      if (data?.verifySecondFactor) writeSession(cache, data.verifySecondFactor);
    },
  });
  const run = useCallback(
    async (kind: SecondFactorKind, code: string) => {
      await mutate({ variables: { kind, code } });
    },
    [mutate],
  );
  return useApiCall(run, verifyWording);
}

const sendWording: ErrorWording = {
  [ErrorCode.SMS_UNAVAILABLE]:
    'Text messages cannot be sent right now. Try again in a moment or use another method.',
};

/** Asks for a sign-in code by text message. */
export function useSendSmsCode() {
  const [mutate] = useMutation(SendSmsCodeDocument);
  const run = useCallback(async () => {
    await mutate();
  }, [mutate]);
  return useApiCall(run, sendWording);
}
