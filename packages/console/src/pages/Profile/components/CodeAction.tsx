import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { usePasskeyAnswer } from '../../../lib/use-passkey-answer';
import type { ApiResult } from '../../../lib/use-api-call';

/**
 * A change confirmed with a current code of any method (or a backup code); with `passkey` (the
 * profile holds one), a passkey's answer can stand in for the code.
 */
export function CodeAction(props: {
  label: string;
  color?: string;
  run: (code: string) => Promise<ApiResult<unknown>>;
  loading: boolean;
  onDone?: () => void;
  passkey?: boolean;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = usePasskeyAnswer();
  const submit = async (value: string) => {
    const result = await props.run(value);
    setCode('');
    if (result.ok) props.onDone?.();
    else setError(result.error.message);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    await submit(code.trim());
  };
  const withPasskey = async () => {
    setError(null);
    const signed = await answer.call();
    if (signed.ok) await submit(signed.data);
    else setError(signed.error.message);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.label}>
      <Stack gap="xs" align="flex-start">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Current code"
            description="From any of your methods, or a backup code."
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
          <Button
            type="submit"
            variant="light"
            color={props.color}
            loading={props.loading && !answer.loading}
          >
            {props.label}
          </Button>
        </Group>
        {props.passkey && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => void withPasskey()}
            loading={answer.loading}
          >
            Use a passkey instead
          </Button>
        )}
      </Stack>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
    </form>
  );
}
