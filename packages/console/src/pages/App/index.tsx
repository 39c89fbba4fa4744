import '@mantine/charts/styles.css';
import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { ErrorCode } from '@twofold/shared';
import { AppBasicsDocument } from '@twofold/shared/graphql';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { toApiError } from '../../lib/api-error';
import { platformLabels } from '../../lib/labels';
import { useCapabilities } from '../../lib/permissions';
import { paths } from '../../session/paths';
import { RemoveAppDialog } from './components/RemoveAppDialog';
import { ReportsCard } from './components/ReportsCard';
import { SettingsCard } from './components/SettingsCard';

/** What cannot be undone, apart at the bottom of the page where nobody clicks it on the way. */
function DangerZone({ onRemove }: { onRemove: () => void }) {
  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="app-danger-zone"
      style={{ borderColor: 'var(--mantine-color-red-6)' }}
    >
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="app-danger-zone" c="red.8">
          Danger zone
        </Title>
        <Text size="sm">
          Removing the app deletes its settings and unassigns it from every user. This cannot be
          undone.
        </Text>
        <Button color="red" variant="light" onClick={onRemove}>
          Remove app
        </Button>
      </Stack>
    </Paper>
  );
}

function BackToApps() {
  return (
    <Anchor component={Link} to={paths.apps} size="sm">
      ← All apps
    </Anchor>
  );
}

/**
 * One app: its name and platform for every role that sees it, the settings and preview QR code
 * for roles that may read settings, the reports for roles with reports. Each part is its own
 * query, so no role asks for a field the server would refuse it.
 */
export function AppPage() {
  const { id = '' } = useParams();
  const capabilities = useCapabilities();
  const { data, error } = useQuery(AppBasicsDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [removing, setRemoving] = useState(false);
  const app = data?.app;

  if ((error && !app) || data?.app === null) {
    const apiError = error ? toApiError(error) : undefined;
    const missing = !apiError || apiError.code === ErrorCode.NOT_FOUND;
    return (
      <Container size="lg" py="xl">
        <Stack gap="md" align="flex-start">
          <BackToApps />
          <Title order={1}>{missing ? 'App not found' : 'Could not load the app'}</Title>
          <Alert color={missing ? 'gray' : 'red'} w="100%">
            {missing ? 'This app does not exist or is not assigned to you.' : apiError.message}
          </Alert>
        </Stack>
      </Container>
    );
  }
  if (!app || !capabilities) return <PageLoader />;

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Stack gap="xs" align="flex-start">
          <BackToApps />
          <Group gap="sm" align="center">
            <Title order={1}>{app.name}</Title>
            <Badge variant="light" size="lg" tt="none">
              <VisuallyHidden>Platform: </VisuallyHidden>
              {platformLabels[app.platform]}
            </Badge>
          </Group>
        </Stack>
        {capabilities.readAppSettings && (
          <SettingsCard app={app} canEdit={capabilities.editAppSettings} />
        )}
        {capabilities.readReports && <ReportsCard appId={app.id} />}
        {capabilities.manageApps && <DangerZone onRemove={() => setRemoving(true)} />}
      </Stack>
      {capabilities.manageApps && (
        <RemoveAppDialog app={app} opened={removing} onClose={() => setRemoving(false)} />
      )}
    </Container>
  );
}
