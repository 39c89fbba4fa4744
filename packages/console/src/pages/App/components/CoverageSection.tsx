import { DonutChart } from '@mantine/charts';
import { Box, ColorSwatch, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AppReportData } from './SignInsSection';

const percent = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 100);

// colours reach 3:1 against white (WCAG non-text contrast); labels and numbers carry the meaning
const colors = {
  twoFactor: 'teal.8',
  pinOnly: 'orange.8',
  none: 'gray.6',
} as const;

/**
 * How the app's assigned users are protected, as the server counts it: ENROLLED with an
 * authenticator app or SMS is two-factor; ENROLLED with a PIN only is another knowledge factor and
 * counted apart; everyone else (2FA off, optional and unused, still to set up, locked) is neither.
 */
export function CoverageSection({ report }: { report: AppReportData }) {
  const total = report.assignedUsers;
  const notEnrolled = Math.max(0, total - report.usersWithTwoFactor - report.usersWithPinOnly);
  const rows = [
    {
      key: 'twoFactor',
      label: 'Authenticator app or text message (SMS)',
      value: report.usersWithTwoFactor,
      color: colors.twoFactor,
    },
    {
      key: 'pinOnly',
      label: 'PIN code only (additional verification, not a second factor)',
      value: report.usersWithPinOnly,
      color: colors.pinOnly,
    },
    {
      key: 'none',
      label: 'Not enrolled (2FA off or not set up, or locked)',
      value: notEnrolled,
      color: colors.none,
    },
  ];
  const coverage = Math.round(report.twoFactorCoverage * 100);

  return (
    <Stack gap="sm">
      <Title order={3}>Two-factor coverage</Title>
      {total === 0 ? (
        <Text>No users are assigned to this app yet.</Text>
      ) : (
        <>
          <Text>
            {coverage}% of the {total === 1 ? 'user' : `${total} users`} assigned to this app{' '}
            {total === 1 ? 'has' : 'have'} a true second factor.
          </Text>
          <Group align="center" gap="xl" wrap="wrap">
            <Box aria-hidden>
              <DonutChart
                size={160}
                thickness={26}
                data={rows.map((row) => ({ name: row.label, value: row.value, color: row.color }))}
                chartLabel={`${coverage}%`}
                withTooltip={false}
                accessibilityLayer={false}
                // recharts makes the pie a tab stop by default: nothing to reach in a picture
                pieProps={{ rootTabIndex: -1 }}
              />
            </Box>
            <Table w="auto" style={{ flex: '1 1 360px' }}>
              <Table.Caption>Users assigned to this app, by how they sign in</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Second factor</Table.Th>
                  <Table.Th scope="col">Users</Table.Th>
                  <Table.Th scope="col">Share</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Th scope="row" fw={400}>
                      <Group gap="xs" wrap="nowrap">
                        <ColorSwatch
                          color={`var(--mantine-color-${row.color.replace('.', '-')})`}
                          size={12}
                          aria-hidden
                          withShadow={false}
                        />
                        {row.label}
                      </Group>
                    </Table.Th>
                    <Table.Td>{row.value}</Table.Td>
                    <Table.Td>{percent(row.value, total)}%</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">Assigned users</Table.Th>
                  <Table.Td fw={600}>{total}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Group>
        </>
      )}
    </Stack>
  );
}
