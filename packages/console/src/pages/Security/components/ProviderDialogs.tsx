import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { limits, ProviderTwoFactorPolicy, UserType } from '@twofold/shared';
import type { IdentityProviderFieldsFragment } from '@twofold/shared/graphql';
import { useState } from 'react';
import {
  useCreateIdentityProvider,
  useRemoveIdentityProvider,
  useUpdateIdentityProvider,
} from '../useIdentityProviders';
import {
  IdentityProviderForm,
  type ProviderFormOutput,
  type ProviderFormValues,
} from './IdentityProviderForm';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/** "Add identity provider" (owners only). */
export function AddProviderDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateIdentityProvider();
  return (
    <Modal opened onClose={onClose} title="Add identity provider" size="lg">
      <IdentityProviderForm
        label="Add identity provider"
        defaultValues={{
          displayName: '',
          issuerUrl: '',
          clientId: '',
          clientSecret: '',
          allowedEmailDomains: [],
          twoFactorPolicy: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
          trustedAcrValues: [],
          waiverUserTypes: [],
          maxAgeSeconds: limits.providerMaxAgeDefault,
        }}
        secretOptional={false}
        loading={create.loading}
        submit={async ({ clientSecret, ...values }) => {
          // the create schema requires a secret, so it is there
          const result = await create.call({ ...values, clientSecret: clientSecret ?? '' });
          if (result.ok) onClose();
          return result;
        }}
        onCancel={onClose}
      />
    </Modal>
  );
}

/** "Edit <name>" (owners only); only changed fields are sent, and a secret only when typed. */
export function EditProviderDialog({
  provider,
  onClose,
}: {
  provider: IdentityProviderFieldsFragment;
  onClose: () => void;
}) {
  const update = useUpdateIdentityProvider();
  const current: ProviderFormValues = {
    displayName: provider.displayName,
    issuerUrl: provider.issuerUrl,
    clientId: provider.clientId,
    clientSecret: '',
    allowedEmailDomains: [...provider.allowedEmailDomains],
    twoFactorPolicy: ProviderTwoFactorPolicy[provider.twoFactorPolicy],
    trustedAcrValues: [...provider.trustedAcrValues],
    waiverUserTypes: provider.waiverUserTypes.map((type) => UserType[type]),
    maxAgeSeconds: provider.maxAgeSeconds ?? null,
  };

  const submit = async (values: ProviderFormOutput) => {
    // unchanged fields stay out, so a change someone else made meanwhile is kept
    const changes = {
      ...(values.displayName !== current.displayName && { displayName: values.displayName }),
      ...(values.issuerUrl !== current.issuerUrl && { issuerUrl: values.issuerUrl }),
      ...(values.clientId !== current.clientId && { clientId: values.clientId }),
      ...(values.clientSecret !== undefined && { clientSecret: values.clientSecret }),
      ...(!sameList(values.allowedEmailDomains, current.allowedEmailDomains) && {
        allowedEmailDomains: values.allowedEmailDomains,
      }),
      ...(values.twoFactorPolicy !== current.twoFactorPolicy && {
        twoFactorPolicy: values.twoFactorPolicy,
      }),
      ...(!sameList(values.trustedAcrValues, current.trustedAcrValues) && {
        trustedAcrValues: values.trustedAcrValues,
      }),
      ...(!sameList(
        [...values.waiverUserTypes].sort(),
        [...(current.waiverUserTypes ?? [])].sort(),
      ) && {
        waiverUserTypes: values.waiverUserTypes,
      }),
      ...(values.maxAgeSeconds !== current.maxAgeSeconds && {
        maxAgeSeconds: values.maxAgeSeconds,
      }),
      ...(values.confirmRequiredTypes === true && { confirmRequiredTypes: true }),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return { ok: true as const, data: null };
    }
    const result = await update.call(provider.id, changes);
    if (result.ok) onClose();
    return result;
  };

  return (
    <Modal opened onClose={onClose} title={`Edit ${provider.displayName}`} size="lg">
      <IdentityProviderForm
        label={`Edit ${provider.displayName}`}
        defaultValues={current}
        secretOptional
        loading={update.loading}
        submit={submit}
        onCancel={onClose}
      />
    </Modal>
  );
}

/** Asks before removing a provider: its linked logins go and its sessions end. */
export function RemoveProviderDialog({
  provider,
  onClose,
}: {
  provider: IdentityProviderFieldsFragment;
  onClose: () => void;
}) {
  const remove = useRemoveIdentityProvider();
  const [error, setError] = useState<string | null>(null);
  const onRemove = async () => {
    setError(null);
    const result = await remove.call(provider);
    if (result.ok) onClose();
    else setError(result.error.message);
  };
  return (
    <Modal opened onClose={onClose} title={`Remove ${provider.displayName}?`}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not removed">
            {error}
          </Alert>
        )}
        <Text>
          Nobody can sign in with {provider.displayName} any more: the logins linked to it are
          removed and everyone signed in through it is signed out at once.
        </Text>
        <Text>The users themselves stay in the account. This cannot be undone.</Text>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={onClose} disabled={remove.loading} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={remove.loading} onClick={() => void onRemove()}>
            Remove provider
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
