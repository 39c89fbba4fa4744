import { ErrorCode } from '@twofold/shared';
import {
  ChangePasswordDocument,
  ChangePinDocument,
  DisableTwoFactorDocument,
  ForgetRememberedBrowserDocument,
  ForgetRememberedBrowsersDocument,
  ProfileDocument,
  ProfileSecurityDocument,
  RegenerateBackupCodesDocument,
  RemovePasskeyDocument,
  RenamePasskeyDocument,
  RevokeSessionDocument,
  UpdateProfileDocument,
} from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { explainPasskeyError } from '../../lib/passkey-errors';

const codeWording = {
  wording: {
    [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
    [ErrorCode.CONFLICT]: 'Two-factor authentication is required for you: it cannot be turned off.',
  },
  // the code may be a passkey's answer: a refused one says why
  explain: explainPasskeyError,
};

// every change refreshes the page's one query, so what it shows is what the server holds
const refetch = {
  refetchQueries: [ProfileDocument, ProfileSecurityDocument],
  awaitRefetchQueries: true,
};

export const useUpdateProfile = createMutationHook(UpdateProfileDocument, {
  variables: (displayName: string) => ({ displayName }),
});

export const useChangePassword = createMutationHook(ChangePasswordDocument, {
  variables: (currentPassword: string, newPassword: string) => ({ currentPassword, newPassword }),
  ...refetch,
});

export const useRevokeSession = createMutationHook(RevokeSessionDocument, {
  variables: (id: string) => ({ id }),
  ...refetch,
});

export const useChangePin = createMutationHook(ChangePinDocument, {
  variables: (currentPin: string, newPin: string, newPinConfirmation: string) => ({
    currentPin,
    newPin,
    newPinConfirmation,
  }),
  ...refetch,
  wording: { [ErrorCode.INVALID_CODE]: 'That is not your current PIN.' },
});

export const useRegenerateBackupCodes = createMutationHook(RegenerateBackupCodesDocument, {
  variables: (code: string) => ({ code }),
  result: (data) => data.regenerateBackupCodes,
  ...refetch,
  ...codeWording,
});

export const useDisableTwoFactor = createMutationHook(DisableTwoFactorDocument, {
  variables: (code: string) => ({ code }),
  ...refetch,
  ...codeWording,
});

export const useForgetRememberedBrowser = createMutationHook(ForgetRememberedBrowserDocument, {
  variables: (id: string) => ({ id }),
  notify: () => 'That browser will ask for your second factor again.',
  ...refetch,
  wording: { [ErrorCode.NOT_FOUND]: 'That browser is no longer remembered.' },
});

export const useForgetRememberedBrowsers = createMutationHook(ForgetRememberedBrowsersDocument, {
  variables: () => ({}),
  notify: (data) =>
    data.forgetRememberedBrowsers === 1
      ? '1 browser forgotten: it will ask for your second factor again.'
      : `${data.forgetRememberedBrowsers} browsers forgotten: each will ask for your second factor again.`,
  ...refetch,
});

export const useRenamePasskey = createMutationHook(RenamePasskeyDocument, {
  variables: (id: string, name: string) => ({ id, name }),
  notify: (data) => `Passkey renamed to “${data.renamePasskey.name}”.`,
  ...refetch,
  wording: { [ErrorCode.NOT_FOUND]: 'That passkey is no longer yours: it was removed.' },
});

export const useRemovePasskey = createMutationHook(RemovePasskeyDocument, {
  variables: (id: string, code: string) => ({ id, code }),
  notify: () => 'Passkey removed: it no longer signs you in.',
  ...refetch,
  wording: {
    [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
    [ErrorCode.CONFLICT]:
      'Two-factor authentication is required for you and this passkey is all that counts: add another method first.',
    [ErrorCode.NOT_FOUND]: 'That passkey is no longer yours: it was removed.',
  },
  explain: explainPasskeyError,
});
