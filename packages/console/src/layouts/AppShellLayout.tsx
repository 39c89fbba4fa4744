import { AppShell, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { GraceBanner } from '../components/GraceBanner';
import { PageLoader } from '../components/PageLoader';
import { userTypeLabels } from '../lib/labels';
import { useCapabilities } from '../lib/permissions';
import { paths } from '../session/paths';
import { useSession } from '../session/useSession';
import { useSignOut } from '../session/useSignOut';
import { visibleNavItems } from './nav';

function isCurrent(pathname: string, to: string): boolean {
  return to === paths.home ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
}

/** The navigation of an ACTIVE session: only the pages its role may use (DESIGN §4). */
function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const capabilities = useCapabilities();
  const { pathname } = useLocation();
  if (!capabilities) return null;
  return (
    <nav aria-label="Main">
      <Stack gap={2}>
        {visibleNavItems(capabilities).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={isCurrent(pathname, item.to)}
            aria-current={isCurrent(pathname, item.to) ? 'page' : undefined}
            onClick={onNavigate}
          />
        ))}
      </Stack>
    </nav>
  );
}

/** The signed-in profile's name and role, with its profile page and sign-out. */
function ProfileMenu() {
  const user = useSession().data?.session?.user;
  const { signOut, loading } = useSignOut();
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton>
          <Stack gap={0} align="flex-end">
            <Text size="sm" fw={600}>
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {userTypeLabels[user.userType]} · {user.account.name}
            </Text>
          </Stack>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={paths.profile}>
          Your profile
        </Menu.Item>
        <Menu.Item disabled={loading} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

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
          {active && <ProfileMenu />}
        </Group>
      </AppShell.Header>
      {active && (
        <AppShell.Navbar p="sm">
          <Navigation onNavigate={close} />
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
