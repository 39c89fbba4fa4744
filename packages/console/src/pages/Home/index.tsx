import { useQuery } from '@apollo/client/react';
import { Badge, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../session/paths';
import { ViewerDocument } from '@twofold/shared/graphql';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { userTypeLabels } from '../../lib/labels';
import { useSession } from '../../session/useSession';

export function HomePage() {
  const { data } = useSession();
  // the email is not part of the session (a session before its second factor may not read it)
  const email = useQuery(ViewerDocument).data?.viewer?.email;
  const user = data?.session?.user;
  if (!user) return <PageLoader />;

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
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
      </Stack>
    </Container>
  );
}
