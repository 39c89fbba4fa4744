import { useQuery } from '@apollo/client/react';
import { Alert, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { AppListDocument } from '@twofold/shared/graphql';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { describeError } from '../../lib/describe-error';
import { useCapabilities } from '../../lib/permissions';
import { AppsTable } from './components/AppsTable';
import { CreateAppDialog } from './components/CreateAppDialog';

/** The apps the profile sees: every app of the account for administrators, else the assigned ones. */
export function AppsPage() {
  const capabilities = useCapabilities();
  const { data, error } = useQuery(AppListDocument, { fetchPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);

  if (error && !data) {
    return (
      <Container size="lg" py="xl">
        <Stack gap="md">
          <Title order={1}>Apps</Title>
          <Alert color="red" title="Could not load the apps">
            {describeError(error)}
          </Alert>
        </Stack>
      </Container>
    );
  }
  if (!data || !capabilities) return <PageLoader />;
  // administrators see every app of the account; everyone else only what is assigned to them
  const seesAll = capabilities.manageApps;

  return (
    <Container size="lg" py="xl">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Stack gap={4}>
            <Title order={1}>Apps</Title>
            <Text c="dimmed">
              {seesAll ? 'Every app of the account.' : 'The apps assigned to you.'}
            </Text>
          </Stack>
          {capabilities.manageApps && <Button onClick={() => setCreating(true)}>Create app</Button>}
        </Group>
        <Paper withBorder p={data.apps.length > 0 ? 0 : 'lg'}>
          {data.apps.length > 0 ? (
            <AppsTable apps={data.apps} />
          ) : seesAll ? (
            <Text>No apps yet. Create the first one with “Create app”.</Text>
          ) : (
            <Text>No apps assigned to you yet. An administrator of your account assigns them.</Text>
          )}
        </Paper>
      </Stack>
      {capabilities.manageApps && (
        <CreateAppDialog opened={creating} onClose={() => setCreating(false)} />
      )}
    </Container>
  );
}
