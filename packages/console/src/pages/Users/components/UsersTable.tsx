import { ActionIcon, Anchor, Badge, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { UserRowFragment } from '@twofold/shared/graphql';
import { Link } from 'react-router';
import {
  formatDateTime,
  twoFactorMethodLabels,
  userStatusLabels,
  userTypeLabels,
} from '../../../lib/labels';
import { paths, userPath } from '../../../session/paths';
import { hasSomethingToReset, refusalFor, seesAllApps, type Viewer } from '../rules';
import { invitationActionsFor, InvitationStatus } from './InvitationActions';
import { MoreIcon, PhoneIcon } from './PhoneIcon';
import { TwoFactorStatusBadge, UserStatusBadge } from './StatusBadges';

export type UserAction =
  | 'edit'
  | 'suspend'
  | 'reactivate'
  | 'remove'
  | 'reset'
  | 'resend'
  | 'sendInvitation'
  | 'revokeInvitation';

export function Methods({ user }: { user: UserRowFragment }) {
  if (user.twoFactorMethods.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  // the PIN's label says it is additional verification: something the user knows, not has
  return (
    <Stack gap={2}>
      {user.twoFactorMethods.map((method) => (
        <Text key={method} size="sm">
          {twoFactorMethodLabels[method]}
        </Text>
      ))}
    </Stack>
  );
}

/** The apps a user works on: administrators see every app, whatever was assigned. */
export function AppsOfUser({ user }: { user: UserRowFragment }) {
  if (seesAllApps(user)) return <Text size="sm">All apps</Text>;
  if (user.apps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return <Text size="sm">{user.apps.map((app) => app.name).join(', ')}</Text>;
}

export function RowActions(props: {
  user: UserRowFragment;
  viewer: Viewer;
  nameId: string;
  onAction: (action: UserAction, user: UserRowFragment) => void;
}) {
  const { user, viewer, nameId, onAction } = props;
  const refusal = refusalFor(viewer, user);
  if (refusal === 'SELF') {
    return (
      <Text size="sm">
        You —{' '}
        <Anchor component={Link} to={paths.profile} size="sm">
          your profile
        </Anchor>
      </Text>
    );
  }
  if (refusal === 'OWNER') {
    return (
      <Text size="sm" c="dimmed">
        Only an owner changes an owner
      </Text>
    );
  }
  const resettable = hasSomethingToReset(user);
  const invitation = invitationActionsFor(user);
  return (
    <Group gap={4} wrap="nowrap">
      {/* off stays focusable (aria-disabled), so its tooltip says why to a keyboard too */}
      <Tooltip
        label={resettable ? 'Reset authenticator' : 'No second factor to reset'}
        withArrow
        openDelay={300}
        events={{ hover: true, focus: true, touch: false }}
      >
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label="Reset authenticator"
          aria-describedby={nameId}
          aria-disabled={!resettable}
          data-disabled={!resettable || undefined}
          onClick={() => {
            if (resettable) onAction('reset', user);
          }}
        >
          <PhoneIcon />
        </ActionIcon>
      </Tooltip>
      {/* no focus placeholder: a focusable element without a role is not allowed in a menu
          (axe: aria-required-children); opened by keyboard, the first item takes the focus */}
      <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label="More actions"
            aria-describedby={nameId}
          >
            <MoreIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onAction('edit', user)}>Edit</Menu.Item>
          {invitation.send !== null && (
            <Menu.Item onClick={() => onAction('sendInvitation', user)}>
              {invitation.send}
            </Menu.Item>
          )}
          {invitation.revoke && (
            <Menu.Item onClick={() => onAction('revokeInvitation', user)}>
              Revoke invitation
            </Menu.Item>
          )}
          {user.status === 'ACTIVE' && (
            <Menu.Item onClick={() => onAction('resend', user)}>Re-send enrollment link</Menu.Item>
          )}
          {user.status === 'ACTIVE' && (
            <Menu.Item onClick={() => onAction('suspend', user)}>Suspend</Menu.Item>
          )}
          {user.status === 'SUSPENDED' && (
            <Menu.Item onClick={() => onAction('reactivate', user)}>Reactivate</Menu.Item>
          )}
          {/* a menu holds items and separators only (axe: aria-required-children) */}
          <Menu.Divider role="separator" />
          {/* red.9: Mantine's red-6 text is below 4.5:1 on the white menu */}
          <Menu.Item color="red.9" onClick={() => onAction('remove', user)}>
            Remove
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

/** One page of users; the actions a row offers are those the viewer may take on that user. */
export function UsersTable(props: {
  users: UserRowFragment[];
  viewer: Viewer;
  caption: string;
  onAction: (action: UserAction, user: UserRowFragment) => void;
}) {
  const { users, viewer, caption, onAction } = props;
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" highlightOnHover captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col">User type</Table.Th>
            <Table.Th scope="col">Apps</Table.Th>
            <Table.Th scope="col">2FA status</Table.Th>
            <Table.Th scope="col">Methods</Table.Th>
            <Table.Th scope="col">Last sign-in</Table.Th>
            <Table.Th scope="col">Account</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const nameId = `user-${user.id}-name`;
            return (
              <Table.Tr key={user.id}>
                <Table.Th scope="row" fw="normal">
                  <Anchor
                    component={Link}
                    to={userPath(user.id)}
                    id={nameId}
                    size="sm"
                    fw={600}
                    display="block"
                  >
                    {user.displayName}
                  </Anchor>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {user.email}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text size="sm">{userTypeLabels[user.userType]}</Text>
                    {user.isOwner && (
                      <Badge variant="filled" color="indigo" size="sm">
                        Owner
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <AppsOfUser user={user} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <TwoFactorStatusBadge status={user.twoFactorStatus} />
                    {user.requireTwoFactor && (
                      <Text size="xs" c="dimmed">
                        Required for this user
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Methods user={user} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {user.status === 'ACTIVE' ? (
                    <Text size="sm">{userStatusLabels.ACTIVE}</Text>
                  ) : (
                    <Stack gap={4} align="flex-start">
                      <UserStatusBadge status={user.status} />
                      <InvitationStatus user={user} />
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <RowActions user={user} viewer={viewer} nameId={nameId} onAction={onAction} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
