import { ErrorCode } from '@twofold/shared';
import {
  AccountDomainsDocument,
  type AccountDomainFieldsFragment,
  AddAccountDomainDocument,
  RemoveAccountDomainDocument,
  VerifyAccountDomainDocument,
} from '@twofold/shared/graphql';
import { createMutationHook, removeFromList } from '../../lib/create-mutation-hook';

/** Claims a domain; the list is fetched again, in the server's order. */
export const useAddAccountDomain = createMutationHook(AddAccountDomainDocument, {
  variables: (domain: string) => ({ domain }),
  result: (data) => data.addAccountDomain,
  notify: (data) =>
    `${data.addAccountDomain.domain} was added. Publish its TXT record, then verify it.`,
  refetchQueries: [AccountDomainsDocument],
  awaitRefetchQueries: true,
  wording: { [ErrorCode.CONFLICT]: 'The account has this domain already.' },
});

/** Asks the server to look up the domain's TXT record; the answer updates the cached row. */
export const useVerifyAccountDomain = createMutationHook(VerifyAccountDomainDocument, {
  variables: (id: string) => ({ id }),
  result: (data) => data.verifyAccountDomain,
  notify: (data) => `${data.verifyAccountDomain.domain} is verified.`,
  wording: {
    [ErrorCode.BAD_USER_INPUT]:
      'The TXT record was not found, or holds another value. DNS changes can take a while to reach everyone: try again later.',
    [ErrorCode.UNAVAILABLE]: 'DNS did not answer in time. Try again in a moment.',
    [ErrorCode.CONFLICT]:
      'Another account has verified this domain. A domain is verified for one account at a time.',
  },
});

/** Removes a domain; it leaves the cached list at once. */
export const useRemoveAccountDomain = createMutationHook(RemoveAccountDomainDocument, {
  variables: ({ id }: AccountDomainFieldsFragment) => ({ id }),
  notify: (_removed, { domain }) => `${domain} was removed.`,
  update: removeFromList('accountDomains', (data) => data.removeAccountDomain),
});
