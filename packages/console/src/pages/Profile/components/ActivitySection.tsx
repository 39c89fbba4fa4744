import { List, Text, Title } from '@mantine/core';
import type { ProfileSecurityQuery } from '@twofold/shared/graphql';
import { formatDateTime } from '../../../lib/labels';

const actions: Record<string, string> = {
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'auth.password_changed': 'Password changed',
};

/** The login's own security activity: what no account's audit log holds. */
export function ActivitySection({ login }: { login: ProfileSecurityQuery['login'] }) {
  const events = login.securityEvents.nodes;
  return (
    <>
      <Title order={2}>Security activity</Title>
      {events.length === 0 ? (
        <Text size="sm">No failed sign-ins or password changes.</Text>
      ) : (
        <List size="sm">
          {events.map((event) => (
            <List.Item key={event.id}>
              {actions[event.action] ?? event.action} — {formatDateTime(event.createdAt)}
              {event.ip && ` from ${event.ip}`}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
