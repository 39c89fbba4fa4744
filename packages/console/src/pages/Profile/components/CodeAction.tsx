import { Alert, Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ApiResult } from '../../../lib/use-api-call';

/** A change confirmed with a current code of any method (or a backup code). */
export function CodeAction(props: {
  label: string;
  color?: string;
  run: (code: string) => Promise<ApiResult<unknown>>;
  loading: boolean;
  onDone?: () => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await props.run(code.trim());
    setCode('');
    if (result.ok) props.onDone?.();
    else setError(result.error.message);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.label}>
      <Group align="flex-end" gap="xs">
        <TextInput
          label="Current code"
          description="From any of your methods, or a backup code."
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Button type="submit" variant="light" color={props.color} loading={props.loading}>
          {props.label}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" mt="xs">
          {error}
        </Alert>
      )}
    </form>
  );
}
