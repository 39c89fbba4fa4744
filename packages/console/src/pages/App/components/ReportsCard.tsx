import { useQuery } from '@apollo/client/react';
import { Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { AppReportDocument } from '@twofold/shared/graphql';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState';
import { CoverageSection } from './CoverageSection';
import { SignInsSection } from './SignInsSection';

const periods = ['7', '30', '90'] as const;
type Period = (typeof periods)[number];
const periodOptions = periods.map((days) => ({ value: days, label: `${days} days` }));

function isPeriod(value: string): value is Period {
  return (periods as readonly string[]).includes(value);
}

/** Sign-ins and 2FA coverage of the app's users; mounted only for roles with reports. */
export function ReportsCard({ appId }: { appId: string }) {
  const [period, setPeriod] = useState<Period>('30');
  const { data, previousData, error, loading, refetch } = useQuery(AppReportDocument, {
    variables: { id: appId, days: Number(period) },
    fetchPolicy: 'cache-and-network',
  });
  // the previous period stays on screen while the next one loads, so the layout does not jump
  const shown = data ?? previousData;
  const report = shown?.app?.report;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="app-reports-heading">
      <Stack gap="lg">
        <Group justify="space-between" align="center">
          <Title order={2} id="app-reports-heading">
            Reports
          </Title>
          <Group gap="sm">
            {loading && report && <Loader size="xs" aria-label="Loading the report" />}
            <SegmentedControl
              aria-label="Report period"
              data={periodOptions}
              value={period}
              onChange={(value) => {
                if (isPeriod(value)) setPeriod(value);
              }}
            />
          </Group>
        </Group>
        <QueryState
          // the previous period stands in while the next loads, not once it failed
          query={{ data: data ?? (error ? undefined : previousData), error, refetch }}
          errorTitle="Could not load the report"
          loadingLabel="Loading the report"
        >
          {({ app }) =>
            app?.report ? (
              <>
                <SignInsSection report={app.report} />
                <CoverageSection report={app.report} />
              </>
            ) : (
              <Text>No report is available for this app.</Text>
            )
          }
        </QueryState>
        <Text size="sm" c="dimmed">
          Days are UTC days; the period ends today.
        </Text>
      </Stack>
    </Paper>
  );
}
