import '@mantine/charts/styles.css';
import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  ColorSwatch,
  Container,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  type TwoFactorComplianceQuery,
  type TwoFactorStatus,
  TwoFactorComplianceDocument,
} from '@twofold/shared/graphql';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { countOf, percent, statusFigures, statusOrder } from '../../lib/coverage';
import { twoFactorStatusLabels, userTypeLabels } from '../../lib/labels';
import { usersUrl } from '../Users/filters';

type Row = TwoFactorComplianceQuery['twoFactorCompliance'][number];

interface Column {
  key: string;
  label: string;
  color: string;
  /** The users table's filter for the column; none: the column is part of a status. */
  status?: TwoFactorStatus;
  value: (row: Row) => number;
}

/**
 * One column per status in the reader's order of `statusFigures`, ENROLLED split in two: true
 * second factors and PIN-only profiles (a PIN is another knowledge factor), shown apart.
 */
const columns: Column[] = statusOrder.flatMap((status): Column[] =>
  status === 'ENROLLED'
    ? [
        {
          key: 'secondFactor',
          label: twoFactorStatusLabels.ENROLLED,
          color: statusFigures.ENROLLED.color,
          status,
          value: (row) => row.enrolled - row.pinOnly,
        },
        { key: 'pinOnly', label: 'PIN code only', color: 'cyan.4', value: (row) => row.pinOnly },
      ]
    : [
        {
          key: status,
          label: twoFactorStatusLabels[status],
          color: statusFigures[status].color,
          status,
          value: (row) => countOf(row, status),
        },
      ],
);

/** Per user type: who is enrolled, in grace, overdue, locked or not required (docs/design.md, GraphQL contract). */
export function CompliancePage() {
  const compliance = useQuery(TwoFactorComplianceDocument, {
    fetchPolicy: 'cache-and-network',
  });
  return (
    <QueryState
      query={compliance}
      errorTitle="The compliance overview could not be loaded"
      select={(data) => data.twoFactorCompliance}
    >
      {(rows) => <Compliance rows={rows} />}
    </QueryState>
  );
}

function Compliance({ rows }: { rows: Row[] }) {
  // the type names take less room on a phone, where they wrap onto two lines anyway
  const narrow = useMediaQuery('(max-width: 36em)');
  const chartData = rows.map((row) => ({
    type: `${userTypeLabels[row.userType]}s`,
    ...Object.fromEntries(columns.map((c) => [c.label, c.value(row)])),
  }));

  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Compliance</Title>
          <Text c="dimmed">
            Two-factor authentication by user type. A PIN code is another knowledge factor: users
            whose only method is a PIN are counted apart from true second factors.
          </Text>
        </Stack>
        <Paper withBorder p="lg" component="section" aria-labelledby="compliance-chart">
          <Title order={2} size="h3" id="compliance-chart" mb="md">
            Users by two-factor status
          </Title>
          <BarChart
            h={280}
            data={chartData}
            dataKey="type"
            type="stacked"
            orientation="vertical"
            yAxisProps={{ width: narrow ? 90 : 150 }}
            // users are counted in whole numbers: no "0.5 users" on the axis
            xAxisProps={{ allowDecimals: false }}
            series={columns.map((c) => ({ name: c.label, color: c.color }))}
            // the table below holds the same numbers; the chart is a picture of them
            accessibilityLayer={false}
            aria-hidden
          />
          {/* a plain legend: the chart's own is made of unnamed buttons */}
          <Group gap="md" mt="sm" aria-hidden>
            {columns.map((c) => (
              <Group key={c.key} gap={6}>
                <ColorSwatch
                  color={`var(--mantine-color-${c.color.replace('.', '-')})`}
                  size={12}
                />
                <Text size="sm">{c.label}</Text>
              </Group>
            ))}
          </Group>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="compliance-numbers">
          <Title order={2} size="h3" id="compliance-numbers" mb="md">
            In numbers
          </Title>
          <Table.ScrollContainer minWidth={900}>
            <Table
              striped
              aria-label="Users of each type by two-factor status, with their share of the type"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">User type</Table.Th>
                  <Table.Th scope="col">Users</Table.Th>
                  {columns.map((c) => (
                    <Table.Th scope="col" key={c.key}>
                      {c.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.userType}>
                    <Table.Th scope="row">{userTypeLabels[row.userType]}s</Table.Th>
                    <Table.Td>{row.users}</Table.Td>
                    {columns.map((c) => {
                      const value = c.value(row);
                      return (
                        <Table.Td key={c.key}>
                          {c.status && value > 0 ? (
                            <Anchor
                              component={Link}
                              to={usersUrl({ type: row.userType, status: c.status })}
                              aria-label={`${value} ${userTypeLabels[row.userType]}s: ${c.label}`}
                            >
                              {value}
                            </Anchor>
                          ) : (
                            value
                          )}
                          {value > 0 && (
                            <>
                              {' '}
                              <Text span size="xs" c="dimmed">
                                ({percent(value, row.users)}%)
                              </Text>
                            </>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed" mt="sm">
            Shares in brackets are of the users of each type. “Enrolled” links list everyone
            enrolled, PIN-only users included.
          </Text>
        </Paper>
      </Stack>
    </Container>
  );
}
