import { notifications } from '@mantine/notifications';
import { ErrorCode } from '@twofold/shared';
import { SignOutDocument } from '@twofold/shared/graphql';
import { useApolloClient } from '@apollo/client/react';
import { useCallback } from 'react';
import { createMutationHook } from '../lib/create-mutation-hook';
import { forgetSignedInData } from './cache';
import { noteSignOut } from './ended-session';

const useSignOutMutation = createMutationHook(SignOutDocument, { variables: () => ({}) });

/** Ends the session; the cache then forgets everything the profile could see. */
export function useSignOut() {
  const client = useApolloClient();
  const { call, loading } = useSignOutMutation();

  const signOut = useCallback(async (): Promise<boolean> => {
    const result = await call();
    // An expired session is as good as signed out; anything else keeps the user here.
    if (!result.ok && result.error.code !== ErrorCode.UNAUTHENTICATED) {
      notifications.show({
        color: 'red',
        title: 'Could not sign out',
        message: result.error.message,
      });
      return false;
    }
    // before the cache forgets the session, which sends the browser to sign-in
    noteSignOut();
    forgetSignedInData(client.cache);
    return true;
  }, [client, call]);

  return { signOut, loading };
}
