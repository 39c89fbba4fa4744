import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UserDetailQuery } from '@twofold/shared/graphql';
import type { ReactNode } from 'react';
import { formatDateTime, userTypeLabels } from '../../../lib/labels';
import { UserStatusBadge } from '../../Users/components/StatusBadges';

export type DetailUser = NonNullable<UserDetailQuery['user']>;

/** A label over its value; on a phone the pairs stack, at 1366 px they sit two by two. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** Who the user is: email, type, status, ownership, when they joined and last signed in, apps. */
export function ProfileSection({ user }: { user: DetailUser }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-profile-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="user-profile-title">
          Profile
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <Fact label="Email">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {user.email}
            </Text>
          </Fact>
          <Fact label="User type">
            <Group gap="xs">
              <Text size="sm">{userTypeLabels[user.userType]}</Text>
              {user.isOwner && (
                <Badge variant="filled" color="indigo" size="sm">
                  Owner
                </Badge>
              )}
            </Group>
          </Fact>
          <Fact label="Account">
            <UserStatusBadge status={user.status} />
          </Fact>
          <Fact label="Last sign-in">
            <Text size="sm">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}</Text>
          </Fact>
          <Fact label="Added">
            <Text size="sm">{formatDateTime(user.createdAt)}</Text>
          </Fact>
          <Fact label="Apps">
            {user.apps.length > 0 ? (
              <Text size="sm">{user.apps.map((app) => app.name).join(', ')}</Text>
            ) : (
              <Text size="sm" c="dimmed">
                None
              </Text>
            )}
          </Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
