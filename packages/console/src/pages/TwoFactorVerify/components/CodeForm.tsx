import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { ErrorCode } from '@twofold/shared';
import type { SecondFactorKind } from '@twofold/shared/graphql';
import { type FormEvent, useState } from 'react';
import { formatCountdown, useCountdown } from '../../../lib/use-countdown';
import { useVerifySecondFactor } from '../useVerify';

const inputs: Record<SecondFactorKind, { label: string; hint: string; autoComplete: string }> = {
  AUTHENTICATOR_APP: {
    label: 'Code',
    hint: 'The 6-digit code your authenticator app shows now.',
    autoComplete: 'one-time-code',
  },
  SMS: {
    label: 'Code',
    hint: 'The 6-digit code of the text message.',
    autoComplete: 'one-time-code',
  },
  PIN: { label: 'PIN code', hint: 'The PIN code you chose (4 to 8 digits).', autoComplete: 'off' },
  BACKUP_CODE: {
    label: 'Backup code',
    hint: 'One of the backup codes you saved; each works once.',
    autoComplete: 'off',
  },
};

/** One code of one kind; the lockout's wait is shown as a countdown and blocks the button. */
export function CodeForm({ kind }: { kind: SecondFactorKind }) {
  const { call: verify, loading } = useVerifySecondFactor();
  const lockout = useCountdown();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = inputs[kind];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '') {
      setError(`Enter the ${input.label.toLowerCase()}.`);
      return;
    }
    const result = await verify(kind, code.trim());
    if (result.ok) return;
    setError(result.error.message);
    if (result.error.code === ErrorCode.TOO_MANY_ATTEMPTS && result.error.retryAfterSeconds) {
      lockout.start(result.error.retryAfterSeconds);
    }
    setCode('');
  };

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label={`Verify with ${input.label}`}
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not verified">
            {error}
            {lockout.left > 0 && ` You can try again in ${formatCountdown(lockout.left)}.`}
          </Alert>
        )}
        {kind === 'PIN' ? (
          // a PIN is a secret the user knows: masked like a password
          <PasswordInput
            label={input.label}
            description={input.hint}
            autoComplete={input.autoComplete}
            inputMode="numeric"
            autoFocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
        ) : (
          <TextInput
            label={input.label}
            description={input.hint}
            autoComplete={input.autoComplete}
            inputMode={kind === 'BACKUP_CODE' ? 'text' : 'numeric'}
            autoFocus
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
        )}
        <Button type="submit" loading={loading} disabled={lockout.left > 0}>
          Verify
        </Button>
      </Stack>
    </form>
  );
}
