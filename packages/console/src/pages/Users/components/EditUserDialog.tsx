import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { createUserSchema, updateUserSchema, UserType } from '@twofold/shared';
import type { UpdateUserInput, UserRowFragment } from '@twofold/shared/graphql';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { QueryState } from '../../../components/QueryState';
import { useAppChoices, useEditUser } from '../useUsers';
import type { AppChoice } from './AppsField';
import { UserFields } from './UserFields';
import { showServerErrors } from '../../../lib/form-errors';
import { FormError } from '../../../components/FormError';

// the server's own schemas: updateUser's fields, and the app list as createUser checks it
const editSchema = updateUserSchema
  .pick({ displayName: true, userType: true, requireTwoFactor: true })
  .extend({ appIds: createUserSchema.shape.appIds });
type EditValues = z.input<typeof editSchema>;
type EditOutput = z.output<typeof editSchema>;
const formFields: readonly string[] = [
  'displayName',
  'userType',
  'requireTwoFactor',
  'appIds',
] satisfies (keyof EditValues)[];

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

function EditForm(props: { user: UserRowFragment; apps: AppChoice[]; onClose: () => void }) {
  const { user, apps, onClose } = props;
  const edit = useEditUser();
  const form = useForm<EditValues, unknown, EditOutput>({
    resolver: zodResolver(editSchema),
    defaultValues: {
      displayName: user.displayName,
      // the form holds the shared enum the schema parses into; keys and values are the same
      userType: UserType[user.userType],
      requireTwoFactor: user.requireTwoFactor,
      appIds: user.apps.map((app) => app.id),
    },
  });
  const {
    handleSubmit,
    setError,
    formState: { errors },
  } = form;
  const userType = useWatch({ control: form.control, name: 'userType' });

  const onSubmit = handleSubmit(async (values) => {
    // only what changed: an unchanged field is no change to audit
    const input: UpdateUserInput = {};
    if (values.displayName !== undefined && values.displayName !== user.displayName) {
      input.displayName = values.displayName;
    }
    if (values.userType !== undefined && values.userType !== UserType[user.userType]) {
      input.userType = values.userType;
    }
    if (
      values.requireTwoFactor !== undefined &&
      values.requireTwoFactor !== user.requireTwoFactor
    ) {
      input.requireTwoFactor = values.requireTwoFactor;
    }
    const before = user.apps.map((app) => app.id);
    const appIds = sameIds(before, values.appIds) ? null : values.appIds;
    if (Object.keys(input).length === 0 && appIds === null) {
      onClose();
      return;
    }
    const result = await edit.call(user, input, appIds);
    if (result.ok) {
      onClose();
      return;
    }
    const { error } = result;
    showServerErrors(error, formFields, setError);
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Edit user">
        <Stack gap="sm">
          <FormError title="Not saved" message={errors.root?.message} />
          <TextInput label="Email" value={user.email} readOnly />
          <UserFields
            apps={apps}
            focusName
            typeNote={
              user.isOwner &&
              userType !== UserType.ADMINISTRATOR && (
                <Alert color="yellow" title="Ownership ends">
                  An owner is always an administrator: saving another user type makes{' '}
                  {user.displayName} stop being an owner.
                </Alert>
              )
            }
            twoFactorDescription="The first time, the user gets the grace period of their user type to set it up; later changes never extend that deadline."
          />
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={edit.loading}>
              Cancel
            </Button>
            <Button type="submit" loading={edit.loading}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </FormProvider>
  );
}

export function EditUserDialog({ user, onClose }: { user: UserRowFragment; onClose: () => void }) {
  const appChoices = useAppChoices();
  return (
    <Modal opened onClose={onClose} title={`Edit ${user.displayName}`} size="lg">
      <QueryState
        query={appChoices}
        errorTitle="Could not load the apps"
        loadingLabel="Loading the apps"
      >
        {(data) => <EditForm user={user} apps={data.apps} onClose={onClose} />}
      </QueryState>
    </Modal>
  );
}
