import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import {
  CreateIdentityProviderDocument,
  type CreateIdentityProviderInput,
  type IdentityProvidersQuery,
  IdentityProvidersDocument,
  RemoveIdentityProviderDocument,
  TestIdentityProviderDocument,
  UpdateIdentityProviderDocument,
  type UpdateIdentityProviderInput,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { leaveConsole } from '../../lib/leave-console';
import { useApiCall } from '../../lib/use-api-mutation';

/** Adds a provider; the list is fetched again, in the server's order. */
export function useCreateIdentityProvider() {
  const [mutate] = useMutation(CreateIdentityProviderDocument, {
    refetchQueries: [IdentityProvidersDocument],
    awaitRefetchQueries: true,
  });
  const run = useCallback(
    async (input: CreateIdentityProviderInput) => {
      const { data } = await mutate({ variables: { input } });
      if (!data) throw new Error('The server sent no answer.');
      const provider = data.createIdentityProvider;
      notifications.show({ color: 'green', message: `${provider.displayName} was added.` });
      return provider;
    },
    [mutate],
  );
  return useApiCall(run);
}

/** Changes a provider; the answer carries every shown field, so the cached row follows. */
export function useUpdateIdentityProvider(id: string) {
  const [mutate] = useMutation(UpdateIdentityProviderDocument);
  const run = useCallback(
    async (input: UpdateIdentityProviderInput) => {
      const { data } = await mutate({ variables: { id, input } });
      if (!data) throw new Error('The server sent no answer.');
      const provider = data.updateIdentityProvider;
      notifications.show({ color: 'green', message: `${provider.displayName} was saved.` });
      return provider;
    },
    [mutate, id],
  );
  return useApiCall(run);
}

/** Removes a provider; it leaves the cached list at once. */
export function useRemoveIdentityProvider(id: string) {
  const [mutate] = useMutation(RemoveIdentityProviderDocument, {
    update(cache, { data }) {
      if (!data?.removeIdentityProvider) return;
      cache.modify<Pick<IdentityProvidersQuery, 'identityProviders'>>({
        fields: {
          identityProviders: (providers, { readField }) =>
            providers.filter((provider) => readField('id', provider) !== id),
        },
      });
    },
  });
  const run = useCallback(
    async (name: string) => {
      await mutate({ variables: { id } });
      notifications.show({ color: 'green', message: `${name} was removed.` });
    },
    [mutate, id],
  );
  return useApiCall(run);
}

/**
 * Starts a test sign-in and sends the window to the provider; it comes back to the security page
 * with the outcome in the URL.
 */
export function useTestIdentityProvider() {
  const [mutate] = useMutation(TestIdentityProviderDocument);
  const run = useCallback(
    async (id: string) => {
      const { data } = await mutate({ variables: { id } });
      if (!data) throw new Error('The server sent no answer.');
      leaveConsole(data.testIdentityProvider);
    },
    [mutate],
  );
  return useApiCall(run);
}
