import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Enrolled, useSetPin } from '../useEnrollment';

/** A PIN typed twice: another thing the user knows, labelled as additional verification. */
export function PinSetup({ onEnrolled }: { onEnrolled: (enrolled: Enrolled) => void }) {
  const setPin = useSetPin();
  const [pin, setPinValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(null);
    const result = await setPin.call(pin, confirmation);
    if (result.ok) return onEnrolled(result.data);
    setErrors(Object.fromEntries(result.error.fields.map((f) => [f.field, f.message])));
    if (result.error.fields.length === 0) setError(result.error.message);
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Choose a PIN code">
      <Stack gap="sm">
        <Text size="sm">
          4 to 8 digits, not easy to guess (no 1234, 1111, 1212 or a year). A PIN is something you
          know, like your password: an authenticator app or a phone protects you better.
        </Text>
        {error && (
          <Alert color="red" role="alert" title="PIN not set">
            {error}
          </Alert>
        )}
        <PasswordInput
          label="PIN code (additional verification)"
          inputMode="numeric"
          autoComplete="new-password"
          value={pin}
          onChange={(event) => setPinValue(event.currentTarget.value)}
          error={errors.pin}
        />
        <PasswordInput
          label="PIN code again"
          inputMode="numeric"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={errors.pinConfirmation}
        />
        <Button type="submit" loading={setPin.loading}>
          Save PIN
        </Button>
      </Stack>
    </form>
  );
}
