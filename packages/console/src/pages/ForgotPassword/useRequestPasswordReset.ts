import { RequestPasswordResetDocument } from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';

/**
 * Emails a link to choose a new password: the forgotten password, and how a session without
 * login assurance changes its own. The answer is the same whether the email is known or not.
 */
export const useRequestPasswordReset = createMutationHook(RequestPasswordResetDocument, {
  variables: (email: string) => ({ email }),
});
