import { Checkbox, NativeSelect, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { userTypeLabels } from '../../../lib/labels';
import { type AppChoice, AppsField } from './AppsField';

/** The fields the invite and edit forms share, by the names both schemas give them. */
export interface UserFieldValues {
  displayName?: string | null;
  userType?: string | null;
  appIds?: string[] | null;
  requireTwoFactor?: boolean | null;
}

const typeOptions = Object.entries(userTypeLabels).map(([value, label]) => ({ value, label }));
const chooseTypeOptions = [{ value: '', label: 'Choose a user type' }, ...typeOptions];

/**
 * A user's display name, type, apps and 2FA requirement, inside a form's `FormProvider`. An
 * invitation asks to choose the type (`chooseType`): what a new user may do is a choice, not a
 * default.
 */
export function UserFields(props: {
  apps: AppChoice[];
  chooseType?: boolean;
  /** Focus the display name as the dialog opens (the edit dialog has no other input first). */
  focusName?: boolean;
  /** Shown under the user type, e.g. what changing it ends. */
  typeNote?: ReactNode;
  twoFactorDescription: string;
}) {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<UserFieldValues>();
  return (
    <>
      <TextInput
        label="Display name"
        required
        autoComplete="off"
        data-autofocus={props.focusName || undefined}
        error={errors.displayName?.message}
        {...register('displayName')}
      />
      <NativeSelect
        label="User type"
        required
        data={props.chooseType ? chooseTypeOptions : typeOptions}
        error={errors.userType?.message}
        {...register('userType')}
      />
      {props.typeNote}
      <Controller
        control={control}
        name="appIds"
        render={({ field, fieldState }) => (
          <AppsField
            apps={props.apps}
            value={field.value ?? []}
            onChange={field.onChange}
            error={fieldState.error?.message}
          />
        )}
      />
      <Checkbox
        label="Enable two-factor authentication for this user"
        description={props.twoFactorDescription}
        error={errors.requireTwoFactor?.message}
        {...register('requireTwoFactor')}
      />
    </>
  );
}
