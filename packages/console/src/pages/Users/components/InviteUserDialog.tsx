import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { createUserSchema, ErrorReason } from '@twofold/shared';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { QueryState } from '../../../components/QueryState';
import { useAppChoices, useCreateUser } from '../useUsers';
import type { AppChoice } from './AppsField';
import { UserFields } from './UserFields';
import { showServerErrors } from '../../../lib/form-errors';
import { FormError } from '../../../components/FormError';

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

function InviteForm({ apps, onClose }: { apps: AppChoice[]; onClose: () => void }) {
  const create = useCreateUser();
  const form = useForm<InviteValues, unknown, InviteOutput>({
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
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;
  const sendInvitation = useWatch({ control: form.control, name: 'sendInvitation' }) ?? true;

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
    <FormProvider {...form}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Invite user">
        <Stack gap="sm">
          <FormError title="Not sent" message={errors.root?.message} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            required
            data-autofocus
            error={errors.email?.message}
            {...register('email')}
          />
          <UserFields
            apps={apps}
            chooseType
            twoFactorDescription="They must set up a second factor after the grace period of their user type, whatever its policy says."
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
    </FormProvider>
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
