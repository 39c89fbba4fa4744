import { useQuery } from '@apollo/client/react';
import { Button, Container, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  AuditEventsDocument,
  AuditUserLabelDocument,
  AuditUserOptionsDocument,
} from '@twofold/shared/graphql';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { AuditEvents } from './components/AuditEvents';
import { actionWords } from './describe-event';
import {
  exportHref,
  rangeIsBackwards,
  readView,
  toFilter,
  withFilter,
  auditParams,
} from './filters';
import { totalText } from '../../lib/total-count';

const pageSize = 25;
const actionOptions = Object.entries(actionWords).map(([value, { label }]) => ({ value, label }));
/** Filters take the row's width on a phone, their own beside each other on a wide screen. */
const filterWidth = (px: number) => ({ base: '100%', sm: px });

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
      w={filterWidth(300)}
    />
  );
}

/**
 * The account's audit log, newest first, by action, user and date range, one line per event
 * that opens on what changed; filters and page in the URL, and a CSV download of what the
 * filters leave (the whole log, not only this page).
 */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const backwards = rangeIsBackwards(view);
  const events = useQuery(AuditEventsDocument, {
    variables: { first: pageSize, after: view.after, filter: toFilter(view) },
    fetchPolicy: 'cache-and-network',
    // the page says what is wrong with the range instead of asking for a refusal
    skip: backwards,
  });

  const setFilter = (name: Parameters<typeof withFilter>[1], value: string | null) =>
    setParams(withFilter(params, name, value));

  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 20rem' }}>
            <Title order={1}>Audit log</Title>
            <Text c="dimmed">
              Every change to users, apps, two-factor settings and rules, and every sign-in, newest
              first. Open an event to see what changed.
            </Text>
          </Stack>
          {backwards ? (
            <Button variant="default" disabled>
              Export CSV
            </Button>
          ) : (
            <Button
              component="a"
              href={exportHref(view)}
              download
              variant="default"
              title="Download every event these filters leave, as a CSV file"
            >
              Export CSV
            </Button>
          )}
        </Group>
        <Group align="flex-end" gap="md">
          <Select
            label="Action"
            placeholder="Any action"
            data={actionOptions}
            value={view.action}
            onChange={(value) => setFilter('action', value)}
            searchable
            clearable
            w={filterWidth(260)}
          />
          <UserFilter value={view.userId} onChange={(id) => setFilter('user', id)} />
          <TextInput
            type="date"
            label="From"
            value={view.from ?? ''}
            max={view.to ?? undefined}
            onChange={(event) => setFilter('from', event.currentTarget.value || null)}
            w={filterWidth(170)}
          />
          <TextInput
            type="date"
            label="To"
            value={view.to ?? ''}
            min={view.from ?? undefined}
            onChange={(event) => setFilter('to', event.currentTarget.value || null)}
            error={backwards ? 'The range ends before it starts' : undefined}
            w={filterWidth(170)}
          />
        </Group>
        {backwards ? (
          <Text c="dimmed">Choose a start that comes before the end to see events.</Text>
        ) : (
          <QueryState
            query={events}
            errorTitle="The audit log could not be loaded"
            loadingLabel="Loading the audit log"
            select={(data) => data.auditEvents}
          >
            {(page) => (
              <>
                <AuditEvents events={page.nodes} />
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {totalText(page, 'event', 'events')}
                  </Text>
                  <Group gap="xs">
                    <Button
                      variant="default"
                      disabled={!view.after}
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        next.delete(auditParams.after);
                        setParams(next);
                      }}
                    >
                      Newest
                    </Button>
                    <Button
                      variant="default"
                      disabled={!page.pageInfo.hasNextPage || events.loading}
                      onClick={() => {
                        const next = new URLSearchParams(params);
                        if (page.pageInfo.endCursor) {
                          next.set(auditParams.after, page.pageInfo.endCursor);
                        }
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
        )}
      </Stack>
    </Container>
  );
}
