import {
  Alert,
  Anchor,
  Button,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { ErrorReason } from '@twofold/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApiResult } from '../lib/use-api-call';
import { paths } from '../session/paths';

/** The variables of a link page's mutation: the `:token` of the URL and the typed password. */
export function tokenPassword(token: string, password: string) {
  return { token, password };
}

/**
 * The page behind an emailed one-time link that sets or confirms a password (invitation, reset):
 * one form, then a plain sentence whatever happened — done, or the link no longer works.
 */
export function PasswordLinkForm(props: {
  title: string;
  intro: ReactNode;
  passwordLabel: string;
  /** Also ask for the password a second time (a new password). */
  confirm: boolean;
  submitLabel: string;
  doneMessage: string;
  /** What to do when the link is invalid, expired or used. */
  deadLinkAdvice: string;
  /** Runs the page's mutation (variables: `tokenPassword`). */
  submit: (token: string, password: string) => Promise<ApiResult<unknown>>;
  loading: boolean;
}) {
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<'done' | 'dead' | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldError(null);
    if (props.confirm && password !== again) {
      setFieldError('The two passwords differ.');
      return;
    }
    const result = await props.submit(token, password);
    if (result.ok) return setOutcome('done');
    if (result.error.reason === ErrorReason.INVALID_LINK) return setOutcome('dead');
    const onPassword = result.error.fields.find((f) => f.field === 'password');
    if (onPassword) setFieldError(onPassword.message);
    else setError(result.error.message);
  };

  return (
    <Container size={460} py="xl">
      <Stack gap="md">
        <Title order={1}>{props.title}</Title>
        {outcome === 'done' ? (
          <Alert color="green" title="Done">
            {props.doneMessage}{' '}
            <Anchor component={Link} to={paths.signIn}>
              Sign in
            </Anchor>
          </Alert>
        ) : outcome === 'dead' ? (
          <Alert color="red" title="This link no longer works">
            It is invalid, has expired or was already used. {props.deadLinkAdvice}
          </Alert>
        ) : (
          <Paper withBorder p="lg">
            <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label={props.title}>
              <Stack gap="sm">
                <Text size="sm">{props.intro}</Text>
                {error && (
                  <Alert color="red" role="alert" title="Not done">
                    {error}
                  </Alert>
                )}
                <PasswordInput
                  label={props.passwordLabel}
                  autoComplete={props.confirm ? 'new-password' : 'current-password'}
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={fieldError}
                />
                {props.confirm && (
                  <PasswordInput
                    label="Password again"
                    autoComplete="new-password"
                    value={again}
                    onChange={(event) => setAgain(event.currentTarget.value)}
                  />
                )}
                <Button type="submit" loading={props.loading}>
                  {props.submitLabel}
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
