import { Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { userTypeLabels } from '../lib/labels';
import { useCapabilities } from '../lib/permissions';
import { paths } from '../session/paths';
import { useSession } from '../session/useSession';
import { useSignOut } from '../session/useSignOut';
import { visibleNavItems } from './nav';

// Only ACTIVE sessions see these: their own chunk keeps menus and popovers off the sign-in page.

function isCurrent(pathname: string, to: string): boolean {
  return to === paths.home ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
}

/** The navigation of an ACTIVE session: only the pages its role may use (docs/design.md, Permissions). */
export function Navigation({ onNavigate }: { onNavigate: () => void }) {
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
export function ProfileMenu() {
  const session = useSession().data?.session;
  const user = session?.user;
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
            {session.identityProviderName && (
              <Text size="xs" c="dimmed">
                Signed in with {session.identityProviderName}
              </Text>
            )}
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
