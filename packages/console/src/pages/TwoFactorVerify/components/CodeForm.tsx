import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { ErrorCode, ErrorReason } from '@twofold/shared';
import type { SecondFactorKind } from '@twofold/shared/graphql';
import { type FormEvent, useState } from 'react';
import type { ApiError } from '../../../lib/api-error';
import { type Countdown, formatCountdown } from '../../../lib/use-countdown';
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
  // never a typed code: the passkey tab shows PasskeyForm instead
  PASSKEY: { label: 'Passkey', hint: 'Use one of your passkeys.', autoComplete: 'off' },
};

/** Why the last code was refused; `locked`: the step waits for the countdown. */
export interface Refusal {
  text: string;
  locked: boolean;
}

/** What the form says of a refused code: one sentence, and the lock's wait only as a countdown. */
export function refusalOf(error: ApiError): Refusal {
  if (error.retryAfterSeconds) {
    return {
      text:
        error.code === ErrorCode.INVALID_CODE
          ? 'That code is not right, and it was the last try before a lockout.'
          : 'Too many wrong codes.',
      locked: true,
    };
  }
  if (error.reason === ErrorReason.FACTOR_DISABLED) {
    return {
      text: 'Too many wrong codes: signing in with a code is turned off until an administrator of your account resets it.',
      locked: false,
    };
  }
  return { text: error.message, locked: false };
}

/**
 * One code of one kind. A wrong code says how many tries are left; the lockout's wait is one
 * countdown (the page's, since the lock holds for every method), which blocks the button.
 */
export function CodeForm({
  kind,
  lockout,
  rememberBrowser,
}: {
  kind: SecondFactorKind;
  lockout: Countdown;
  /** "Remember this browser" is ticked on the page. */
  rememberBrowser: boolean;
}) {
  const { call: verify, loading } = useVerifySecondFactor();
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const input = inputs[kind];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '') {
      setRefusal({ text: `Enter the ${input.label.toLowerCase()}.`, locked: false });
      return;
    }
    const result = await verify(kind, code.trim(), rememberBrowser);
    if (result.ok) return;
    setRefusal(refusalOf(result.error));
    if (result.error.retryAfterSeconds) lockout.start(result.error.retryAfterSeconds);
    setCode('');
  };

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label={`Verify with ${input.label}`}
    >
      <Stack gap="sm">
        {(refusal ?? lockout.left > 0) && (
          <Alert color="red" role="alert" title="Not verified">
            {refusal?.text ?? 'Too many wrong codes.'}
            {lockout.left > 0 ? (
              <>
                {' '}
                You can try again in{' '}
                {/* a timer is not read out at every tick, unlike the alert around it */}
                <span role="timer">{formatCountdown(lockout.left)}</span>.
              </>
            ) : (
              refusal?.locked && ' You can try again now.'
            )}
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
