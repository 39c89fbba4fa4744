import { useQuery } from '@apollo/client/react';
import { Badge, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { OwnTwoFactorDocument, ViewerDocument } from '@twofold/shared/graphql';
import { Link } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { userTypeLabels } from '../../lib/labels';
import { useCapabilities } from '../../lib/permissions';
import { paths } from '../../session/paths';
import { useSession } from '../../session/useSession';
import { AdminOverview } from './components/AdminOverview';
import { MemberHome } from './components/MemberHome';
import { TwoFactorNudge } from './components/TwoFactorNudge';

/**
 * The console's home (docs/design.md, The overview): who is signed in; a nudge where 2FA is
 * optional and off; then the account's dashboard for owners and administrators, or the profile's
 * apps and its own 2FA for everyone else.
 */
export function HomePage() {
  const { data } = useSession();
  // the email is not part of the session (a session before its second factor may not read it)
  const email = useQuery(ViewerDocument).data?.viewer?.email;
  const capabilities = useCapabilities();
  // refreshed on every visit: coming back from the setup, the nudge is gone
  const twoFactor = useQuery(OwnTwoFactorDocument, { fetchPolicy: 'cache-and-network' }).data
    ?.viewer;
  const user = data?.session?.user;
  if (!user) return <PageLoader />;

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Title order={1}>Welcome, {user.displayName}</Title>
        <Paper withBorder p="lg">
          <Group justify="space-between" align="center">
            <Stack gap={4}>
              <Text>
                Signed in as {user.displayName}
                {email ? ` (${email})` : ''} — {user.account.name}
              </Text>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Role:
                </Text>
                <Badge variant="light">{userTypeLabels[user.userType]}</Badge>
              </Group>
            </Stack>
            <Group gap="xs">
              <Button component={Link} to={paths.profile} variant="light">
                Your profile
              </Button>
              <SignOutButton />
            </Group>
          </Group>
        </Paper>
        {twoFactor?.twoFactorStatus === 'OPTIONAL_OFF' && <TwoFactorNudge />}
        {capabilities &&
          (capabilities.manageUsers ? <AdminOverview /> : <MemberHome twoFactor={twoFactor} />)}
      </Stack>
    </Container>
  );
}
