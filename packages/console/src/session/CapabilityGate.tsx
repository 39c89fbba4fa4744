import { useQuery } from '@apollo/client/react';
import { ViewerDocument } from '@twofold/shared/graphql';
import { Navigate, Outlet } from 'react-router';
import { QueryState } from '../components/QueryState';
import { type Capabilities, capabilitiesOf } from '../lib/permissions';
import { paths } from './paths';

/**
 * Renders its child routes only for profiles whose role may use them (docs/design.md, Permissions); anyone else is
 * sent to the overview, so a page a role may not use is neither linked nor reachable.
 */
export function CapabilityGate({ needs }: { needs: keyof Capabilities }) {
  const viewerQuery = useQuery(ViewerDocument);
  return (
    <QueryState
      query={viewerQuery}
      errorTitle="Could not check what your role may use"
      select={(data) => data.viewer}
    >
      {(viewer) =>
        capabilitiesOf(viewer)[needs] ? <Outlet /> : <Navigate to={paths.home} replace />
      }
    </QueryState>
  );
}
