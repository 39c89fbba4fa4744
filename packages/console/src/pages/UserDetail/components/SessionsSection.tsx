import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { UserOversightQuery } from '@twofold/shared/graphql';
import { formatDateTime } from '../../../lib/labels';

type Sessions = NonNullable<NonNullable<UserOversightQuery['user']>['sessions']>;

/** Where the user is signed in: the browser in words, when, from where; and a way to end it all. */
export function SessionsSection(props: { sessions: Sessions; onEndAll: (() => void) | null }) {
  const { sessions, onEndAll } = props;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="user-sessions-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} size="h3" id="user-sessions-title">
            Open sessions
          </Title>
          {onEndAll && sessions.length > 0 && (
            <Button variant="light" color="red" onClick={onEndAll}>
              End all sessions
            </Button>
          )}
        </Group>
        {sessions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No open session.
          </Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {sessions.map((session) => (
              <li
                key={session.id}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '8px 0' }}
              >
                <Text size="sm" fw={600}>
                  {session.browser}
                  {session.transport === 'BEARER' ? ' (API token)' : ''}
                </Text>
                <Text size="sm" c="dimmed">
                  Signed in {formatDateTime(session.createdAt)} · last seen{' '}
                  {formatDateTime(session.lastSeenAt)}
                  {session.ip ? ` · IP ${session.ip}` : ''}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
