import { Alert, Container, Group, Stack, Text, Title } from '@mantine/core';
import { SignOutButton } from '../../components/SignOutButton';

/** SECOND_FACTOR: the password was right; the profile's second factor is still to be checked. */
export function TwoFactorVerifyRequiredPage() {
  return (
    <Container size="sm" py="xl">
      <Stack gap="md">
        <Title order={1}>Verification is required</Title>
        <Text>Your account protects this profile with a second factor.</Text>
        <Alert color="blue" title="Coming soon">
          Entering a verification code in the console is not available yet.
        </Alert>
        <Group justify="flex-end">
          <SignOutButton />
        </Group>
      </Stack>
    </Container>
  );
}
