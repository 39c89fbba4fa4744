import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Loader,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { ApiResult } from '../../../lib/use-api-call';
import { useSession } from '../../../session/useSession';
import { type Enrolled, useBeginAuthenticator, useConfirmAuthenticator } from '../useEnrollment';

const APPS = ['Google Authenticator', 'Microsoft Authenticator', 'Authy', '1Password'];

type Begun = ApiResult<{ qrCodeDataUrl: string; manualEntryKey: string }>;

/**
 * One begin per profile and link while the page lives: the page can mount twice as the session
 * settles after sign-in, and a second begin would replace the secret just shown (or find its
 * single-use link already used).
 */
const begun = new Map<string, Promise<Begun>>();

/** Scan (or type) a new secret into an app, then confirm with its first code. */
export function AuthenticatorSetup({
  linkToken,
  onEnrolled,
}: {
  linkToken?: string;
  onEnrolled: (enrolled: Enrolled) => void;
}) {
  const begin = useBeginAuthenticator();
  const confirm = useConfirmAuthenticator();
  const [secret, setSecret] = useState<{ qrCodeDataUrl: string; manualEntryKey: string } | null>(
    null,
  );
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { call: start } = begin;
  const key = `${useSession().data?.session?.user?.id ?? ''}:${linkToken ?? ''}`;

  useEffect(() => {
    let current = true;
    let started = begun.get(key);
    if (!started) {
      started = start(linkToken);
      begun.set(key, started);
    }
    void started.then((result) => {
      if (!result.ok) begun.delete(key);
      if (!current) return;
      if (result.ok) setSecret(result.data);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [start, linkToken, key]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setError('Enter the 6-digit code your app shows.');
      return;
    }
    const result = await confirm.call(code.trim());
    if (result.ok) {
      begun.delete(key);
      onEnrolled(result.data);
    } else {
      setError(result.error.message);
      setCode('');
    }
  };

  if (!secret) {
    return error ? (
      <Alert color="red" role="alert" title="Could not start">
        {error}
      </Alert>
    ) : (
      <Group justify="center" py="lg">
        <Loader aria-label="Preparing your QR code" />
      </Group>
    );
  }
  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Link an authenticator app"
    >
      <Stack gap="md">
        <Text>Scan this QR code with an authenticator app, for example:</Text>
        <List size="sm">
          {APPS.map((app) => (
            <List.Item key={app}>{app}</List.Item>
          ))}
        </List>
        <Image
          src={secret.qrCodeDataUrl}
          alt="QR code to scan with your authenticator app"
          w={224}
          h={224}
          data-testid="enrollment-qr"
        />
        <Stack gap={4}>
          <Text size="sm">Cannot scan? Type this key into the app instead:</Text>
          <Group gap="xs">
            <Code fz="md" data-testid="manual-key">
              {secret.manualEntryKey}
            </Code>
            <CopyButton value={secret.manualEntryKey.replace(/\s+/g, '')}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
        {error && (
          <Alert color="red" role="alert" title="Not linked">
            {error}
          </Alert>
        )}
        <TextInput
          label="Code"
          description="The 6-digit code the app shows after scanning."
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
  );
}
