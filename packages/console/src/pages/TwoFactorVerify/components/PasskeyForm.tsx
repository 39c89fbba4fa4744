import { Alert, Button, Stack, Text } from '@mantine/core';
import { ErrorCode } from '@twofold/shared';
import { useState } from 'react';
import type { ApiError } from '../../../lib/api-error';
import { usePasskeyAnswer } from '../../../lib/use-passkey-answer';
import { type Countdown, formatCountdown } from '../../../lib/use-countdown';
import { useVerifySecondFactor } from '../useVerify';
import { type Refusal, refusalOf } from './CodeForm';

/** A refused passkey in the words of a passkey, not of a typed code. */
function passkeyRefusalOf(error: ApiError): Refusal {
  if (error.retryAfterSeconds && error.code === ErrorCode.INVALID_CODE) {
    return {
      text: 'That passkey was refused, and it was the last try before a lockout.',
      locked: true,
    };
  }
  return refusalOf(error);
}

/**
 * The second factor by passkey: one button opens the browser's prompt, whose answer goes to
 * verifySecondFactor(kind: PASSKEY). The lockout is the page's, as for codes.
 */
export function PasskeyForm({
  lockout,
  rememberBrowser,
}: {
  lockout: Countdown;
  rememberBrowser: boolean;
}) {
  const answer = usePasskeyAnswer();
  const verify = useVerifySecondFactor();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const run = async () => {
    setRefusal(null);
    const signed = await answer.call();
    if (!signed.ok) return setRefusal(passkeyRefusalOf(signed.error));
    const result = await verify.call('PASSKEY', signed.data, rememberBrowser);
    if (result.ok) return;
    setRefusal(passkeyRefusalOf(result.error));
    if (result.error.retryAfterSeconds) lockout.start(result.error.retryAfterSeconds);
  };

  return (
    <Stack gap="sm">
      {(refusal ?? lockout.left > 0) && (
        <Alert color="red" role="alert" title="Not verified">
          {refusal?.text ?? 'Too many wrong codes.'}
          {lockout.left > 0 ? (
            <>
              {' '}
              You can try again in <span role="timer">{formatCountdown(lockout.left)}</span>.
            </>
          ) : (
            refusal?.locked && ' You can try again now.'
          )}
        </Alert>
      )}
      <Text size="sm">
        Your browser asks for your fingerprint, face, screen lock or security key.
      </Text>
      <Button
        onClick={() => void run()}
        loading={answer.loading || verify.loading}
        disabled={lockout.left > 0}
      >
        Use a passkey
      </Button>
    </Stack>
  );
}
