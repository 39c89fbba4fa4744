import { Badge, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  ProfileDocument,
  ProfileSecurityDocument,
  type ProfileSecurityQuery,
} from '@twofold/shared/graphql';
import { type FormEvent, useState } from 'react';
import { formatDateTime } from '../../../lib/labels';
import { PasskeySetup } from '../../TwoFactorSetup/components/PasskeySetup';
import { useRemovePasskey, useRenamePasskey } from '../useProfile';
import { CodeAction } from './CodeAction';

type Passkeys = NonNullable<NonNullable<ProfileSecurityQuery['viewer']>['passkeys']>;
type Passkey = Passkeys[number];

const nameMax = 64;

function RenameForm({ passkey, onDone }: { passkey: Passkey; onDone: () => void }) {
  const rename = useRenamePasskey();
  const [name, setName] = useState(passkey.name);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return setError('Give the passkey a name');
    const result = await rename.call(passkey.id, trimmed);
    if (result.ok) return onDone();
    setError(result.error.fields.find((f) => f.field === 'name')?.message ?? result.error.message);
  };
  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label={`Rename ${passkey.name}`}
    >
      <Group align="flex-start" gap="xs">
        <TextInput
          label="New name"
          maxLength={nameMax}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Group gap="xs" mt={25}>
          <Button type="submit" variant="light" loading={rename.loading}>
            Save
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Group>
    </form>
  );
}

/**
 * The profile's passkeys (docs/design.md, Passkeys): name, when added and last used, synced or
 * kept on one device; add one, rename one, or remove one with a current second factor.
 */
export function PasskeysSection({
  passkeys,
  canAdd,
}: {
  passkeys: Passkeys;
  /**
   * Another passkey can be added here: the type allows them and the profile holds a factor
   * already (a first factor is set up on the setup page, which shows the backup codes).
   */
  canAdd: boolean;
}) {
  const remove = useRemovePasskey();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="passkeys-title">
      {/* a part of the two-factor section, under its heading */}
      <Title order={3} size="h4" id="passkeys-title">
        Passkeys
      </Title>
      {passkeys.length === 0 ? (
        <Text size="sm" c="dimmed">
          No passkey yet.
        </Text>
      ) : (
        <Stack
          gap={0}
          component="ul"
          aria-label="Your passkeys"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {passkeys.map((passkey) => (
            <li
              key={passkey.id}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}
            >
              {renaming === passkey.id ? (
                <RenameForm passkey={passkey} onDone={() => setRenaming(null)} />
              ) : (
                // on a phone the actions go under the passkey rather than squeeze it
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
                    <Group gap="xs">
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {passkey.name}
                      </Text>
                      <Badge
                        variant="light"
                        color={passkey.backedUp ? 'blue' : 'gray'}
                        tt="none"
                        styles={{
                          root: { maxWidth: 'none', flexShrink: 0 },
                          label: { overflow: 'visible' },
                        }}
                      >
                        {passkey.backedUp ? 'Synced' : 'This device only'}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      Added {formatDateTime(passkey.createdAt)} ·{' '}
                      {passkey.lastUsedAt
                        ? `last used ${formatDateTime(passkey.lastUsedAt)}`
                        : 'not used yet'}
                    </Text>
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setRenaming(passkey.id)}
                      aria-label={`Rename ${passkey.name}`}
                    >
                      Rename
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(passkey)}
                      aria-label={`Remove ${passkey.name}`}
                    >
                      Remove
                    </Button>
                  </Group>
                </Group>
              )}
            </li>
          ))}
        </Stack>
      )}
      {canAdd &&
        (adding ? (
          <PasskeySetup
            submitLabel="Add passkey"
            refetchQueries={[ProfileDocument, ProfileSecurityDocument]}
            onEnrolled={() => setAdding(false)}
          />
        ) : (
          <Group>
            <Button variant="light" onClick={() => setAdding(true)}>
              Add a passkey
            </Button>
          </Group>
        ))}
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove the passkey “${removing.name}”?` : ''}
      >
        {removing && (
          <Stack gap="sm">
            <Text size="sm">
              It no longer signs you in. Confirm with a current second factor — another passkey,
              this one, a code of another method, or a backup code.
            </Text>
            {passkeys.length === 1 && <Text size="sm">This is your only passkey.</Text>}
            <CodeAction
              label="Remove passkey"
              color="red"
              passkey
              run={(code) => remove.call(removing.id, code)}
              loading={remove.loading}
              onDone={() => setRemoving(null)}
            />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
