import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { defaultPasskeyName } from '../../../lib/passkey';
import { type Enrolled, usePasskeyRegistration } from '../useEnrollment';

/** The longest passkey name the server keeps. */
const nameMax = 64;

/**
 * A new passkey: a name (the browser's own, e.g. "Chrome on Linux", to keep or change), then the
 * browser's prompt (docs/design.md, Passkeys). `refetch`: what reloads once it is registered.
 */
export function PasskeySetup({
  onEnrolled,
  refetchQueries,
  submitLabel = 'Create a passkey',
}: {
  onEnrolled: (enrolled: Enrolled) => void;
  refetchQueries?: Parameters<typeof usePasskeyRegistration>[0];
  submitLabel?: string;
}) {
  const register = usePasskeyRegistration(refetchQueries);
  const [name, setName] = useState(() => defaultPasskeyName(navigator.userAgent));
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNameError(null);
    const trimmed = name.trim();
    if (trimmed === '') return setNameError('Give the passkey a name');
    if (trimmed.length > nameMax) return setNameError(`At most ${nameMax} characters`);
    const result = await register.call(trimmed);
    if (result.ok) return onEnrolled(result.data);
    const onName = result.error.fields.find((f) => f.field === 'name');
    if (onName) setNameError(onName.message);
    else setError(result.error.message);
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Create a passkey">
      <Stack gap="sm">
        <Text size="sm">
          A passkey signs you in with this device’s fingerprint, face or screen lock, or with a
          security key. It works only on this site, so a fake page cannot use it.
        </Text>
        {error && (
          <Alert color="red" role="alert" title="No passkey created">
            {error}
          </Alert>
        )}
        <TextInput
          label="Passkey name"
          description="To tell your passkeys apart, e.g. “Work laptop”."
          maxLength={nameMax}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
        />
        <Button type="submit" loading={register.loading}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
