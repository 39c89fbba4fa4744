import { AcceptInvitationDocument } from '@twofold/shared/graphql';
import { PasswordLinkForm, tokenPassword } from '../../components/PasswordLinkForm';
import { createMutationHook } from '../../lib/create-mutation-hook';

const useAcceptInvitation = createMutationHook(AcceptInvitationDocument, {
  variables: tokenPassword,
});

/** `/invitation/:token`: a new login chooses its password; an existing one confirms its own. */
export function InvitationPage() {
  const { call, loading } = useAcceptInvitation();
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
