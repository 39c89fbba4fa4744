import { useMutation } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import { SignInDocument, type SessionFieldsFragment } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { type ApiError, type ErrorWording, toApiError } from '../../lib/api-error';
import { writeSession } from '../../session/cache';

const wording: ErrorWording = {
  // the server gives the same answer for an unknown email and a wrong password, on purpose
  [ErrorCode.UNAUTHENTICATED]: 'Wrong email or password.',
};

export type SignInResult =
  { ok: true; session: SessionFieldsFragment } | { ok: false; error: ApiError };

/** Signs in with a session cookie; the new session replaces the cached one, which re-routes. */
export function useSignIn() {
  const [mutate, { loading }] = useMutation(SignInDocument, {
    update(cache, { data }) {
      if (data) writeSession(cache, data.signIn.session);
    },
  });

  const signIn = useCallback(
    async (values: { email: string; password: string }): Promise<SignInResult> => {
      try {
        const { data } = await mutate({ variables: values });
        if (!data) return { ok: false, error: toApiError(new Error('The server sent no answer.')) };
        return { ok: true, session: data.signIn.session };
      } catch (error) {
        return { ok: false, error: toApiError(error, wording) };
      }
    },
    [mutate],
  );

  return { signIn, loading };
}
