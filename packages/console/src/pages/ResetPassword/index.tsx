import { useMutation } from '@apollo/client/react';
import { ResetPasswordDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { PasswordLinkForm } from '../../components/PasswordLinkForm';
import { useApiCall } from '../../lib/use-api-mutation';

/** `/reset-password/:token`: a new password; every session of the login ends. */
export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const [mutate] = useMutation(ResetPasswordDocument);
  const run = useCallback(
    async (password: string) => {
      await mutate({ variables: { token, password } });
    },
    [mutate, token],
  );
  const { call, loading } = useApiCall(run);
  return (
    <PasswordLinkForm
      title="Choose a new password"
      intro="At least 8 characters. You will be signed out everywhere."
      passwordLabel="New password"
      confirm
      submitLabel="Change password"
      doneMessage="Your password is changed."
      deadLinkAdvice="Ask for a new link from the sign-in page (Forgot password?)."
      submit={call}
      loading={loading}
    />
  );
}
