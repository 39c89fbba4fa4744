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
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { userTypeLabels } from '../../lib/labels';
import { paths } from '../../session/paths';

type Row = TwoFactorComplianceQuery['twoFactorCompliance'][number];

/** The columns, in the order a reviewer reads them: done, waiting, late, blocked, not asked. */
const columns: {
  key: Exclude<keyof Row, '__typename' | 'userType' | 'users' | 'enrolled'> | 'secondFactor';
  label: string;
  color: string;
  status?: TwoFactorStatus;
}[] = [
  { key: 'secondFactor', label: 'Enrolled', color: 'teal.7', status: 'ENROLLED' },
  { key: 'pinOnly', label: 'PIN code only', color: 'cyan.4' },
  { key: 'grace', label: 'In grace period', color: 'yellow.5', status: 'GRACE' },
  {
    key: 'awaitingFirstSignIn',
    label: 'Sets up at first sign-in',
    color: 'indigo.4',
    status: 'AWAITING_FIRST_SIGN_IN',
  },
  { key: 'overdue', label: 'Overdue', color: 'red.7', status: 'OVERDUE' },
  { key: 'locked', label: 'Locked', color: 'grape.7', status: 'LOCKED' },
  { key: 'optionalOff', label: 'Optional, not on', color: 'gray.5', status: 'OPTIONAL_OFF' },
  { key: 'notRequired', label: 'Not required', color: 'gray.3', status: 'NOT_REQUIRED' },
];

function valueOf(row: Row, key: (typeof columns)[number]['key']): number {
  // true second factors and PIN-only profiles are both ENROLLED; they are shown apart
  return key === 'secondFactor' ? row.enrolled - row.pinOnly : row[key];
}

function usersLink(userType: string, status: TwoFactorStatus): string {
  return `${paths.users}?${new URLSearchParams({ type: userType, status }).toString()}`;
}

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
  const chartData = rows.map((row) => ({
    type: `${userTypeLabels[row.userType]}s`,
    ...Object.fromEntries(columns.map((c) => [c.label, valueOf(row, c.key)])),
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
            yAxisProps={{ width: 150 }}
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
          <Table.ScrollContainer minWidth={800}>
            <Table striped>
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
                      const value = valueOf(row, c.key);
                      return (
                        <Table.Td key={c.key}>
                          {c.status && value > 0 ? (
                            <Anchor
                              component={Link}
                              to={usersLink(row.userType, c.status)}
                              aria-label={`${value} ${userTypeLabels[row.userType]}s: ${c.label}`}
                            >
                              {value}
                            </Anchor>
                          ) : (
                            value
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
            “Enrolled” links list everyone enrolled, PIN-only users included.
          </Text>
        </Paper>
      </Stack>
    </Container>
  );
}
