import { AppShell, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { GraceBanner } from '../components/GraceBanner';
import { PageLoader } from '../components/PageLoader';

export function AppShellLayout() {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Text component="span" fw={700} size="lg">
            Twofold
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <GraceBanner />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
