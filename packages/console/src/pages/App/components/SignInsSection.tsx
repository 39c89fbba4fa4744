import { BarChart } from '@mantine/charts';
import { Box, Button, Stack, Table, Text, Title } from '@mantine/core';
import type { AppReportQuery } from '@twofold/shared/graphql';
import { useId, useState } from 'react';

export type AppReportData = NonNullable<NonNullable<AppReportQuery['app']>['report']>;

/** "12 Mar" for the UTC day "2026-03-12", in the browser's language. */
function formatDay(date: string, style: 'short' | 'long' = 'short'): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: style === 'short' ? 'short' : 'long',
    ...(style === 'long' ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Sign-ins per UTC day as a chart, with the same numbers as text (a chart alone is not accessible). */
export function SignInsSection({ report }: { report: AppReportData }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const days = report.signInsPerDay;
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const busiest = days.reduce<(typeof days)[number] | undefined>(
    (best, day) => (day.count > (best?.count ?? 0) ? day : best),
    undefined,
  );
  const chartData = days.map((day) => ({ day: formatDay(day.date), 'Sign-ins': day.count }));

  return (
    <Stack gap="sm">
      <Title order={3}>Sign-ins by assigned users per day</Title>
      <Text size="sm" c="dimmed">
        Each sign-in to Twofold by a user assigned to this app, counted per UTC day.
      </Text>
      <Text>
        {total === 0
          ? `No sign-ins in the last ${report.days} days.`
          : `${plural(total, 'sign-in', 'sign-ins')} in the last ${report.days} days` +
            (busiest
              ? `; the busiest day was ${formatDay(busiest.date, 'long')} with ${busiest.count}.`
              : '.')}
      </Text>
      <Box aria-hidden>
        <BarChart
          h={220}
          data={chartData}
          dataKey="day"
          series={[{ name: 'Sign-ins', color: 'indigo.6' }]}
          tickLine="y"
          gridAxis="y"
          // the numbers are in the text and the table; the chart is a picture of them
          accessibilityLayer={false}
          yAxisProps={{ allowDecimals: false, width: 40 }}
        />
      </Box>
      <Box>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable ? 'Hide the numbers per day' : 'Show the numbers per day'}
        </Button>
      </Box>
      <div id={tableId}>
        {showTable && (
          // a scrolling region is reachable by keyboard, so its rows can be scrolled without a mouse
          <Box
            mah={320}
            style={{ overflowY: 'auto' }}
            tabIndex={0}
            role="region"
            aria-label="Sign-ins by assigned users per day"
          >
            <Table striped withTableBorder>
              <Table.Caption>Sign-ins by assigned users per day (UTC), oldest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Day</Table.Th>
                  <Table.Th scope="col">Sign-ins</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {days.map((day) => (
                  <Table.Tr key={day.date}>
                    <Table.Td>{formatDay(day.date, 'long')}</Table.Td>
                    <Table.Td>{day.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </div>
    </Stack>
  );
}
