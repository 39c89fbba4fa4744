import { Badge, Button, Table, Text, Title } from '@mantine/core';
import type { ProfileSecurityQuery } from '@twofold/shared/graphql';
import { ShortLabel } from '../../../components/ShortLabel';
import { formatDateTime } from '../../../lib/labels';
import { useRevokeSession } from '../useProfile';

/** Where the login is signed in, and a way to end each session. */
export function SessionsSection({ sessions }: { sessions: ProfileSecurityQuery['mySessions'] }) {
  const revoke = useRevokeSession();
  return (
    <>
      <Title order={2}>Active sessions</Title>
      {/* on a phone the address goes under the client, so the row and its badge fit */}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th visibleFrom="sm">IP address</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr key={session.id}>
              {/* the client takes what the other columns leave: its long name is cut, not the row */}
              <Table.Td style={{ width: '100%', maxWidth: 0 }}>
                <Text size="sm" lineClamp={2}>
                  {session.transport === 'BEARER' ? 'API client' : session.browser}
                </Text>
                <Text size="xs" c="dimmed" hiddenFrom="sm">
                  {session.ip ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm">{session.ip ?? '—'}</Table.Td>
              {/* one line where there is room ("December 7, 2026 at 6:38 PM"), wrapped on phones */}
              <Table.Td miw={{ sm: 200 }}>{formatDateTime(session.lastSeenAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
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
                    <ShortLabel full="Sign out this session" short="Sign out" />
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
