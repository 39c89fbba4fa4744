import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useLocation, useParams, useSearchParams } from 'react-router';
import { toApiError } from '../../lib/api-error';
import { describeOpenIdFailure } from '../../lib/openid-failure';
import {
  acknowledgeSessionEnded,
  type SignInState,
  signOutNoted,
} from '../../session/ended-session';
import { SignInForm } from './components/SignInForm';
import { SignInOptions } from './components/SignInOptions';
import { useSignInOptions } from './useSignInOptions';

/** `/sign-in`, and `/a/<slug>` for one account, which offers its identity providers at once. */
export function SignInPage() {
  const { slug } = useParams();
  const [params] = useSearchParams();
  const openIdError = params.get('openIdError');
  const ended = (useLocation().state as SignInState | null)?.ended === true;
  const [signedOut] = useState(signOutNoted);
  // said once: a later sign-out is not an ended session, a reload no news
  useEffect(acknowledgeSessionEnded, []);
  const [email, setEmail] = useState('');
  const { options, error } = useSignInOptions(slug, email);
  // an account's own sign-in URL says whose it is, once its providers name the account
  const accountName = slug ? options[0]?.accountName : undefined;

  return (
    <Container size={420} py="xl">
      <Stack gap="md">
        <div>
          <Title order={1}>Sign in to Twofold</Title>
          <Text c="dimmed" size="sm">
            {accountName
              ? `Sign in to ${accountName} with your password or its identity provider.`
              : 'Two-factor authentication administration for your organization.'}
          </Text>
        </div>
        {ended && (
          <Alert color="yellow" role="status" title="Your session has ended">
            It was signed out elsewhere, ended by an administrator or timed out. Sign in again to
            continue where you were.
          </Alert>
        )}
        {signedOut && !ended && <Alert color="green" role="status" title="You are signed out" />}
        {openIdError !== null && (
          <Alert color="red" role="alert" title="Sign-in with your identity provider failed">
            {describeOpenIdFailure(openIdError)}
          </Alert>
        )}
        <Paper withBorder p="lg">
          <SignInForm onEmailChange={slug ? undefined : setEmail} />
          <SignInOptions options={options} />
          {/* by email the options are a suggestion; only an account's own page must explain */}
          {slug && error && (
            <Text size="sm" c="red.8" mt="md">
              The sign-in options of this account could not be loaded. {toApiError(error).message}
            </Text>
          )}
        </Paper>
      </Stack>
    </Container>
  );
}
