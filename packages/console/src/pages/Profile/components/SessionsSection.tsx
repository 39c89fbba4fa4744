import { Badge, Button, Table, Text, Title } from '@mantine/core';
import type { ProfileSecurityQuery } from '@twofold/shared/graphql';
import { formatDateTime } from '../../../lib/labels';
import { useRevokeSession } from '../useProfile';

/** Where the login is signed in, and a way to end each session. */
export function SessionsSection({ sessions }: { sessions: ProfileSecurityQuery['mySessions'] }) {
  const revoke = useRevokeSession();
  return (
    <>
      <Title order={2}>Active sessions</Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {session.transport === 'BEARER' ? 'API client' : (session.userAgent ?? 'Browser')}
                </Text>
              </Table.Td>
              <Table.Td>{session.ip ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
              <Table.Td>
                {session.current ? (
                  // never cut to "THIS SESS…": the badge keeps its width and its case
                  <Badge
                    variant="light"
                    tt="none"
                    styles={{
                      root: { maxWidth: 'none', flexShrink: 0 },
                      label: { overflow: 'visible' },
                    }}
                  >
                    This session
                  </Badge>
                ) : (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={revoke.loading}
                    onClick={() => void revoke.call(session.id)}
                  >
                    Sign out this session
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
