import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { UserRowFragment } from '@twofold/shared/graphql';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';
import { formatDateTime, userStatusLabels, userTypeLabels } from '../../../lib/labels';
import { userPath } from '../../../session/paths';
import { refusalFor, type Viewer } from '../rules';
import { InvitationStatus } from './InvitationActions';
import { TwoFactorStatusBadge, UserStatusBadge } from './StatusBadges';
import { AppsOfUser, Methods, RowActions, type UserAction } from './UsersTable';

/** One fact of a card: a term and what it says, as a row of the card's description list. */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {term}
      </Text>
      <Box component="dd" m={0} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Group>
  );
}

/**
 * The users table on a phone: one card per user, in a list named like the table's caption, with
 * the name as the card's heading and the row's actions beside it. Same facts, same actions, and
 * the same names for the actions (each described by the user's name).
 */
export function UserCards(props: {
  users: UserRowFragment[];
  viewer: Viewer;
  caption: string;
  onAction: (action: UserAction, user: UserRowFragment) => void;
}) {
  const { users, viewer, caption, onAction } = props;
  const captionId = useId();
  return (
    <Stack gap="xs">
      <Text id={captionId} size="sm" c="dimmed">
        {caption}
      </Text>
      <Stack
        component="ul"
        aria-labelledby={captionId}
        gap="sm"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {users.map((user) => {
          const nameId = `user-${user.id}-name`;
          // a sentence instead of buttons goes under the facts, where it has the width
          const refused = refusalFor(viewer, user) !== null;
          const actions = (
            <RowActions user={user} viewer={viewer} nameId={nameId} onAction={onAction} />
          );
          return (
            <Paper component="li" key={user.id} withBorder p="sm">
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Box style={{ minWidth: 0 }}>
                    <Title order={2} size="h4" id={nameId} style={{ overflowWrap: 'anywhere' }}>
                      {/* as in the table, the name opens the user's page */}
                      <Anchor component={Link} to={userPath(user.id)} inherit>
                        {user.displayName}
                      </Anchor>
                    </Title>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {user.email}
                    </Text>
                  </Box>
                  {!refused && actions}
                </Group>
                <Group gap="xs">
                  <Text size="sm">{userTypeLabels[user.userType]}</Text>
                  {user.isOwner && (
                    <Badge variant="filled" color="indigo" size="sm">
                      Owner
                    </Badge>
                  )}
                  <TwoFactorStatusBadge status={user.twoFactorStatus} />
                </Group>
                {user.requireTwoFactor && (
                  <Text size="xs" c="dimmed">
                    2FA required for this user
                  </Text>
                )}
                <Stack component="dl" gap={4} m={0}>
                  <Fact term="Apps">
                    <AppsOfUser user={user} />
                  </Fact>
                  <Fact term="Methods">
                    <Methods user={user} />
                  </Fact>
                  <Fact term="Account">
                    {user.status === 'ACTIVE' ? (
                      <Text size="sm">{userStatusLabels.ACTIVE}</Text>
                    ) : (
                      <Stack gap={4} align="flex-start">
                        <UserStatusBadge status={user.status} />
                        <InvitationStatus user={user} />
                      </Stack>
                    )}
                  </Fact>
                  <Fact term="Last sign-in">
                    <Text size="sm">
                      {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}
                    </Text>
                  </Fact>
                </Stack>
                {refused && actions}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
