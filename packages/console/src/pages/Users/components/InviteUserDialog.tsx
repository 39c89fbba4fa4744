import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  TextInput,
} from '@mantine/core';
import { createUserSchema, ErrorReason } from '@twofold/shared';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { QueryState } from '../../../components/QueryState';
import { userTypeLabels } from '../../../lib/labels';
import { useAppChoices, useCreateUser } from '../useUsers';
import { type AppChoice, AppsField } from './AppsField';
import { showServerErrors } from '../../../lib/form-errors';

type InviteValues = z.input<typeof createUserSchema>;
type InviteOutput = z.output<typeof createUserSchema>;
const formFields: readonly string[] = [
  'email',
  'displayName',
  'userType',
  'appIds',
  'requireTwoFactor',
  'sendInvitation',
] satisfies (keyof InviteValues)[];

const typeOptions = [
  { value: '', label: 'Choose a user type' },
  ...Object.entries(userTypeLabels).map(([value, label]) => ({ value, label })),
];

function InviteForm({ apps, onClose }: { apps: AppChoice[]; onClose: () => void }) {
  const create = useCreateUser();
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<InviteValues, unknown, InviteOutput>({
    resolver: zodResolver(createUserSchema),
    // no user type is preselected: what a new user may do is a choice, not a default
    defaultValues: {
      email: '',
      displayName: '',
      appIds: [],
      requireTwoFactor: false,
      sendInvitation: true,
    },
  });
  const sendInvitation = watch('sendInvitation') ?? true;

  const onSubmit = handleSubmit(async (input) => {
    const result = await create.call(input);
    if (result.ok) {
      onClose();
      return;
    }
    const { error } = result;
    if (error.reason === ErrorReason.DUPLICATE_PROFILE) {
      setError('email', { message: error.message }, { shouldFocus: true });
      return;
    }
    showServerErrors(error, formFields, setError);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Invite user">
      <Stack gap="sm">
        {errors.root?.message && (
          <Alert color="red" role="alert" title="Not sent">
            {errors.root.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="off"
          required
          data-autofocus
          error={errors.email?.message}
          {...register('email')}
        />
        <TextInput
          label="Display name"
          required
          autoComplete="off"
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        <NativeSelect
          label="User type"
          required
          data={typeOptions}
          error={errors.userType?.message}
          {...register('userType')}
        />
        <Controller
          control={control}
          name="appIds"
          render={({ field, fieldState }) => (
            <AppsField
              apps={apps}
              value={field.value ?? []}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
        <Checkbox
          label="Enable 2-Factor Authentication for this user"
          description="They must set up a second factor after the grace period of their user type, whatever its policy says."
          error={errors.requireTwoFactor?.message}
          {...register('requireTwoFactor')}
        />
        <Checkbox
          label="Send invitation"
          description={
            sendInvitation
              ? 'Emails a single-use link to join, valid for 72 hours.'
              : 'No email is sent, and none can be sent later: only an email that already signs in to this account can use the new profile.'
          }
          error={errors.sendInvitation?.message}
          {...register('sendInvitation')}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose} disabled={create.loading}>
            Cancel
          </Button>
          <Button type="submit" loading={create.loading}>
            {sendInvitation ? 'Send invitation' : 'Create user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Invite user": a new profile in the account, mailed an invitation unless told otherwise. */
export function InviteUserDialog({ onClose }: { onClose: () => void }) {
  const appChoices = useAppChoices();
  return (
    <Modal opened onClose={onClose} title="Invite user" size="lg">
      <QueryState
        query={appChoices}
        errorTitle="Could not load the apps"
        loadingLabel="Loading the apps"
      >
        {(data) => <InviteForm apps={data.apps} onClose={onClose} />}
      </QueryState>
    </Modal>
  );
}
