import { useQuery } from '@apollo/client/react';
import { Alert, Container, Divider, Paper, Stack, Title } from '@mantine/core';
import {
  LoginAssuredDocument,
  ProfileDocument,
  ProfileSecurityDocument,
} from '@twofold/shared/graphql';
import { useSession } from '../../session/useSession';
import { PageLoader } from '../../components/PageLoader';
import { describeError } from '../../lib/describe-error';
import { AccountSection } from './components/AccountSection';
import { ActivitySection } from './components/ActivitySection';
import { SessionsSection } from './components/SessionsSection';
import { TwoFactorSection } from './components/TwoFactorSection';

/** The signed-in person's own profile: details, password, 2FA, sessions, security activity. */
export function ProfilePage() {
  const session = useSession().data?.session;
  const stage = session?.stage;
  const { data, error } = useQuery(ProfileDocument, { fetchPolicy: 'cache-and-network' });
  const assurance = useQuery(LoginAssuredDocument, { fetchPolicy: 'no-cache' });
  // while 2FA still has to be set up (ENROLLMENT) a session reaches only the profile itself
  const security = useQuery(ProfileSecurityDocument, {
    fetchPolicy: 'cache-and-network',
    skip: stage !== 'ACTIVE',
  });
  if (error && !data) {
    return (
      <Container size="sm" py="xl">
        <Alert color="red" title="Could not load your profile">
          {describeError(error)}
        </Alert>
      </Container>
    );
  }
  const viewer = data?.viewer;
  if (!data || !viewer) return <PageLoader />;
  return (
    <Container size="md" py="xl">
      <Stack gap="lg">
        <Title order={1}>Your profile</Title>
        <Paper withBorder p="lg">
          <AccountSection
            displayName={viewer.displayName}
            email={viewer.email}
            loginAssured={assurance.data?.session?.loginAssured ?? false}
          />
        </Paper>
        <Paper withBorder p="lg">
          <TwoFactorSection viewer={viewer} active={stage === 'ACTIVE'} />
        </Paper>
        {security.data && (
          <Paper withBorder p="lg">
            <Stack gap="sm">
              <SessionsSection sessions={security.data.mySessions} />
              <Divider />
              <ActivitySection
                login={security.data.login}
                viaProvider={Boolean(session?.identityProviderName)}
              />
            </Stack>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
