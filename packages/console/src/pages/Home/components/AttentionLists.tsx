import { Anchor, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { OverviewQuery } from '@twofold/shared/graphql';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, userTypeLabels } from '../../../lib/labels';
import { useNow } from '../../../lib/use-now';
import { usersUrl } from '../../Users/filters';
import { invitationText } from '../../Users/invitation';

type Overview = OverviewQuery;

const days = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "in 2 days", "tomorrow", "in 5 hours": how long is left before `iso`. */
export function timeLeft(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const hours = ms / 3_600_000;
  if (Math.abs(hours) < 24) return days.format(Math.round(hours), 'hour');
  return days.format(Math.round(hours / 24), 'day');
}

/** A card of one kind of user who needs attention: how many, the first few, and "see all". */
function AttentionCard(props: {
  id: string;
  title: string;
  count: number;
  empty: string;
  seeAll: string;
  to: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={props.id}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="baseline" wrap="nowrap">
          <Title order={3} size="h4" id={props.id}>
            {props.title}
          </Title>
          <Text fz={24} fw={700} lh={1} aria-hidden>
            {props.count}
          </Text>
        </Group>
        {props.count === 0 ? (
          <Text c="dimmed" size="sm">
            {props.empty}
          </Text>
        ) : (
          <>
            {props.children}
            <Anchor component={Link} to={props.to} size="sm" mt="auto">
              {props.seeAll}
            </Anchor>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Who needs an administrator: users in a grace period (soonest deadline first), locked users and
 * pending invitations, each with a link to the users table filtered the same way.
 */
export function AttentionLists({ data }: { data: Overview }) {
  const now = useNow();
  const grace = data.twoFactorCompliance.reduce(
    (sum, row) => sum + (row.byStatus.find((entry) => entry.status === 'GRACE')?.count ?? 0),
    0,
  );
  const inGrace = data.accountOverview.usersInGracePeriod;
  const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <AttentionCard
        id="overview-grace"
        title="In a grace period"
        count={grace}
        empty="Nobody has a two-factor deadline ahead."
        seeAll={`See all ${grace} ${plural(grace, 'user', 'users')} in a grace period`}
        to={usersUrl({ status: 'GRACE' })}
      >
        <List listStyleType="none" spacing="xs" size="sm">
          {inGrace.map((user) => (
            <List.Item key={user.id}>
              <Text size="sm" fw={500}>
                {user.displayName}
              </Text>
              {user.enrollmentDeadline && (
                <Text size="xs" c="dimmed">
                  {userTypeLabels[user.userType]} · sets up by{' '}
                  <time dateTime={user.enrollmentDeadline}>
                    {formatDateTime(user.enrollmentDeadline)}
                  </time>{' '}
                  ({timeLeft(user.enrollmentDeadline, now)})
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </AttentionCard>
      <AttentionCard
        id="overview-locked"
        title="Locked"
        count={data.lockedUsers.totalCount}
        empty="Nobody is locked out of the second factor."
        seeAll={`See all ${data.lockedUsers.totalCount} locked ${plural(data.lockedUsers.totalCount, 'user', 'users')}`}
        to={usersUrl({ status: 'LOCKED' })}
      >
        <List listStyleType="none" spacing="xs" size="sm">
          {data.lockedUsers.nodes.map((user) => (
            <List.Item key={user.id}>
              <Text size="sm" fw={500}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {userTypeLabels[user.userType]}
              </Text>
            </List.Item>
          ))}
        </List>
      </AttentionCard>
      <AttentionCard
        id="overview-invitations"
        title="Pending invitations"
        count={data.invitedUsers.totalCount}
        empty="Every invitation has been accepted."
        seeAll={`See all ${data.invitedUsers.totalCount} pending ${plural(data.invitedUsers.totalCount, 'invitation', 'invitations')}`}
        to={usersUrl({ userStatus: 'INVITED' })}
      >
        <List listStyleType="none" spacing="xs" size="sm">
          {data.invitedUsers.nodes.map((user) => (
            <List.Item key={user.id}>
              <Text size="sm" fw={500}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {user.email}
              </Text>
              {/* as the users table words it: expires in 3 days, expired, revoked, not sent */}
              <Text size="xs" c="dimmed">
                {invitationText(user, now)}
              </Text>
            </List.Item>
          ))}
        </List>
      </AttentionCard>
    </SimpleGrid>
  );
}
