import {
  Anchor,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import {
  coverageOf,
  countOf,
  percent,
  statusFigures,
  statusOrder,
  type TypeCounts,
} from '../../../lib/coverage';
import { twoFactorStatusLabels, userTypeLabels } from '../../../lib/labels';
import { usersUrl } from '../../Users/filters';

/** One user type's 2FA coverage: the headline figure, then who is not covered and why. */
function CoverageCard({ row }: { row: TypeCounts }) {
  const type = `${userTypeLabels[row.userType]}s`;
  const coverage = coverageOf(row);
  const headingId = `coverage-${row.userType}`;
  // everyone not counted in the headline, by status; ENROLLED here is the PIN-only part
  const rest = statusOrder
    .map((status) => ({
      status,
      count: status === 'ENROLLED' ? coverage.pinOnly : countOf(row, status),
      label: status === 'ENROLLED' ? 'PIN code only' : twoFactorStatusLabels[status],
      words: status === 'ENROLLED' ? 'with a PIN code only' : statusFigures[status].counted,
    }))
    .filter((entry) => entry.count > 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {type}
        </Title>
        {row.users === 0 ? (
          <Text c="dimmed" size="sm">
            No users of this type yet.
          </Text>
        ) : (
          <>
            {/* the headline: "82% · 41 of 50 with a second factor" */}
            <Group gap="xs" align="baseline" wrap="nowrap">
              <Text fz={28} fw={700} lh={1.1}>
                {coverage.percent}%
              </Text>
              <Text size="sm">
                <Anchor component={Link} to={usersUrl({ type: row.userType, status: 'ENROLLED' })}>
                  {coverage.covered} of {row.users}
                </Anchor>{' '}
                with a second factor
              </Text>
            </Group>
            <Progress value={coverage.percent} color="teal.7" size="sm" aria-hidden />
            {rest.length > 0 && (
              <List listStyleType="none" spacing={2} size="sm">
                {rest.map((entry) => (
                  <List.Item key={entry.status}>
                    {entry.status === 'ENROLLED' ? (
                      // the table filters by status: PIN-only users are among all the enrolled
                      entry.count
                    ) : (
                      <Anchor
                        component={Link}
                        to={usersUrl({ type: row.userType, status: entry.status })}
                        aria-label={`${entry.count} ${type}: ${entry.label}`}
                      >
                        {entry.count}
                      </Anchor>
                    )}{' '}
                    {entry.words}{' '}
                    <Text span c="dimmed" size="sm">
                      ({percent(entry.count, row.users)}%)
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Two-factor coverage per user type (docs/design.md, The overview). */
export function CoverageCards({ rows }: { rows: readonly TypeCounts[] }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="overview-coverage">
      <Title order={2} size="h3" id="overview-coverage">
        Two-factor coverage
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        {rows.map((row) => (
          <CoverageCard key={row.userType} row={row} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
