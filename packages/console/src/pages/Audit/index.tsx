import { useQuery } from '@apollo/client/react';
import { Button, Container, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  AuditEventsDocument,
  AuditUserLabelDocument,
  AuditUserOptionsDocument,
} from '@twofold/shared/graphql';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/labels';
import { actionWords, describeEvent } from './describe-event';

const pageSize = 25;
const actionOptions = Object.entries(actionWords).map(([value, { label }]) => ({ value, label }));

/** A searchable list of the account's users; the chosen one narrows the log. */
function UserFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const { data } = useQuery(AuditUserOptionsDocument, { variables: { search: debounced || null } });
  // a link or a reload names the user of the URL, even when the first results do not hold them
  const named = useQuery(AuditUserLabelDocument, {
    variables: { id: value ?? '' },
    skip: !value,
  }).data?.user;
  const options = (data?.users.nodes ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.email})`,
  }));
  if (value && named && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: `${named.displayName} (${named.email})` });
  }
  return (
    <Select
      label="User"
      placeholder="Anyone"
      data={options}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage="No user by that name or email"
      onChange={(id) => onChange(id)}
      w={320}
    />
  );
}

/** The account's audit log, newest first, by action and by user; filters and page in the URL. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const action = params.get('action');
  const userId = params.get('user');
  const after = params.get('after');
  const events = useQuery(AuditEventsDocument, {
    variables: {
      first: pageSize,
      after,
      filter: { action: action || null, userId: userId || null },
    },
    fetchPolicy: 'cache-and-network',
  });

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('after');
    setParams(next);
  };

  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Audit log</Title>
          <Text c="dimmed">
            Every change to users, apps, two-factor settings and rules, and every sign-in, newest
            first.
          </Text>
        </Stack>
        <Group align="flex-end" gap="md">
          <Select
            label="Action"
            placeholder="Any action"
            data={actionOptions}
            value={action}
            onChange={(value) => setFilter('action', value)}
            searchable
            clearable
            w={280}
          />
          <UserFilter value={userId} onChange={(id) => setFilter('user', id)} />
        </Group>
        <QueryState
          query={events}
          errorTitle="The audit log could not be loaded"
          loadingLabel="Loading the audit log"
          select={(data) => data.auditEvents}
        >
          {(page) => (
            <>
              <Paper withBorder>
                <Table striped verticalSpacing="sm" aria-label="Audit events">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" w={210}>
                        When
                      </Table.Th>
                      <Table.Th scope="col">What happened</Table.Th>
                      <Table.Th scope="col" w={150}>
                        From IP address
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {page.nodes.map((event) => (
                      <Table.Tr key={event.id}>
                        <Table.Td>{formatDateTime(event.createdAt)}</Table.Td>
                        <Table.Td>{describeEvent(event)}</Table.Td>
                        <Table.Td>{event.ip ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                    {page.nodes.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={3}>No event matches these filters.</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              </Paper>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {page.totalCount} {page.totalCount === 1 ? 'event' : 'events'}
                </Text>
                <Group gap="xs">
                  <Button
                    variant="default"
                    disabled={!after}
                    onClick={() => setFilter('after', null)}
                  >
                    Newest
                  </Button>
                  <Button
                    variant="default"
                    disabled={!page.pageInfo.hasNextPage || events.loading}
                    onClick={() => {
                      const next = new URLSearchParams(params);
                      if (page.pageInfo.endCursor) next.set('after', page.pageInfo.endCursor);
                      setParams(next);
                    }}
                  >
                    Older
                  </Button>
                </Group>
              </Group>
            </>
          )}
        </QueryState>
      </Stack>
    </Container>
  );
}
