import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { ErrorCode, limits, resetReasonSchema } from '@twofold/shared';
import type { TwoFactorMethod, UserRowFragment } from '@twofold/shared/graphql';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { twoFactorMethodLabels } from '../../../lib/labels';
import { SendSmsButton } from '../../TwoFactorVerify/components/SendSmsButton';
import type { Viewer } from '../rules';
import { type FactorChoice, useResetTwoFactor } from '../useUsers';
import { FormError } from '../../../components/FormError';
import { usePasskeyAnswer } from '../../../lib/use-passkey-answer';

interface ResetValues {
  reason: string;
  code: string;
}

/** The reason as the server checks it; the admin's code only when the admin has a factor. */
function resetFormSchema(needsCode: boolean) {
  return z.object({
    reason: resetReasonSchema,
    code: needsCode
      ? z.string().trim().min(1, { message: 'Enter a current code of your own second factor' })
      : z.string(),
  });
}

const codeSources: Record<TwoFactorMethod, string> = {
  AUTHENTICATOR_APP: 'your authenticator app',
  SMS: 'a text message to your phone',
  PIN: 'your PIN code',
  PASSKEY: 'one of your passkeys',
};

/** The code field names what the viewer has; the server takes any of it, or a backup code. */
export function codeLabel(methods: readonly TwoFactorMethod[]): string {
  if (methods.length === 1) {
    switch (methods[0]) {
      case 'AUTHENTICATOR_APP':
        return 'Your authenticator code';
      case 'SMS':
        return 'Your text message code';
      case 'PIN':
        return 'Your PIN code';
      // nothing to type from a passkey: the field takes a backup code, the button the passkey
      case 'PASSKEY':
        return 'Your backup code';
    }
  }
  return 'Your current code';
}

function codeDescription(methods: readonly TwoFactorMethod[]): string {
  const typed = methods.filter((method) => method !== 'PASSKEY');
  if (typed.length === 0) {
    return 'To confirm it is you: use a passkey below, or type one of your backup codes.';
  }
  const sources = typed.map((method) => codeSources[method]);
  const listed =
    sources.length > 1 ? `${sources.slice(0, -1).join(', ')} or ${sources.at(-1)}` : sources[0];
  return `To confirm it is you: from ${listed}, or one of your backup codes${
    typed.length < methods.length ? ' — or use a passkey below' : ''
  }.`;
}

/**
 * "Reset authenticator" (the telephone icon): removes another user's factors and backup codes
 * and ends their sessions. The reason goes to the audit log; an administrator who has a second
 * factor confirms with a current code of it (docs/design.md, Second-factor rules). With `factor`
 * (a user's page), only that factor goes (docs/design.md, Daily administration).
 */
export function ResetTwoFactorDialog(props: {
  user: UserRowFragment;
  viewer: Viewer;
  factor?: FactorChoice | null;
  onClose: () => void;
}) {
  const { user, viewer, onClose } = props;
  const factor = props.factor ?? null;
  const needsCode = viewer.twoFactorMethods.length > 0;
  const reset = useResetTwoFactor();
  const schema = useMemo(() => resetFormSchema(needsCode), [needsCode]);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    trigger,
    getValues,
    formState: { errors },
  } = useForm<ResetValues>({
    resolver: zodResolver(schema),
    defaultValues: { reason: '', code: '' },
  });

  const answer = usePasskeyAnswer();
  const holdsPasskey = viewer.twoFactorMethods.includes('PASSKEY');

  const run = async (reason: string, code: string | null) => {
    const result = await reset.call(user, reason, code, factor);
    if (result.ok) {
      onClose();
      return;
    }
    const { error } = result;
    if (error.code === ErrorCode.INVALID_CODE) {
      // the next try is a new code: an empty field, with the reason kept
      setValue('code', '');
      setError('code', { message: error.message }, { shouldFocus: true });
      return;
    }
    const unplaced = error.fields.filter((fieldError) => {
      if (fieldError.field !== 'reason' && fieldError.field !== 'code') return true;
      setError(fieldError.field, { message: fieldError.message });
      return false;
    });
    if (unplaced.length === 0 && error.fields.length > 0) return;
    setError('root', { message: error.message });
  };

  const onSubmit = handleSubmit(({ reason, code }) => run(reason, needsCode ? code : null));

  // a passkey's answer stands in for the typed code: the reason is checked first, as on submit
  const withPasskey = async () => {
    if (!(await trigger('reason'))) return;
    const signed = await answer.call();
    if (!signed.ok) {
      setError('root', { message: signed.error.message });
      return;
    }
    await run(getValues('reason'), signed.data);
  };

  // inside parentheses: "Passkeys", not the label's own "(fingerprint, face or security key)"
  const methods = user.twoFactorMethods.map((method) =>
    method === 'PASSKEY' ? 'Passkeys' : twoFactorMethodLabels[method],
  );
  const title = factor ? 'Remove factor' : 'Reset authenticator';
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        factor ? `Remove ${factor.name} of ${user.displayName}` : `${title} of ${user.displayName}`
      }
      size="lg"
    >
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={title}>
        <Stack gap="sm">
          <Text size="sm">This will:</Text>
          {factor ? (
            <List size="sm" spacing={4}>
              <List.Item>remove {factor.name}, and keep their other second factors;</List.Item>
              <List.Item>sign them out of every session at once;</List.Item>
              <List.Item>email them which factor was removed.</List.Item>
            </List>
          ) : (
            <List size="sm" spacing={4}>
              <List.Item>
                remove their second factors
                {methods.length > 0 ? ` (${methods.join(', ')})` : ''} and backup codes, and clear
                any lockout;
              </List.Item>
              <List.Item>sign them out of every session at once;</List.Item>
              <List.Item>email them that their two-factor authentication was reset.</List.Item>
            </List>
          )}
          <Text size="sm">
            {factor
              ? 'A lockout stays until you unlock it. Should this be their last factor, they set up two-factor authentication again at their next sign-in where it is required for them.'
              : 'At their next sign-in they set up a second factor again, where two-factor authentication is required for them.'}
          </Text>
          <FormError title={factor ? 'Not removed' : 'Not reset'} message={errors.root?.message} />
          <Textarea
            label="Reason"
            description="Kept in the audit log."
            required
            autosize
            minRows={2}
            maxLength={limits.reasonMax}
            data-autofocus
            error={errors.reason?.message}
            {...register('reason')}
          />
          {needsCode && (
            <>
              <TextInput
                label={codeLabel(viewer.twoFactorMethods)}
                description={codeDescription(viewer.twoFactorMethods)}
                required
                autoComplete="one-time-code"
                error={errors.code?.message}
                {...register('code')}
              />
              {viewer.twoFactorMethods.includes('SMS') && <SendSmsButton />}
              {holdsPasskey && (
                <Group>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => void withPasskey()}
                    loading={answer.loading}
                    disabled={reset.loading}
                  >
                    Use a passkey instead
                  </Button>
                </Group>
              )}
            </>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={reset.loading}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={reset.loading}>
              {factor ? 'Remove factor' : 'Reset authenticator'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
