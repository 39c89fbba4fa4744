import { ErrorCode } from '@twofold/shared';
import { SelectProfileDocument } from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { writeSession } from '../../session/cache';

/** Chooses the profile to continue with; the session it returns replaces the cached one. */
export const useSelectProfile = createMutationHook(SelectProfileDocument, {
  variables: (userId: string) => ({ userId }),
  update(cache, { data }) {
    if (data) writeSession(cache, data.selectProfile);
  },
  wording: {
    [ErrorCode.NOT_FOUND]: 'This profile is no longer available. Choose another one.',
    [ErrorCode.UNAUTHENTICATED]: 'Your sign-in has expired. Please sign in again.',
  },
});
