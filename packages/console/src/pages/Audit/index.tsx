import { useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Button,
  Container,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  AuditEventsDocument,
  AuditUserLabelDocument,
  AuditUserOptionsDocument,
} from '@twofold/shared/graphql';
import { Fragment, useState } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../lib/labels';
import { EventDetails } from './components/EventDetails';
import { actionWords, describeEvent } from './describe-event';
import {
  exportHref,
  rangeIsBackwards,
  readView,
  toFilter,
  withFilter,
  auditParams,
} from './filters';

const pageSize = 25;
const actionOptions = Object.entries(actionWords).map(([value, { label }]) => ({ value, label }));
/** "7 Dec 2026, 14:05": short enough for one line of the log, in the reader's time zone. */
function shortDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

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

/** ▸, turned down while the details are open. */
function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      style={{ transform: open ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}
    >
      <path
        d="M6 3.5 10.5 8 6 12.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
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
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const events = useQuery(AuditEventsDocument, {
    variables: { first: pageSize, after: view.after, filter: toFilter(view) },
    fetchPolicy: 'cache-and-network',
    // the page says what is wrong with the range instead of asking for a refusal
    skip: backwards,
  });

  const setFilter = (name: Parameters<typeof withFilter>[1], value: string | null) =>
    setParams(withFilter(params, name, value));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Audit log</Title>
          <Text c="dimmed">
            Every change to users, apps, two-factor settings and rules, and every sign-in, newest
            first. Open an event to see what changed.
          </Text>
        </Stack>
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
                <Paper withBorder>
                  <Table
                    striped
                    verticalSpacing="xs"
                    aria-label="Audit events"
                    style={{ tableLayout: 'fixed' }}
                  >
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col" w={56}>
                          <VisuallyHidden>Details</VisuallyHidden>
                        </Table.Th>
                        <Table.Th scope="col" w={{ base: 110, sm: 170 }}>
                          When
                        </Table.Th>
                        <Table.Th scope="col">What happened</Table.Th>
                        <Table.Th scope="col" w={150} visibleFrom="sm">
                          From IP address
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {page.nodes.map((event) => {
                        const expanded = open.has(event.id);
                        const detailsId = `audit-event-${event.id}`;
                        const sentence = describeEvent(event);
                        return (
                          <Fragment key={event.id}>
                            <Table.Tr>
                              <Table.Td>
                                <ActionIcon
                                  variant="subtle"
                                  size="xl"
                                  aria-label={expanded ? 'Hide details' : 'Show details'}
                                  aria-expanded={expanded}
                                  aria-controls={expanded ? detailsId : undefined}
                                  onClick={() => toggle(event.id)}
                                >
                                  <Chevron open={expanded} />
                                </ActionIcon>
                              </Table.Td>
                              <Table.Td>
                                <Text
                                  size="sm"
                                  truncate="end"
                                  title={formatDateTime(event.createdAt)}
                                >
                                  {shortDateTime(event.createdAt)}
                                </Text>
                              </Table.Td>
                              <Table.Td>
                                <Text size="sm" truncate="end" title={sentence}>
                                  {sentence}
                                </Text>
                              </Table.Td>
                              <Table.Td visibleFrom="sm">
                                <Text size="sm" truncate="end">
                                  {event.ip ?? '—'}
                                </Text>
                              </Table.Td>
                            </Table.Tr>
                            {expanded && (
                              <Table.Tr id={detailsId}>
                                <Table.Td colSpan={4}>
                                  <EventDetails event={event} />
                                </Table.Td>
                              </Table.Tr>
                            )}
                          </Fragment>
                        );
                      })}
                      {page.nodes.length === 0 && (
                        <Table.Tr>
                          <Table.Td colSpan={4}>No event matches these filters.</Table.Td>
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
