import {
  CreateIdentityProviderDocument,
  type CreateIdentityProviderInput,
  type IdentityProviderFieldsFragment,
  IdentityProvidersDocument,
  RemoveIdentityProviderDocument,
  TestIdentityProviderDocument,
  UpdateIdentityProviderDocument,
  type UpdateIdentityProviderInput,
} from '@twofold/shared/graphql';
import { createMutationHook, removeFromList } from '../../lib/create-mutation-hook';

/** Adds a provider; the list is fetched again, in the server's order. */
export const useCreateIdentityProvider = createMutationHook(CreateIdentityProviderDocument, {
  variables: (input: CreateIdentityProviderInput) => ({ input }),
  result: (data) => data.createIdentityProvider,
  notify: (data) => `${data.createIdentityProvider.displayName} was added.`,
  refetchQueries: [IdentityProvidersDocument],
  awaitRefetchQueries: true,
});

/** Changes a provider; the answer carries every shown field, so the cached row follows. */
export const useUpdateIdentityProvider = createMutationHook(UpdateIdentityProviderDocument, {
  variables: (id: string, input: UpdateIdentityProviderInput) => ({ id, input }),
  result: (data) => data.updateIdentityProvider,
  notify: (data) => `${data.updateIdentityProvider.displayName} was saved.`,
});

/** Removes a provider; it leaves the cached list at once. */
export const useRemoveIdentityProvider = createMutationHook(RemoveIdentityProviderDocument, {
  variables: ({ id }: IdentityProviderFieldsFragment) => ({ id }),
  notify: (_removed, { displayName }) => `${displayName} was removed.`,
  update: removeFromList('identityProviders', (data) => data.removeIdentityProvider),
});

/**
 * Starts a test sign-in: answers the provider's address, where the caller sends the window; it
 * comes back to the security page with the outcome in the URL.
 */
export const useTestIdentityProvider = createMutationHook(TestIdentityProviderDocument, {
  variables: (id: string) => ({ id }),
  result: (data) => data.testIdentityProvider,
});
