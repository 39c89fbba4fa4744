import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useRequestPasswordReset } from '../../ForgotPassword/useRequestPasswordReset';
import { useChangePassword, useUpdateProfile } from '../useProfile';

/**
 * Display name and password. The password belongs to the whole login: a session that has not
 * verified a second factor the login already holds changes it through the emailed reset instead.
 */
export function AccountSection({
  displayName,
  email,
  loginAssured,
}: {
  displayName: string;
  email: string;
  loginAssured: boolean;
}) {
  const update = useUpdateProfile();
  const change = useChangePassword();
  const reset = useRequestPasswordReset();
  const [name, setName] = useState(displayName);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update.call(name.trim());
    setMessage(
      result.ok ? { ok: true, text: 'Name saved.' } : { ok: false, text: result.error.message },
    );
  };
  const onPassword = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change.call(current, next);
    setCurrent('');
    setNext('');
    setMessage(
      result.ok
        ? { ok: true, text: 'Password changed. Your other sessions were signed out.' }
        : {
            ok: false,
            text: result.error.fields.map((f) => f.message).join(' ') || result.error.message,
          },
    );
  };

  const onEmailReset = async () => {
    const result = await reset.call(email);
    setMessage(
      result.ok
        ? { ok: true, text: `We sent a link to ${email}: open it to choose a new password.` }
        : { ok: false, text: result.error.message },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={2}>Your details</Title>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <form onSubmit={(event) => void onRename(event)} noValidate aria-label="Display name">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Display name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit" variant="light" loading={update.loading}>
            Save name
          </Button>
        </Group>
      </form>
      <TextInput label="Email" value={email} readOnly />
      {loginAssured ? (
        <form onSubmit={(event) => void onPassword(event)} noValidate aria-label="Change password">
          <Group align="flex-end" gap="xs">
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
            <PasswordInput
              label="New password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={change.loading}>
              Change password
            </Button>
          </Group>
        </form>
      ) : (
        <Stack gap="xs" aria-label="Change password">
          <Text size="sm">
            Your password is shared by every account you sign in to, so changing it here needs a
            sign-in that used a second factor you already had (a backup code does not count). Sign
            in again with it — or choose a new password through an emailed link.
          </Text>
          <Group>
            <Button variant="light" loading={reset.loading} onClick={() => void onEmailReset()}>
              Email me a password reset link
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
