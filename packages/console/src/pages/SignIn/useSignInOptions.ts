import { skipToken, useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '@mantine/hooks';
import { emailSchema } from '@twofold/shared';
import { SignInOptionsDocument } from '@twofold/shared/graphql';
import { useMemo } from 'react';

/**
 * The identity providers offered to a visitor: an account's at once (its `/a/<slug>` page), or
 * those of the accounts that allow the domain of the email being typed — asked only once the
 * typing pauses on a valid address.
 */
export function useSignInOptions(accountSlug: string | undefined, typedEmail: string) {
  const [debounced] = useDebouncedValue(typedEmail, 300);
  const email = useMemo(() => {
    const parsed = emailSchema.safeParse(debounced);
    return parsed.success ? parsed.data : null;
  }, [debounced]);
  // one object per question, so a re-render never looks like a new query
  const variables = useMemo(
    () => (accountSlug ? { accountSlug } : email ? { email } : null),
    [accountSlug, email],
  );
  const { data, error } = useQuery(
    SignInOptionsDocument,
    variables ? { variables, fetchPolicy: 'cache-first' } : skipToken,
  );
  return { options: variables ? (data?.signInOptions ?? []) : [], error };
}
