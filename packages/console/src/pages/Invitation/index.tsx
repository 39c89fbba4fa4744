import { useMutation } from '@apollo/client/react';
import { AcceptInvitationDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { PasswordLinkForm } from '../../components/PasswordLinkForm';
import { useApiCall } from '../../lib/use-api-mutation';

/** `/invitation/:token`: a new login chooses its password; an existing one confirms its own. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const [mutate] = useMutation(AcceptInvitationDocument);
  const run = useCallback(
    async (password: string) => {
      await mutate({ variables: { token, password } });
    },
    [mutate, token],
  );
  const { call, loading } = useApiCall(run);
  return (
    <PasswordLinkForm
      title="Accept your invitation"
      intro="New to Twofold? Choose a password of at least 8 characters. Already signing in to Twofold with this email? Enter that password instead."
      passwordLabel="Password"
      confirm={false}
      submitLabel="Accept invitation"
      doneMessage="Your profile is ready."
      deadLinkAdvice="Ask an administrator of the account to invite you again."
      submit={call}
      loading={loading}
    />
  );
}
