import { useMutation } from '@apollo/client/react';
import { BeginPasskeyAuthenticationDocument } from '@twofold/shared/graphql';
import { useCallback } from 'react';
import { assertPasskey, requirePasskeySupport } from './passkey';
import { explainPasskeyError } from './passkey-errors';
import { useApiCall } from './use-api-call';

const passkeyFailures = { explain: explainPasskeyError };

/**
 * Asks the server for a challenge and the browser for a passkey's answer to it: the JSON that
 * goes where a current code would (verifySecondFactor, removePasskey, resetTwoFactor …).
 */
export function usePasskeyAnswer() {
  const [begin] = useMutation(BeginPasskeyAuthenticationDocument);
  const run = useCallback(async () => {
    requirePasskeySupport();
    const { data } = await begin();
    if (!data) throw new Error('The server sent no passkey challenge.');
    return assertPasskey(data.beginPasskeyAuthentication);
  }, [begin]);
  return useApiCall(run, passkeyFailures);
}
