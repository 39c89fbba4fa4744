import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  PasswordInput,
  Radio,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import {
  createIdentityProviderSchema,
  limits,
  ProviderTwoFactorPolicy,
  updateIdentityProviderSchema,
} from '@twofold/shared';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../lib/api-error';
import { showServerErrors } from '../../../lib/form-errors';
import type { ApiResult } from '../../../lib/use-api-mutation';

/** On edit an empty secret keeps the stored one; the rest is checked as on create. */
const editProviderSchema = createIdentityProviderSchema.extend({
  clientSecret: z
    .string()
    .transform((secret): string | null | undefined => (secret.trim() === '' ? null : secret))
    .pipe(updateIdentityProviderSchema.shape.clientSecret),
});

export type ProviderFormValues = z.input<typeof createIdentityProviderSchema>;
export type ProviderFormOutput = z.output<typeof editProviderSchema>;

const formFields: readonly string[] = [
  'displayName',
  'issuerUrl',
  'clientId',
  'clientSecret',
  'allowedEmailDomains',
  'twoFactorPolicy',
  'trustedAcrValues',
] satisfies (keyof ProviderFormValues)[];

const policyOptions: { value: ProviderTwoFactorPolicy; label: string; description: string }[] = [
  {
    value: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
    label: "Require Twofold's second factor",
    description: 'After the provider, users give their Twofold second factor as after a password.',
  },
  {
    value: ProviderTwoFactorPolicy.TRUST_PROVIDER,
    label: "Trust the provider's second factor when its ID token shows one",
    description:
      'An amr holding mfa, otp, hwk or swk, or a trusted acr value, stands in for Twofold’s second factor; otherwise Twofold asks for it.',
  },
  {
    value: ProviderTwoFactorPolicy.EXEMPT,
    label: 'Exempt: no second factor',
    description: 'Sign-ins through this provider need no second factor at all.',
  },
];

/** The first message of a field, or of any item of a list field ("allowedEmailDomains.2"). */
function firstMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (!Array.isArray(error)) return undefined;
  for (const item of error as unknown[]) {
    const found = firstMessage(item);
    if (found) return found;
  }
  return undefined;
}

/** The server names list items by index (`input.allowedEmailDomains.1`): show them on the list. */
function onListFields(error: ApiError): ApiError {
  return {
    ...error,
    fields: error.fields.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') })),
  };
}

/**
 * An OpenID Connect provider's settings, for adding one and for changing one: validated with
 * the schema the server uses, and the server's per-field messages land under the fields.
 */
export function IdentityProviderForm(props: {
  /** The form's accessible name, e.g. "Add identity provider". */
  label: string;
  defaultValues: ProviderFormValues;
  /** On edit the stored secret stays unless a new one is typed. */
  secretOptional: boolean;
  loading: boolean;
  submit: (values: ProviderFormOutput) => Promise<ApiResult<unknown>>;
  onCancel: () => void;
}) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<ProviderFormValues, unknown, ProviderFormOutput>({
    resolver: zodResolver(props.secretOptional ? editProviderSchema : createIdentityProviderSchema),
    defaultValues: props.defaultValues,
  });
  const trusting = watch('twoFactorPolicy') === ProviderTwoFactorPolicy.TRUST_PROVIDER;

  const onSubmit = handleSubmit(async (values) => {
    // acr values mean something only to the trust rule; hidden ones are not kept
    const result = await props.submit({
      ...values,
      trustedAcrValues:
        values.twoFactorPolicy === ProviderTwoFactorPolicy.TRUST_PROVIDER
          ? values.trustedAcrValues
          : [],
    });
    if (result.ok) return;
    showServerErrors(onListFields(result.error), formFields, setError);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.label}>
      <Stack gap="sm">
        {errors.root?.message && (
          <Alert color="red" role="alert" title="Not saved">
            {errors.root.message}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="The sign-in button says “Sign in with <name>”"
          maxLength={limits.nameMax}
          withAsterisk
          data-autofocus
          autoComplete="off"
          error={errors.displayName?.message}
          {...register('displayName')}
        />
        <TextInput
          label="Issuer URL"
          description="e.g. https://id.example.com; its /.well-known/openid-configuration names the rest"
          type="url"
          maxLength={limits.urlMax}
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          error={errors.issuerUrl?.message}
          {...register('issuerUrl')}
        />
        <TextInput
          label="Client ID"
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          error={errors.clientId?.message}
          {...register('clientId')}
        />
        <PasswordInput
          label="Client secret"
          description={
            props.secretOptional
              ? 'Leave empty to keep the current secret'
              : 'Stored sealed; never shown again'
          }
          withAsterisk={!props.secretOptional}
          // never the console password a browser would offer to fill in
          autoComplete="new-password"
          error={errors.clientSecret?.message}
          // Mantine marks only a TextInput invalid for assistive technology
          aria-invalid={errors.clientSecret ? true : undefined}
          {...register('clientSecret')}
        />
        <Controller
          control={control}
          name="allowedEmailDomains"
          render={({ field, fieldState }) => (
            <TagsInput
              label="Allowed email domains"
              description="Only these domains may sign in; leave empty for any"
              placeholder="example.com"
              splitChars={[',', ' ']}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={firstMessage(fieldState.error)}
            />
          )}
        />
        <Controller
          control={control}
          name="twoFactorPolicy"
          render={({ field, fieldState }) => (
            <Radio.Group
              label="Second factor"
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
            >
              <Stack gap="xs" mt={6}>
                {policyOptions.map((option) => (
                  <Radio
                    key={option.value}
                    value={option.value}
                    label={option.label}
                    description={option.description}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        {trusting && (
          <Controller
            control={control}
            name="trustedAcrValues"
            render={({ field, fieldState }) => (
              <TagsInput
                label="Trusted acr values"
                description="An ID token whose acr is one of these counts as a second factor"
                splitChars={[',', ' ']}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={firstMessage(fieldState.error)}
              />
            )}
          />
        )}
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onCancel} disabled={props.loading}>
            Cancel
          </Button>
          <Button type="submit" loading={props.loading}>
            Save provider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
