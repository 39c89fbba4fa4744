import { useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
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
  UserType,
} from '@twofold/shared';
import { SecuritySettingsDocument } from '@twofold/shared/graphql';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../lib/api-error';
import { userTypeLabels } from '../../../lib/labels';
import { showServerErrors } from '../../../lib/form-errors';
import type { ApiResult } from '../../../lib/use-api-call';
import { FormError } from '../../../components/FormError';

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
  'waiverUserTypes',
  'maxAgeSeconds',
  'confirmRequiredTypes',
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
      'An amr holding mfa or two different kinds of factor (e.g. pwd and otp), or a trusted acr value, stands in for Twofold’s second factor; otherwise Twofold asks for it.',
  },
  {
    value: ProviderTwoFactorPolicy.EXEMPT,
    label: 'Exempt: no second factor',
    description: 'Sign-ins through this provider need no second factor for the types ticked below.',
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
    formState: { errors },
  } = useForm<ProviderFormValues, unknown, ProviderFormOutput>({
    resolver: zodResolver(props.secretOptional ? editProviderSchema : createIdentityProviderSchema),
    defaultValues: props.defaultValues,
  });
  const policy = useWatch({ control, name: 'twoFactorPolicy' });
  const waiverUserTypes = useWatch({ control, name: 'waiverUserTypes' });
  const trusting = policy === ProviderTwoFactorPolicy.TRUST_PROVIDER;
  const waiving = policy !== ProviderTwoFactorPolicy.REQUIRE_TWOFOLD;
  // the page has read the type policies already; until then the server still asks to confirm
  const settings = useQuery(SecuritySettingsDocument).data;
  const requiredTypes = new Set(
    (settings?.securityPolicies ?? [])
      .filter((typePolicy) => typePolicy.enforcement === 'REQUIRED')
      .map((typePolicy) => typePolicy.userType),
  );
  const tickedRequired = (waiverUserTypes ?? []).filter((type) => requiredTypes.has(type));

  const onSubmit = handleSubmit(async (values) => {
    // acr values and ticked types mean something only to a rule that can spare the second
    // factor; hidden ones are not kept (switching back means ticking, and confirming, again)
    const { confirmRequiredTypes, ...rest } = values;
    const keepsWaiver = values.twoFactorPolicy !== ProviderTwoFactorPolicy.REQUIRE_TWOFOLD;
    const result = await props.submit({
      ...rest,
      trustedAcrValues:
        values.twoFactorPolicy === ProviderTwoFactorPolicy.TRUST_PROVIDER
          ? values.trustedAcrValues
          : [],
      waiverUserTypes: keepsWaiver ? values.waiverUserTypes : [],
      ...(keepsWaiver && confirmRequiredTypes === true && { confirmRequiredTypes: true }),
    });
    if (result.ok) return;
    showServerErrors(onListFields(result.error), formFields, setError);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.label}>
      <Stack gap="sm">
        <FormError title="Not saved" message={errors.root?.message} />
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
        {waiving && (
          <>
            <Controller
              control={control}
              name="waiverUserTypes"
              render={({ field, fieldState }) => (
                <Checkbox.Group
                  label="Spare the second factor for"
                  description="Profiles of unticked types give Twofold's second factor as after a password"
                  value={field.value ?? []}
                  onChange={(value) => field.onChange(value)}
                  error={firstMessage(fieldState.error)}
                >
                  <Stack gap={6} mt={6}>
                    {Object.values(UserType).map((type) => (
                      <Checkbox
                        key={type}
                        value={type}
                        label={
                          requiredTypes.has(type)
                            ? `${userTypeLabels[type]} (its policy requires 2FA)`
                            : userTypeLabels[type]
                        }
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            />
            {tickedRequired.length > 0 && (
              <Controller
                control={control}
                name="confirmRequiredTypes"
                render={({ field }) => (
                  <Checkbox
                    label="The provider's sign-in stands in for the second factor these types' policy requires"
                    checked={field.value === true}
                    onChange={(event) => field.onChange(event.currentTarget.checked)}
                  />
                )}
              />
            )}
            <Controller
              control={control}
              name="maxAgeSeconds"
              render={({ field, fieldState }) => (
                <NumberInput
                  label="Fresh sign-in (seconds)"
                  description="The provider is asked for a sign-in at most this old (max_age); an older one spares nothing. Empty: any age."
                  min={0}
                  max={limits.providerMaxAgeMax}
                  allowDecimal={false}
                  value={field.value ?? ''}
                  onChange={(value) => field.onChange(value === '' ? null : Number(value))}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  w={260}
                />
              )}
            />
          </>
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
