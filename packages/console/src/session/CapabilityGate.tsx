import { useQuery } from '@apollo/client/react';
import { Alert, Button, Container } from '@mantine/core';
import { ViewerDocument } from '@twofold/shared/graphql';
import { Navigate, Outlet } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { describeError } from '../lib/describe-error';
import { type Capabilities, capabilitiesOf } from '../lib/permissions';
import { paths } from './paths';

/**
 * Renders its child routes only for profiles whose role may use them (DESIGN §4); anyone else is
 * sent to the overview, so a page a role may not use is neither linked nor reachable.
 */
export function CapabilityGate({ needs }: { needs: keyof Capabilities }) {
  const { data, error, refetch } = useQuery(ViewerDocument);
  if (error) {
    return (
      <Container size="xs" py="xl">
        <Alert color="red" title="Could not check what your role may use">
          {describeError(error)}
          <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void refetch()}>
            Try again
          </Button>
        </Alert>
      </Container>
    );
  }
  const viewer = data?.viewer;
  if (!viewer) return <PageLoader />;
  return capabilitiesOf(viewer)[needs] ? <Outlet /> : <Navigate to={paths.home} replace />;
}
