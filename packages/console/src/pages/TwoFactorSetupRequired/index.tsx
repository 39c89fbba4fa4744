import { Alert, Container, Group, List, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../components/PageLoader';
import { SignOutButton } from '../../components/SignOutButton';
import { formatDateTime, twoFactorMethodLabels } from '../../lib/labels';
import { useSession } from '../../session/useSession';

/** ENROLLMENT: the account requires two-factor authentication and this profile has none yet. */
export function TwoFactorSetupRequiredPage() {
  const { data } = useSession();
  const session = data?.session;
  if (!session) return <PageLoader />;
  const enrollment = session.enrollment;

  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>Two-factor setup is required</Title>
        <Text>
          {session.user ? `${session.user.account.name} requires` : 'Your account requires'}{' '}
          two-factor authentication before you can use the console.
        </Text>
        {enrollment && (
          <Stack gap="xs">
            <Text fw={600}>You can set up:</Text>
            <List>
              {enrollment.allowedMethods.map((method) => (
                <List.Item key={method}>{twoFactorMethodLabels[method]}</List.Item>
              ))}
            </List>
            <Text size="sm">
              {enrollment.deadline
                ? `Deadline: ${formatDateTime(enrollment.deadline)} (passed).`
                : 'Deadline: required now.'}
            </Text>
          </Stack>
        )}
        <Alert color="blue" title="Coming soon">
          Setting up a second factor from the console is not available yet. Please ask an
          administrator of your account for help.
        </Alert>
        <Group justify="flex-end">
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
