import { Container, Stack, Text, Title } from '@mantine/core';
import { ApiStatus } from './components/ApiStatus';

export function SignInPage() {
  return (
    <Container size="xs" py="xl">
      <Stack gap="md">
        <Title order={1}>Sign in to Twofold</Title>
        <Text>
          Two-factor authentication administration for your organization. The sign-in form is not
          built yet; this page only checks that the console can talk to the API.
        </Text>
        <ApiStatus />
      </Stack>
    </Container>
  );
}
