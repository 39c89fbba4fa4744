import { useQuery } from '@apollo/client/react';
import { Container, Divider, Paper, Stack, Title } from '@mantine/core';
import {
  LoginAssuredDocument,
  ProfileDocument,
  type ProfileQuery,
  ProfileSecurityDocument,
} from '@twofold/shared/graphql';
import { useSession } from '../../session/useSession';
import { QueryState } from '../../components/QueryState';
import { AccountSection } from './components/AccountSection';
import { RememberedBrowsersSection } from './components/RememberedBrowsersSection';
import { ActivitySection } from './components/ActivitySection';
import { SessionsSection } from './components/SessionsSection';
import { TwoFactorSection } from './components/TwoFactorSection';

/** The signed-in person's own profile: details, password, 2FA, sessions, security activity. */
export function ProfilePage() {
  const profile = useQuery(ProfileDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <QueryState
      query={profile}
      errorTitle="Could not load your profile"
      select={(data) => data.viewer}
    >
      {(viewer) => <Profile viewer={viewer} />}
    </QueryState>
  );
}

function Profile({ viewer }: { viewer: NonNullable<ProfileQuery['viewer']> }) {
  const session = useSession().data?.session;
  const stage = session?.stage;
  const assurance = useQuery(LoginAssuredDocument, { fetchPolicy: 'no-cache' });
  // while 2FA still has to be set up (ENROLLMENT) a session reaches only the profile itself
  const security = useQuery(ProfileSecurityDocument, {
    fetchPolicy: 'cache-and-network',
    skip: stage !== 'ACTIVE',
  });
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
          <TwoFactorSection
            viewer={viewer}
            active={stage === 'ACTIVE'}
            passkeys={security.data?.viewer?.passkeys ?? null}
          />
        </Paper>
        {security.data && (
          <Paper withBorder p="lg">
            <Stack gap="sm">
              <SessionsSection sessions={security.data.mySessions} />
              <Divider />
              <RememberedBrowsersSection
                browsers={security.data.viewer?.rememberedBrowsers ?? []}
              />
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
