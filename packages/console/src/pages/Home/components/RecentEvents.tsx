import { Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { isAuditAction } from '@twofold/shared';
import type { OverviewQuery } from '@twofold/shared/graphql';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/labels';
import { paths } from '../../../session/paths';
import { describeEvent } from '../../Audit/describe-event';

type Event = OverviewQuery['accountOverview']['recentSecurityEvents'][number];

/** How many lines the overview shows: a few, the audit log has the rest. */
const linesShown = 5;

/** Events in a row that read the same (five wrong codes) become one line with their number. */
export interface EventLine {
  sentence: string;
  /** The newest of the line's events. */
  event: Event;
  times: number;
}

/** `events` (newest first) as at most `limit` lines, repeats in a row told once. */
export function eventLines(events: readonly Event[], limit = linesShown): EventLine[] {
  const lines: EventLine[] = [];
  for (const event of events) {
    const sentence = describeEvent(event);
    const last = lines.at(-1);
    if (last && last.sentence === sentence && last.event.action === event.action) last.times += 1;
    else lines.push({ sentence, event, times: 1 });
  }
  return lines.slice(0, limit);
}

/** The audit log narrowed to the action of `event`. */
function auditUrl(event: Event): string {
  return `${paths.audit}?${new URLSearchParams({ action: event.action }).toString()}`;
}

/** The newest security events in the audit log's words, each leading to its kind in the log. */
export function RecentEvents({ events }: { events: readonly Event[] }) {
  const lines = eventLines(events);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="overview-events">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3" id="overview-events">
            Recent security events
          </Title>
          <Anchor component={Link} to={paths.audit} size="sm">
            Open the audit log
          </Anchor>
        </Group>
        {lines.length === 0 ? (
          <Text c="dimmed" size="sm">
            No security events yet.
          </Text>
        ) : (
          <List listStyleType="none" spacing="sm">
            {lines.map(({ sentence, event, times }) => (
              <List.Item key={event.id}>
                {isAuditAction(event.action) ? (
                  <Anchor component={Link} to={auditUrl(event)} size="sm">
                    {sentence}
                  </Anchor>
                ) : (
                  <Text size="sm">{sentence}</Text>
                )}
                <Text size="xs" c="dimmed">
                  {times > 1 && `${times} times, most recently `}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
