import { useMutation, useQuery } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import {
  BeginAuthenticatorEnrollmentDocument,
  BeginPasskeyRegistrationDocument,
  BeginSmsEnrollmentDocument,
  ConfirmAuthenticatorEnrollmentDocument,
  ConfirmSmsEnrollmentDocument,
  FinishPasskeyRegistrationDocument,
  type SessionFieldsFragment,
  SetPinDocument,
  SmsCountriesDocument,
} from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { createMutationHook } from '../../lib/create-mutation-hook';
import { createPasskey, requirePasskeySupport } from '../../lib/passkey';
import { explainPasskeyError } from '../../lib/passkey-errors';
import { useApiCall } from '../../lib/use-api-call';

/**
 * A finished enrollment: backup codes to show once (maybe none) and the session, now past its
 * second factor. The session is written to the cache only after the codes were shown — writing
 * it at once would route away from them.
 */
export interface Enrolled {
  backupCodes: string[];
  session: SessionFieldsFragment;
}

const codeWording = {
  wording: {
    [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
    [ErrorCode.CONFLICT]: 'This setup was not started or has changed. Start again.',
  },
};

export const useBeginAuthenticator = createMutationHook(BeginAuthenticatorEnrollmentDocument, {
  variables: (linkToken?: string) => ({ linkToken: linkToken ?? null }),
  result: (data) => data.beginAuthenticatorEnrollment,
});

export const useConfirmAuthenticator = createMutationHook(ConfirmAuthenticatorEnrollmentDocument, {
  variables: (code: string) => ({ code }),
  result: (data): Enrolled => data.confirmAuthenticatorEnrollment,
  ...codeWording,
});

export const useBeginSms = createMutationHook(BeginSmsEnrollmentDocument, {
  variables: (countryCode: string, phoneNumber: string, code?: string) => ({
    countryCode,
    phoneNumber,
    code: code ?? null,
  }),
  wording: {
    [ErrorCode.SMS_UNAVAILABLE]:
      'Text messages cannot be sent right now. Try again in a moment or choose another method.',
  },
});

export const useConfirmSms = createMutationHook(ConfirmSmsEnrollmentDocument, {
  variables: (code: string) => ({ code }),
  result: (data): Enrolled => data.confirmSmsEnrollment,
  ...codeWording,
});

export const useSetPin = createMutationHook(SetPinDocument, {
  variables: (pin: string, pinConfirmation: string) => ({ pin, pinConfirmation }),
  result: (data): Enrolled => data.setPin,
});

const passkeyFailures = { explain: explainPasskeyError };

/**
 * Registers a passkey named `name`: the server's creation options, the browser's prompt, then
 * the answer back to the server. The first factor of a profile answers backup codes, as the
 * other methods do; `refetchQueries` reloads what shows the profile's passkeys.
 */
export function usePasskeyRegistration(refetchQueries?: useMutation.Options['refetchQueries']) {
  const [begin] = useMutation(BeginPasskeyRegistrationDocument);
  const [finish] = useMutation(FinishPasskeyRegistrationDocument, {
    ...(refetchQueries ? { refetchQueries, awaitRefetchQueries: true } : {}),
  });
  const run = useCallback(
    async (name: string): Promise<Enrolled> => {
      requirePasskeySupport();
      const { data: options } = await begin();
      if (!options) throw new Error('The server sent no passkey options.');
      const response = await createPasskey(options.beginPasskeyRegistration);
      const { data } = await finish({ variables: { name, response } });
      if (!data) throw new Error('The server sent no answer.');
      return data.finishPasskeyRegistration;
    },
    [begin, finish],
  );
  return useApiCall(run, passkeyFailures);
}

/**
 * Where the account lets SMS codes go: `anyCountry` when every country is kept from before,
 * otherwise the listed countries (none: nobody can set up SMS). Null until loaded.
 */
export function useSmsCountries(): { anyCountry: boolean; countries: string[] } | null {
  const { data } = useQuery(SmsCountriesDocument);
  const account = data?.viewer?.account;
  if (!account) return null;
  return { anyCountry: account.allowAllSmsCountries, countries: account.allowedSmsCountries };
}
