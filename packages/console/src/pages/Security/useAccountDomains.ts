import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { ErrorCode } from '@twofold/shared';
import {
  AccountDomainsDocument,
  type AccountDomainsQuery,
  AddAccountDomainDocument,
  RemoveAccountDomainDocument,
  VerifyAccountDomainDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import type { ErrorWording } from '../../lib/api-error';
import { useApiCall } from '../../lib/use-api-mutation';

const addWording: ErrorWording = {
  [ErrorCode.CONFLICT]: 'The account has this domain already.',
};

const verifyWording: ErrorWording = {
  [ErrorCode.BAD_USER_INPUT]:
    'The TXT record was not found, or holds another value. DNS changes can take a while to reach everyone: try again later.',
  [ErrorCode.UNAVAILABLE]: 'DNS did not answer in time. Try again in a moment.',
  [ErrorCode.CONFLICT]:
    'Another account has verified this domain. A domain is verified for one account at a time.',
};

/** Claims a domain; the list is fetched again, in the server's order. */
export function useAddAccountDomain() {
  const [mutate] = useMutation(AddAccountDomainDocument, {
    refetchQueries: [AccountDomainsDocument],
    awaitRefetchQueries: true,
  });
  const run = useCallback(
    async (domain: string) => {
      const { data } = await mutate({ variables: { domain } });
      if (!data) throw new Error('The server sent no answer.');
      notifications.show({
        color: 'green',
        message: `${data.addAccountDomain.domain} was added. Publish its TXT record, then verify it.`,
      });
      return data.addAccountDomain;
    },
    [mutate],
  );
  return useApiCall(run, addWording);
}

/** Asks the server to look up the domain's TXT record; the answer updates the cached row. */
export function useVerifyAccountDomain() {
  const [mutate] = useMutation(VerifyAccountDomainDocument);
  const run = useCallback(
    async (id: string) => {
      const { data } = await mutate({ variables: { id } });
      if (!data) throw new Error('The server sent no answer.');
      notifications.show({
        color: 'green',
        message: `${data.verifyAccountDomain.domain} is verified.`,
      });
      return data.verifyAccountDomain;
    },
    [mutate],
  );
  return useApiCall(run, verifyWording);
}

/** Removes a domain; it leaves the cached list at once. */
export function useRemoveAccountDomain(id: string) {
  const [mutate] = useMutation(RemoveAccountDomainDocument, {
    update(cache, { data }) {
      if (!data?.removeAccountDomain) return;
      cache.modify<Pick<AccountDomainsQuery, 'accountDomains'>>({
        fields: {
          accountDomains: (domains, { readField }) =>
            domains.filter((domain) => readField('id', domain) !== id),
        },
      });
    },
  });
  const run = useCallback(
    async (domain: string) => {
      await mutate({ variables: { id } });
      notifications.show({ color: 'green', message: `${domain} was removed.` });
    },
    [mutate, id],
  );
  return useApiCall(run);
}
