import { useApolloClient, useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { ErrorCode } from '@twofold/shared';
import { SignOutDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { toApiError } from '../lib/api-error';
import { forgetSignedInData } from './cache';

/** Ends the session; the cache then forgets everything the profile could see. */
export function useSignOut() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(SignOutDocument);

  const signOut = useCallback(async (): Promise<boolean> => {
    try {
      await mutate();
    } catch (error) {
      const apiError = toApiError(error);
      // An expired session is as good as signed out; anything else keeps the user here.
      if (apiError.code !== ErrorCode.UNAUTHENTICATED) {
        notifications.show({
          color: 'red',
          title: 'Could not sign out',
          message: apiError.message,
        });
        return false;
      }
    }
    forgetSignedInData(client.cache);
    return true;
  }, [client, mutate]);

  return { signOut, loading };
}
