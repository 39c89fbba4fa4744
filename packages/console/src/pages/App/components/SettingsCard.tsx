import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Code, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { AppSettingsDocument, type AppBasicsQuery } from '@twofold/shared/graphql';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { EditAppDialog } from './EditAppDialog';

type AppBasics = NonNullable<AppBasicsQuery['app']>;

/** Bundle id, preview URL and its QR code; mounted only for roles that may read app settings. */
export function SettingsCard({ app, canEdit }: { app: AppBasics; canEdit: boolean }) {
  const settingsQuery = useQuery(AppSettingsDocument, {
    variables: { id: app.id },
    fetchPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState(false);
  const settings = settingsQuery.data?.app;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="app-settings-heading">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} id="app-settings-heading">
            Settings
          </Title>
          {canEdit && settings && (
            <Button variant="light" onClick={() => setEditing(true)}>
              Edit settings
            </Button>
          )}
        </Group>
        <QueryState
          query={settingsQuery}
          errorTitle="Could not load the settings"
          loadingLabel="Loading settings"
          select={(data) => data.app}
        >
          {(settings) => (
            <Group align="flex-start" gap="xl" wrap="wrap">
              <Stack gap="md" style={{ flex: '1 1 320px', minWidth: 0 }}>
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    Bundle ID
                  </Text>
                  <Code style={{ alignSelf: 'flex-start', wordBreak: 'break-all' }}>
                    {settings.bundleId}
                  </Code>
                </Stack>
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    Preview URL
                  </Text>
                  {settings.previewUrl && (
                    <Anchor
                      href={settings.previewUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      style={{ wordBreak: 'break-all' }}
                    >
                      {settings.previewUrl}
                    </Anchor>
                  )}
                </Stack>
              </Stack>
              {settings.previewQrCode && (
                <Stack gap="xs" align="center" style={{ flex: '0 0 auto' }}>
                  <Image
                    src={settings.previewQrCode}
                    alt={`Preview QR code for ${app.name}`}
                    w={240}
                    h={240}
                    fit="contain"
                    // a QR code must keep its hard edges and a light quiet zone to scan
                    style={{ imageRendering: 'pixelated', background: 'white' }}
                  />
                  <Text size="sm" c="dimmed" ta="center" maw={240}>
                    Scan with your phone’s camera to open the preview build
                  </Text>
                </Stack>
              )}
            </Group>
          )}
        </QueryState>
      </Stack>
      {canEdit && settings && (
        <EditAppDialog
          app={app}
          settings={settings}
          opened={editing}
          onClose={() => setEditing(false)}
        />
      )}
    </Paper>
  );
}
