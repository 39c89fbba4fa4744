import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatCountdown, useCountdown } from '../../../lib/use-countdown';
import { useSendSmsCode } from '../useVerify';

/** Seconds before another code may be asked for: codes are limited to 3 per 15 minutes. */
const RESEND_AFTER_SECONDS = 30;

export function SendSmsButton() {
  const { call: send, loading } = useSendSmsCode();
  const resend = useCountdown();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onClick = async () => {
    setError(null);
    const result = await send();
    if (!result.ok) {
      setError(result.error.message);
      if (result.error.retryAfterSeconds) resend.start(result.error.retryAfterSeconds);
      return;
    }
    setSent(true);
    resend.start(RESEND_AFTER_SECONDS);
  };

  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert" title="No code sent">
          {error}
        </Alert>
      )}
      {sent && <Text size="sm">We sent a code to your phone. It works for 10 minutes.</Text>}
      <Button
        variant="light"
        onClick={() => void onClick()}
        loading={loading}
        disabled={resend.left > 0}
      >
        {resend.left > 0
          ? `Send a new code in ${formatCountdown(resend.left)}`
          : sent
            ? 'Send a new code'
            : 'Send code'}
      </Button>
    </Stack>
  );
}
