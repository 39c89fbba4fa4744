import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  type SecurityPolicyInput,
  SecurityPolicyImpactDocument,
  SecuritySettingsDocument,
  SessionDocument,
  UpdateAllowedSmsCountriesDocument,
  UpdateSecurityPolicyDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { useApiCall } from '../../lib/use-api-mutation';

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

export function useUpdatePolicy() {
  // the session too: a rule that now requires 2FA of the owner moves them to the setup at once
  // (then the settings refetch is refused, so the save does not wait for it)
  const [mutate] = useMutation(UpdateSecurityPolicyDocument, {
    refetchQueries: [SessionDocument, SecuritySettingsDocument],
  });
  const run = useCallback(
    async (input: SecurityPolicyInput) => {
      await mutate({ variables: { input } });
    },
    [mutate],
  );
  return useApiCall(run);
}

export function useUpdateSmsCountries() {
  const [mutate] = useMutation(UpdateAllowedSmsCountriesDocument);
  const run = useCallback(
    async (countries: string[], allowAllCountries: boolean) => {
      await mutate({ variables: { countries, allowAllCountries } });
    },
    [mutate],
  );
  return useApiCall(run);
}
