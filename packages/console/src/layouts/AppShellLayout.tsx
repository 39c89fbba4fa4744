import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { GraceBanner } from '../components/GraceBanner';
import { PageLoader } from '../components/PageLoader';
import { lazyPage } from '../lib/lazy-page';
import { useSession } from '../session/useSession';

// signed-in chrome: neither the sign-in page nor the gates need its code or its styles
const Navigation = lazyPage(() => import('./ActiveChrome').then((module) => module.Navigation));
const ProfileMenu = lazyPage(() => import('./ActiveChrome').then((module) => module.ProfileMenu));

export function AppShellLayout() {
  const session = useSession().data?.session;
  const active = session?.stage === 'ACTIVE';
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{
        width: 220,
        breakpoint: 'sm',
        collapsed: { mobile: !active || !opened, desktop: !active },
      }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            {active && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
            )}
            <Text component="span" fw={700} size="lg">
              Twofold
            </Text>
          </Group>
          {active && (
            <Suspense fallback={null}>
              <ProfileMenu />
            </Suspense>
          )}
        </Group>
      </AppShell.Header>
      {active && (
        <AppShell.Navbar p="sm">
          <Suspense fallback={null}>
            <Navigation onNavigate={close} />
          </Suspense>
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <GraceBanner />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
