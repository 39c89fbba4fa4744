import { useQuery } from '@apollo/client/react';
import { ErrorCode } from '@twofold/shared';
import {
  BeginAuthenticatorEnrollmentDocument,
  BeginSmsEnrollmentDocument,
  ConfirmAuthenticatorEnrollmentDocument,
  ConfirmSmsEnrollmentDocument,
  type SessionFieldsFragment,
  SetPinDocument,
  SmsCountriesDocument,
} from '@twofold/shared/graphql';
import { createMutationHook } from '../../lib/create-mutation-hook';

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
