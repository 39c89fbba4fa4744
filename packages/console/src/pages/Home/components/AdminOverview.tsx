import { useQuery } from '@apollo/client/react';
import { Stack } from '@mantine/core';
import { OverviewDocument } from '@twofold/shared/graphql';
import { QueryState } from '../../../components/QueryState';
import { AttentionLists } from './AttentionLists';
import { CoverageCards } from './CoverageCards';
import { RecentEvents } from './RecentEvents';

/** The dashboard of owners and administrators (docs/design.md, The overview). */
export function AdminOverview() {
  const overview = useQuery(OverviewDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <QueryState
      query={overview}
      errorTitle="Could not load the overview"
      loadingLabel="Loading the overview"
    >
      {(data) => (
        <Stack gap="lg">
          <CoverageCards rows={data.twoFactorCompliance} />
          <AttentionLists data={data} />
          <RecentEvents events={data.accountOverview.recentSecurityEvents} />
        </Stack>
      )}
    </QueryState>
  );
}
