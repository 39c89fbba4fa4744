import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { createAppSchema, limits, Platform } from '@twofold/shared';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { platformLabels } from '../../../lib/labels';
import type { ApiResult } from '../../../lib/use-api-call';
import { showServerErrors } from '../../../lib/form-errors';
import { FormError } from '../../../components/FormError';

export type AppFormValues = z.input<typeof createAppSchema>;
export type AppFormOutput = z.output<typeof createAppSchema>;

const formFields: readonly string[] = [
  'name',
  'platform',
  'bundleId',
  'previewUrl',
] satisfies (keyof AppFormValues)[];

const platformOptions = [
  { value: '', label: 'Choose a platform' },
  ...Object.values(Platform).map((platform) => ({
    value: platform,
    label: platformLabels[platform],
  })),
];

/**
 * The settings of an app, for creating one and for changing one: validated with the schema the
 * server uses, and the server's own per-field messages (`input.<field>`) land under the fields.
 */
export function AppForm(props: {
  /** The form's accessible name, e.g. "Create app". */
  label: string;
  defaultValues: Partial<AppFormValues>;
  submitLabel: string;
  loading: boolean;
  submit: (values: AppFormOutput) => Promise<ApiResult<unknown>>;
  onCancel: () => void;
}) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<AppFormValues, unknown, AppFormOutput>({
    resolver: zodResolver(createAppSchema),
    defaultValues: props.defaultValues,
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = await props.submit(values);
    if (result.ok) return;
    const { error } = result;
    showServerErrors(error, formFields, setError);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.label}>
      <Stack gap="sm">
        <FormError title="Not saved" message={errors.root?.message} />
        <TextInput
          label="Name"
          maxLength={limits.nameMax}
          withAsterisk
          data-autofocus
          error={errors.name?.message}
          {...register('name')}
        />
        <NativeSelect
          label="Platform"
          withAsterisk
          data={platformOptions}
          error={errors.platform?.message}
          {...register('platform')}
        />
        <TextInput
          label="Bundle ID"
          description="Reverse-DNS notation, e.g. com.example.app"
          maxLength={limits.bundleIdMax}
          withAsterisk
          spellCheck={false}
          autoCapitalize="off"
          error={errors.bundleId?.message}
          {...register('bundleId')}
        />
        <TextInput
          label="Preview URL"
          description="The http(s) address of the preview build; its QR code is shown on the app’s page"
          type="url"
          maxLength={limits.urlMax}
          withAsterisk
          spellCheck={false}
          error={errors.previewUrl?.message}
          {...register('previewUrl')}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={props.loading}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
