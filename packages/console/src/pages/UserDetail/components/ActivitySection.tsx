import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import type { UserOversightQuery } from '@twofold/shared/graphql';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/labels';
import { paths } from '../../../session/paths';
import { describeEvent } from '../../Audit/describe-event';

type Activity = NonNullable<NonNullable<UserOversightQuery['user']>['securityActivity']>;

/** The newest audit events about the user, in the Audit page's words, and the way to the rest. */
export function ActivitySection({ userId, events }: { userId: string; events: Activity }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-activity-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="user-activity-title">
          Recent security activity
        </Title>
        {events.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing recorded yet.
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {events.map((event) => (
              <li
                key={event.id}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}
              >
                <Text size="sm">{describeEvent(event)}</Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(event.createdAt)}
                  {event.ip ? ` · IP ${event.ip}` : ''}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        <Anchor component={Link} to={`${paths.audit}?user=${encodeURIComponent(userId)}`} size="sm">
          All their events in the audit log
        </Anchor>
      </Stack>
    </Card>
  );
}
