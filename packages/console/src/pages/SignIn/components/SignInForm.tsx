import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { signInSchema } from '@twofold/shared';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { paths } from '../../../session/paths';
import type { z } from 'zod';
import { useSignIn } from '../useSignIn';
import { showServerErrors } from '../../../lib/form-errors';
import { FormError } from '../../../components/FormError';

type SignInValues = z.input<typeof signInSchema>;
const formFields: readonly string[] = ['email', 'password'] satisfies (keyof SignInValues)[];

/** `onEmailChange` hears every keystroke in the email field (the page offers providers by it). */
export function SignInForm({ onEmailChange }: { onEmailChange?: (email: string) => void }) {
  const { call: signIn, loading } = useSignIn();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<SignInValues, unknown, z.output<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = await signIn(values);
    if (result.ok) return;
    const { error } = result;
    showServerErrors(error, formFields, setError);
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Sign in">
      <Stack gap="sm">
        <FormError title="Sign-in failed" message={errors.root?.message} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          error={errors.email?.message}
          {...register('email', {
            onChange: (event: { target: { value: string } }) => onEmailChange?.(event.target.value),
          })}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          Sign in
        </Button>
        <Anchor component={Link} to={paths.forgotPassword} size="sm" ta="center">
          Forgot password?
        </Anchor>
      </Stack>
    </form>
  );
}
