import { useMutation, useQuery } from '@apollo/client/react';
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
import { useCallback } from 'react';
import type { ErrorWording } from '../../lib/api-error';
import { useApiCall } from '../../lib/use-api-mutation';

/**
 * A finished enrollment: backup codes to show once (maybe none) and the session, now past its
 * second factor. The session is written to the cache only after the codes were shown — writing
 * it at once would route away from them.
 */
export interface Enrolled {
  backupCodes: string[];
  session: SessionFieldsFragment;
}

const codeWording: ErrorWording = {
  [ErrorCode.INVALID_CODE]: 'That code is not right. Check it and try again.',
  [ErrorCode.CONFLICT]: 'This setup was not started or has changed. Start again.',
};

export function useBeginAuthenticator() {
  const [mutate] = useMutation(BeginAuthenticatorEnrollmentDocument);
  const run = useCallback(
    async (linkToken?: string) => {
      const { data } = await mutate({ variables: { linkToken: linkToken ?? null } });
      if (!data) throw new Error('The server sent no answer.');
      return data.beginAuthenticatorEnrollment;
    },
    [mutate],
  );
  return useApiCall(run);
}

export function useConfirmAuthenticator() {
  const [mutate] = useMutation(ConfirmAuthenticatorEnrollmentDocument);
  const run = useCallback(
    async (code: string): Promise<Enrolled> => {
      const { data } = await mutate({ variables: { code } });
      if (!data) throw new Error('The server sent no answer.');
      return data.confirmAuthenticatorEnrollment;
    },
    [mutate],
  );
  return useApiCall(run, codeWording);
}

const smsWording: ErrorWording = {
  [ErrorCode.SMS_UNAVAILABLE]:
    'Text messages cannot be sent right now. Try again in a moment or choose another method.',
};

export function useBeginSms() {
  const [mutate] = useMutation(BeginSmsEnrollmentDocument);
  const run = useCallback(
    async (countryCode: string, phoneNumber: string, code?: string) => {
      await mutate({ variables: { countryCode, phoneNumber, code: code ?? null } });
    },
    [mutate],
  );
  return useApiCall(run, smsWording);
}

export function useConfirmSms() {
  const [mutate] = useMutation(ConfirmSmsEnrollmentDocument);
  const run = useCallback(
    async (code: string): Promise<Enrolled> => {
      const { data } = await mutate({ variables: { code } });
      if (!data) throw new Error('The server sent no answer.');
      return data.confirmSmsEnrollment;
    },
    [mutate],
  );
  return useApiCall(run, codeWording);
}

export function useSetPin() {
  const [mutate] = useMutation(SetPinDocument);
  const run = useCallback(
    async (pin: string, pinConfirmation: string): Promise<Enrolled> => {
      const { data } = await mutate({ variables: { pin, pinConfirmation } });
      if (!data) throw new Error('The server sent no answer.');
      return data.setPin;
    },
    [mutate],
  );
  return useApiCall(run);
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
