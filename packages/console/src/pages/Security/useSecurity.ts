import { useApolloClient } from '@apollo/client/react';
import {
  type SecurityPolicyInput,
  SecurityPolicyImpactDocument,
  SecuritySettingsDocument,
  SessionDocument,
  UpdateAllowedSmsCountriesDocument,
  UpdateSecurityPolicyDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { userTypeLabels } from '../../lib/labels';
import { useApiCall } from '../../lib/use-api-call';

/** Fetches the impact of a rule fresh from the server (never from the cache: users change). */
export function usePolicyImpact() {
  const client = useApolloClient();
  const run = useCallback(
    async (input: SecurityPolicyInput) => {
      const { data } = await client.query({
        query: SecurityPolicyImpactDocument,
        variables: { input },
        fetchPolicy: 'network-only',
      });
      if (!data) throw new Error('The impact could not be computed');
      return data.securityPolicyImpact;
    },
    [client],
  );
  return useApiCall(run);
}

// the session too: a rule that now requires 2FA of the owner moves them to the setup at once
// (then the settings refetch is refused, so the save does not wait for it)
export const useUpdatePolicy = createMutationHook(UpdateSecurityPolicyDocument, {
  variables: (input: SecurityPolicyInput) => ({ input }),
  notify: (_data, { userType }) => `The rule for ${userTypeLabels[userType]}s is saved.`,
  refetchQueries: [SessionDocument, SecuritySettingsDocument],
});

export const useUpdateSmsCountries = createMutationHook(UpdateAllowedSmsCountriesDocument, {
  variables: (countries: string[], allowAllCountries: boolean) => ({
    countries,
    allowAllCountries,
  }),
  notify: () => 'The SMS countries are saved.',
});
