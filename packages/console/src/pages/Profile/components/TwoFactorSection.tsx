import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ProfileQuery, ProfileSecurityQuery, TwoFactorMethod } from '@twofold/shared/graphql';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { twoFactorMethodLabels } from '../../../lib/labels';
import { paths } from '../../../session/paths';
import { useChangePin, useDisableTwoFactor, useRegenerateBackupCodes } from '../useProfile';
import { SmsSetup } from '../../TwoFactorSetup/components/SmsSetup';
import { CodeAction } from './CodeAction';
import { PasskeysSection } from './PasskeysSection';

type Viewer = NonNullable<ProfileQuery['viewer']>;
type Passkeys = NonNullable<NonNullable<ProfileSecurityQuery['viewer']>['passkeys']>;

/** The setup page, opened on one method. */
function setupPathOf(method: TwoFactorMethod): string {
  return `${paths.twoFactorSetup}?${new URLSearchParams({ method }).toString()}`;
}

/** The profile's methods, and what can be done with them. */
export function TwoFactorSection({
  viewer,
  active,
  passkeys,
}: {
  viewer: Viewer;
  active: boolean;
  /** The profile's passkeys, once loaded (ACTIVE only). */
  passkeys: Passkeys | null;
}) {
  const regenerate = useRegenerateBackupCodes();
  const disable = useDisableTwoFactor();
  const changePin = useChangePin();
  const [fresh, setFresh] = useState<string[] | null>(null);
  const [phoneChanged, setPhoneChanged] = useState(false);
  const [pins, setPins] = useState({ current: '', next: '', again: '' });
  const [pinMessage, setPinMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const hasAny = viewer.twoFactorMethods.length > 0;
  const passkeyAllowed = viewer.allowedTwoFactorMethods.includes('PASSKEY');
  // once a factor is held, passkeys are added in their own section (several are allowed)
  const passkeysHere = passkeys !== null && hasAny;
  const missing = viewer.allowedTwoFactorMethods.filter(
    (m) => !viewer.twoFactorMethods.includes(m) && !(m === 'PASSKEY' && passkeysHere),
  );
  const holdsPasskey = viewer.twoFactorMethods.includes('PASSKEY');

  const onChangePin = async (event: FormEvent) => {
    event.preventDefault();
    const result = await changePin.call(pins.current, pins.next, pins.again);
    setPins({ current: '', next: '', again: '' });
    setPinMessage(
      result.ok
        ? { ok: true, text: 'PIN changed.' }
        : {
            ok: false,
            text: result.error.fields.map((f) => f.message).join(' ') || result.error.message,
          },
    );
  };

  return (
    <Stack gap="sm">
      <Title order={2}>Two-factor authentication</Title>
      {hasAny ? (
        <List>
          {viewer.twoFactorMethods.map((method) => (
            <List.Item key={method}>
              {twoFactorMethodLabels[method]}
              {method === 'SMS' && viewer.maskedPhoneNumber && ` — ${viewer.maskedPhoneNumber}`}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text>No second factor is set up.</Text>
      )}
      {hasAny && !viewer.hasPossessionFactor && (
        <Alert color="yellow" variant="light">
          A PIN is something you know, like your password: an authenticator app or a phone protects
          you better.
        </Alert>
      )}
      {missing.length > 0 && (
        // one method per line, each link opening the setup on its method
        <Stack gap={4}>
          <Text id="add-method" fw={600}>
            Add a method
          </Text>
          <List aria-labelledby="add-method" listStyleType="none" spacing={4}>
            {missing.map((method) => (
              <List.Item key={method}>
                <Anchor component={Link} to={setupPathOf(method)}>
                  {twoFactorMethodLabels[method]}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {passkeys && (passkeyAllowed || passkeys.length > 0) && (
        <PasskeysSection passkeys={passkeys} canAdd={passkeyAllowed && hasAny} />
      )}
      {active && viewer.twoFactorMethods.includes('PIN') && (
        <form onSubmit={(event) => void onChangePin(event)} noValidate aria-label="Change PIN">
          <Stack gap="xs">
            <Text fw={600}>Change PIN code</Text>
            {pinMessage && (
              <Alert
                color={pinMessage.ok ? 'green' : 'red'}
                role={pinMessage.ok ? 'status' : 'alert'}
              >
                {pinMessage.text}
              </Alert>
            )}
            <Group align="flex-end" gap="xs">
              <PasswordInput
                label="Current PIN"
                value={pins.current}
                onChange={(e) => setPins({ ...pins, current: e.currentTarget.value })}
              />
              <PasswordInput
                label="New PIN"
                value={pins.next}
                onChange={(e) => setPins({ ...pins, next: e.currentTarget.value })}
              />
              <PasswordInput
                label="New PIN again"
                value={pins.again}
                onChange={(e) => setPins({ ...pins, again: e.currentTarget.value })}
              />
              <Button type="submit" variant="light" loading={changePin.loading}>
                Change PIN
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {active && viewer.twoFactorMethods.includes('SMS') && (
        <Stack gap="xs">
          <Text fw={600}>Change phone number</Text>
          {phoneChanged ? (
            <Alert color="green" role="status">
              Your new number is linked; the previous one no longer receives codes.
            </Alert>
          ) : (
            <SmsSetup changing onEnrolled={() => setPhoneChanged(true)} />
          )}
        </Stack>
      )}
      {active && hasAny && (
        <Stack gap="xs">
          <Group gap="xs">
            <Text fw={600}>Backup codes</Text>
            <Badge color={viewer.backupCodesRemaining <= 3 ? 'orange' : 'gray'} variant="light">
              {viewer.backupCodesRemaining} left
            </Badge>
          </Group>
          {fresh ? (
            <Stack gap="xs">
              <Text size="sm">Your new codes, shown only now; the old ones no longer work:</Text>
              <SimpleGrid cols={2} spacing="xs" aria-label="New backup codes">
                {fresh.map((code) => (
                  <Code key={code}>{code}</Code>
                ))}
              </SimpleGrid>
              <Button variant="subtle" onClick={() => setFresh(null)}>
                I have saved them
              </Button>
            </Stack>
          ) : (
            <CodeAction
              label="New backup codes"
              passkey={holdsPasskey}
              run={async (code) => {
                const result = await regenerate.call(code);
                if (result.ok) setFresh(result.data);
                return result;
              }}
              loading={regenerate.loading}
            />
          )}
          {viewer.twoFactorRequired ? (
            <Text size="sm" c="dimmed" mt="sm">
              Two-factor authentication is required for you: it cannot be turned off.
            </Text>
          ) : (
            <>
              <Text fw={600} mt="sm">
                Turn off two-factor authentication
              </Text>
              <CodeAction
                label="Turn off"
                color="red"
                passkey={holdsPasskey}
                run={disable.call}
                loading={disable.loading}
              />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
