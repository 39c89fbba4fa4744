import { ActionIcon, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { formatDateTime } from '../../../lib/labels';
import { type AuditEventNode, describeEvent } from '../describe-event';
import { EventDetails } from './EventDetails';

/** "Dec 7, 2026, 2:05 PM": short enough for one line of the log, in the reader's time zone. */
function shortDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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

/** Opens and closes one event's details; the details it controls exist while open. */
function DetailsToggle(props: { open: boolean; controls: string; onToggle: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      size="lg"
      aria-label={props.open ? 'Hide details' : 'Show details'}
      aria-expanded={props.open}
      aria-controls={props.open ? props.controls : undefined}
      onClick={props.onToggle}
    >
      <Chevron open={props.open} />
    </ActionIcon>
  );
}

/**
 * A page of the log: on a wide screen a table with one line per event (the sentence is cut, never
 * wrapped, and shown whole when opened), on a phone a list whose sentences wrap. Each event opens
 * on its details.
 */
export function AuditEvents({ events }: { events: readonly AuditEventNode[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Mantine's `sm`: below it the log is a list (read at once, so the first paint is the right one)
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const detailsId = (event: AuditEventNode) => `audit-event-${event.id}`;

  if (events.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text>No event matches these filters.</Text>
      </Paper>
    );
  }

  if (phone) {
    return (
      <Stack component="ul" gap="xs" aria-label="Audit events" p={0} m={0}>
        {events.map((event) => {
          const expanded = open.has(event.id);
          return (
            <Paper component="li" withBorder p="sm" key={event.id} style={{ listStyle: 'none' }}>
              <Group wrap="nowrap" align="flex-start" justify="space-between" gap="xs">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed">
                    {shortDateTime(event.createdAt)}
                    {event.ip ? ` · ${event.ip}` : ''}
                  </Text>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {describeEvent(event)}
                  </Text>
                </Stack>
                <DetailsToggle
                  open={expanded}
                  controls={detailsId(event)}
                  onToggle={() => toggle(event.id)}
                />
              </Group>
              {expanded && (
                <div id={detailsId(event)}>
                  <EventDetails event={event} />
                </div>
              )}
            </Paper>
          );
        })}
      </Stack>
    );
  }

  return (
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
            <Table.Th scope="col" w={200}>
              When
            </Table.Th>
            <Table.Th scope="col">What happened</Table.Th>
            <Table.Th scope="col" w={150}>
              From IP address
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const expanded = open.has(event.id);
            const sentence = describeEvent(event);
            return (
              <Fragment key={event.id}>
                <Table.Tr>
                  <Table.Td>
                    <DetailsToggle
                      open={expanded}
                      controls={detailsId(event)}
                      onToggle={() => toggle(event.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" title={formatDateTime(event.createdAt)}>
                      {shortDateTime(event.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" title={sentence}>
                      {sentence}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end">
                      {event.ip ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={detailsId(event)}>
                    <Table.Td colSpan={4}>
                      <EventDetails event={event} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
