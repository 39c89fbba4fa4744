import { Alert, Button, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type Enrolled, useBeginSms, useConfirmSms, useSmsCountries } from '../useEnrollment';

/** A mobile number, then the code it receives. */
export function SmsSetup({
  onEnrolled,
  changing = false,
}: {
  onEnrolled: (enrolled: Enrolled) => void;
  /** Replacing a confirmed number: a current code of any method confirms the change. */
  changing?: boolean;
}) {
  const allowed = useSmsCountries();
  // every country kept from before (or not loaded yet): the country is typed, not picked
  const countries = allowed && !allowed.anyCountry ? allowed.countries : [];
  const begin = useBeginSms();
  const confirm = useConfirmSms();
  const [country, setCountry] = useState('');
  const [number, setNumber] = useState('');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const onSend = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    const result = await begin.call(
      (country || countries[0] || '').trim(),
      number.trim(),
      changing ? current.trim() : undefined,
    );
    if (result.ok) {
      setSent(true);
      return;
    }
    const fields = Object.fromEntries(result.error.fields.map((f) => [f.field, f.message]));
    setFieldErrors(fields);
    if (result.error.fields.length === 0) setError(result.error.message);
  };

  const onConfirm = async (event: FormEvent) => {
    event.preventDefault();
    const result = await confirm.call(code.trim());
    if (result.ok) onEnrolled(result.data);
    else {
      setError(result.error.message);
      setCode('');
    }
  };

  if (allowed && !allowed.anyCountry && allowed.countries.length === 0) {
    return (
      <Alert color="yellow" title="SMS is not available">
        Your account does not let text messages go to any country yet. Ask its owner to allow yours,
        or choose another method.
      </Alert>
    );
  }

  return (
    <Stack gap="md">
      <form onSubmit={(event) => void onSend(event)} noValidate aria-label="Phone number">
        <Stack gap="sm">
          {countries.length > 0 ? (
            // the account allows a few countries: pick one of them
            <NativeSelect
              label="Country"
              data={countries}
              value={country || countries[0]}
              onChange={(event) => setCountry(event.currentTarget.value)}
              error={fieldErrors.countryCode}
            />
          ) : (
            <TextInput
              label="Country"
              description="A country code such as GB, or a calling code such as +44."
              value={country}
              onChange={(event) => setCountry(event.currentTarget.value)}
              error={fieldErrors.countryCode}
            />
          )}
          <TextInput
            label="Mobile number"
            type="tel"
            autoComplete="tel-national"
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            error={fieldErrors.phoneNumber}
          />
          {changing && (
            <TextInput
              label="Current code"
              description="From any of your methods, or a backup code."
              autoComplete="one-time-code"
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              error={fieldErrors.code}
            />
          )}
          <Button type="submit" variant={sent ? 'light' : 'filled'} loading={begin.loading}>
            {sent ? 'Send a new code' : 'Send code'}
          </Button>
        </Stack>
      </form>
      {error && (
        <Alert color="red" role="alert" title="Not linked">
          {error}
        </Alert>
      )}
      {sent && (
        <form
          onSubmit={(event) => void onConfirm(event)}
          noValidate
          aria-label="Confirm the number"
        >
          <Stack gap="sm">
            <Text size="sm">We sent a code to your phone. It works for 10 minutes.</Text>
            <TextInput
              label="Code"
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
            />
            <Button type="submit" loading={confirm.loading}>
              Verify
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
