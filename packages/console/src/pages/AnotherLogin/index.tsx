import { Alert, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { SessionQuery } from '@twofold/shared/graphql';
import { Link, useNavigate } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { paths, stagePaths } from '../../session/paths';
import { useSession } from '../../session/useSession';
import { useSignOut } from '../../session/useSignOut';

/**
 * `/sign-in/another-login`: an identity provider answered for another person than the one signed
 * in here. The server kept the session; this page asks before anything changes.
 */
export function AnotherLoginPage() {
  const sessionQuery = useSession();
  return (
    <QueryState query={sessionQuery} errorTitle="Could not check whether you are signed in">
      {({ session }) => <StillSignedIn session={session} />}
    </QueryState>
  );
}

function StillSignedIn({ session }: { session: SessionQuery['session'] }) {
  const { signOut, loading } = useSignOut();
  const navigate = useNavigate();
  const who = session?.user
    ? `${session.user.displayName} (${session.user.account.name})`
    : session?.profiles[0]?.displayName;

  return (
    <Container size={480} py="xl">
      <Stack gap="md">
        <Title order={1}>You are still signed in</Title>
        {session ? (
          <Paper withBorder p="lg">
            <Stack gap="md">
              <Text>
                You are signed in as <strong>{who}</strong>. Your identity provider answered for
                another person, so Twofold kept your session and signed nobody else in.
              </Text>
              <Text size="sm" c="dimmed">
                If you did not just choose to sign in with your identity provider, another site may
                have tried to sign this browser in: stay signed in.
              </Text>
              <Text>To continue as the other person, sign out first, then sign in again.</Text>
              <Group>
                <Button component={Link} to={stagePaths[session.stage]}>
                  Stay signed in as {session.user?.displayName ?? who}
                </Button>
                <Button
                  variant="default"
                  loading={loading}
                  onClick={() =>
                    void signOut().then((done) => {
                      if (done) void navigate(paths.signIn, { replace: true });
                    })
                  }
                >
                  Sign out
                </Button>
              </Group>
            </Stack>
          </Paper>
        ) : (
          <Alert color="blue" title="Your session has ended">
            <Text size="sm">
              Nobody is signed in here any more. <Link to={paths.signIn}>Sign in again</Link>.
            </Text>
          </Alert>
        )}
      </Stack>
    </Container>
  );
}
