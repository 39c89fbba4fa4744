import { Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { isAuditAction } from '@twofold/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/labels';
import { type AuditEventNode, actionWords, describeEvent } from '../describe-event';
import { type DetailLine, detailLines } from '../event-details';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Who acted or was acted on: the name as it is now, and the id that stays. */
function who(name: string | null, id: string | null, otherwise: string): string {
  if (name && id) return `${name} (${id})`;
  return name ?? id ?? otherwise;
}

/**
 * An event opened in the log: the whole sentence, who and what with their ids, and what the
 * details say — each change from what to what, then the other facts.
 */
export function EventDetails({ event }: { event: AuditEventNode }) {
  const lines = detailLines(event.details);
  const changes = lines.filter(
    (line): line is Extract<DetailLine, { kind: 'change' }> => line.kind === 'change',
  );
  const facts = lines.filter(
    (line): line is Extract<DetailLine, { kind: 'fact' }> => line.kind === 'fact',
  );
  const label = isAuditAction(event.action) ? actionWords[event.action].label : event.action;
  return (
    <Stack gap="sm" py="xs">
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {describeEvent(event)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Fact label="When">{formatDateTime(event.createdAt)}</Fact>
        <Fact label="Action">
          {label} <Code>{event.action}</Code>
        </Fact>
        <Fact label="By">{who(event.actorName, event.actorUserId, 'Twofold')}</Fact>
        <Fact label="On">
          {event.targetType
            ? `${event.targetType}: ${who(event.targetName, event.targetId, '—')}`
            : '—'}
        </Fact>
      </SimpleGrid>
      {changes.length > 0 && (
        <Table
          withTableBorder
          verticalSpacing={4}
          fz="sm"
          aria-label="What changed"
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">What changed</Table.Th>
              <Table.Th scope="col">Before</Table.Th>
              <Table.Th scope="col">After</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((line, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={500}>
                  {line.label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.from}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{line.to}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {facts.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          {facts.map((line, i) => (
            <Fact key={i} label={line.label}>
              {line.value}
            </Fact>
          ))}
        </SimpleGrid>
      )}
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          No further details were recorded.
        </Text>
      )}
    </Stack>
  );
}
