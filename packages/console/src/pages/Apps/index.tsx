import { useQuery } from '@apollo/client/react';
import { Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type AppListQuery, AppListDocument } from '@twofold/shared/graphql';
import { useState } from 'react';
import { PageLoader } from '../../components/PageLoader';
import { QueryState } from '../../components/QueryState';
import { type Capabilities, useCapabilities } from '../../lib/permissions';
import { AppsTable } from './components/AppsTable';
import { CreateAppDialog } from './components/CreateAppDialog';

/** The apps the profile sees: every app of the account for administrators, else the assigned ones. */
export function AppsPage() {
  const capabilities = useCapabilities();
  const apps = useQuery(AppListDocument, { fetchPolicy: 'cache-and-network' });
  if (!capabilities) return <PageLoader />;
  return (
    <QueryState query={apps} errorTitle="Could not load the apps">
      {(data) => <Apps data={data} capabilities={capabilities} />}
    </QueryState>
  );
}

function Apps({ data, capabilities }: { data: AppListQuery; capabilities: Capabilities }) {
  const [creating, setCreating] = useState(false);
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
