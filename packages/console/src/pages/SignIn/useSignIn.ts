import { ErrorCode } from '@twofold/shared';
import { SignInDocument } from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { writeSession } from '../../session/cache';

/** Signs in with a session cookie; the new session replaces the cached one, which re-routes. */
export const useSignIn = createMutationHook(SignInDocument, {
  variables: (values: { email: string; password: string }) => values,
  result: (data) => data.signIn.session,
  update(cache, { data }) {
    if (data) writeSession(cache, data.signIn.session);
  },
  wording: {
    // the server gives the same answer for an unknown email and a wrong password, on purpose
    [ErrorCode.UNAUTHENTICATED]: 'Wrong email or password.',
  },
});
