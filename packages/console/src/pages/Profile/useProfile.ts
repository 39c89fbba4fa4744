import { useMutation } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import {
  ChangePasswordDocument,
  ChangePinDocument,
  DisableTwoFactorDocument,
  ProfileDocument,
  ProfileSecurityDocument,
  RegenerateBackupCodesDocument,
  RequestPasswordResetDocument,
  RevokeSessionDocument,
  UpdateProfileDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import type { ErrorWording } from '../../lib/api-error';
import { useApiCall } from '../../lib/use-api-mutation';

const codeWording: ErrorWording = {
  [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
  [ErrorCode.CONFLICT]: 'Two-factor authentication is required for you: it cannot be turned off.',
};

// every change refreshes the page's one query, so what it shows is what the server holds
const refetch = {
  refetchQueries: [ProfileDocument, ProfileSecurityDocument],
  awaitRefetchQueries: true,
};

export function useUpdateProfile() {
  const [mutate] = useMutation(UpdateProfileDocument);
  const run = useCallback(
    async (displayName: string) => {
      await mutate({ variables: { displayName } });
    },
    [mutate],
  );
  return useApiCall(run);
}

export function useChangePassword() {
  const [mutate] = useMutation(ChangePasswordDocument, refetch);
  const run = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await mutate({ variables: { currentPassword, newPassword } });
    },
    [mutate],
  );
  return useApiCall(run);
}

/** The emailed reset: how a session without login assurance changes the password. */
export function useEmailPasswordReset() {
  const [mutate] = useMutation(RequestPasswordResetDocument);
  const run = useCallback(
    async (email: string) => {
      await mutate({ variables: { email } });
    },
    [mutate],
  );
  return useApiCall(run);
}

export function useRevokeSession() {
  const [mutate] = useMutation(RevokeSessionDocument, refetch);
  const run = useCallback(
    async (id: string) => {
      await mutate({ variables: { id } });
    },
    [mutate],
  );
  return useApiCall(run);
}

export function useChangePin() {
  const [mutate] = useMutation(ChangePinDocument, refetch);
  const run = useCallback(
    async (currentPin: string, newPin: string, newPinConfirmation: string) => {
      await mutate({ variables: { currentPin, newPin, newPinConfirmation } });
    },
    [mutate],
  );
  return useApiCall(run, { [ErrorCode.INVALID_CODE]: 'That is not your current PIN.' });
}

export function useRegenerateBackupCodes() {
  const [mutate] = useMutation(RegenerateBackupCodesDocument, refetch);
  const run = useCallback(
    async (code: string) => {
      const { data } = await mutate({ variables: { code } });
      if (!data) throw new Error('The server sent no answer.');
      return data.regenerateBackupCodes;
    },
    [mutate],
  );
  return useApiCall(run, codeWording);
}

export function useDisableTwoFactor() {
  const [mutate] = useMutation(DisableTwoFactorDocument, refetch);
  const run = useCallback(
    async (code: string) => {
      await mutate({ variables: { code } });
    },
    [mutate],
  );
  return useApiCall(run, codeWording);
}
