import { ResetPasswordDocument } from '@twofold/shared/graphql';
import { PasswordLinkForm, useTokenPassword } from '../../components/PasswordLinkForm';

/** `/reset-password/:token`: a new password; every session of the login ends. */
export function ResetPasswordPage() {
  const { call, loading } = useTokenPassword(ResetPasswordDocument);
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
