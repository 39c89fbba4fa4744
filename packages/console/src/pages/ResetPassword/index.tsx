import { ResetPasswordDocument } from '@twofold/shared/graphql';
import { PasswordLinkForm, tokenPassword } from '../../components/PasswordLinkForm';
import { createMutationHook } from '../../lib/create-mutation-hook';

const useResetPassword = createMutationHook(ResetPasswordDocument, { variables: tokenPassword });

/** `/reset-password/:token`: a new password; every session of the login ends. */
export function ResetPasswordPage() {
  const { call, loading } = useResetPassword();
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
