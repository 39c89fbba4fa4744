import { useMutation } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import { SelectProfileDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { type ApiError, type ErrorWording, toApiError } from '../../lib/api-error';
import { writeSession } from '../../session/cache';

const wording: ErrorWording = {
  [ErrorCode.NOT_FOUND]: 'This profile is no longer available. Choose another one.',
  [ErrorCode.UNAUTHENTICATED]: 'Your sign-in has expired. Please sign in again.',
};

/** Chooses the profile to continue with; the session it returns replaces the cached one. */
export function useSelectProfile() {
  const [mutate, { loading }] = useMutation(SelectProfileDocument, {
    update(cache, { data }) {
      if (data) writeSession(cache, data.selectProfile);
    },
  });

  const selectProfile = useCallback(
    async (userId: string): Promise<ApiError | null> => {
      try {
        await mutate({ variables: { userId } });
        return null;
      } catch (error) {
        return toApiError(error, wording);
      }
    },
    [mutate],
  );

  return { selectProfile, loading };
}
