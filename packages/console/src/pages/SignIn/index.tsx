import { Container, Paper, Stack, Text, Title } from '@mantine/core';
import { ApiStatus } from './components/ApiStatus';
import { SignInForm } from './components/SignInForm';

export function SignInPage() {
  return (
    <Container size={420} py="xl">
      <Stack gap="md">
        <div>
          <Title order={1}>Sign in to Twofold</Title>
          <Text c="dimmed" size="sm">
            Two-factor authentication administration for your organization.
          </Text>
        </div>
        <Paper withBorder p="lg">
          <SignInForm />
        </Paper>
        <ApiStatus />
      </Stack>
    </Container>
  );
}
