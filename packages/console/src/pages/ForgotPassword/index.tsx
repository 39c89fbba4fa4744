import {
  Alert,
  Anchor,
  Button,
  Container,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../session/paths';
import { useRequestPasswordReset } from './useRequestPasswordReset';

/** Asks for a reset link; the answer is the same whether the email is known or not. */
export function ForgotPasswordPage() {
  const { call, loading } = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await call(email.trim());
    if (result.ok) setSent(true);
    else setError(result.error.message);
  };

  return (
    <Container size={420} py="xl">
      <Stack gap="md">
        <Title order={1}>Forgot your password?</Title>
        {sent ? (
          <Alert color="green" title="Check your email">
            If this email signs in to Twofold, a link to choose a new password is on its way. It
            works for one hour.
          </Alert>
        ) : (
          <Paper withBorder p="lg">
            <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Reset password">
              <Stack gap="sm">
                <Text size="sm">We will email you a link to choose a new password.</Text>
                {error && (
                  <Alert color="red" role="alert" title="Not sent">
                    {error}
                  </Alert>
                )}
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                />
                <Button type="submit" loading={loading}>
                  Send link
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        <Anchor component={Link} to={paths.signIn} size="sm">
          Back to sign in
        </Anchor>
      </Stack>
    </Container>
  );
}
