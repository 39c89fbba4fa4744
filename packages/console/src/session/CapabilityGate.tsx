import { Navigate, Outlet } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { type Capabilities, useCapabilities } from '../lib/permissions';
import { paths } from './paths';

/**
 * Renders its child routes only for profiles whose role may use them (DESIGN §4); anyone else is
 * sent to the overview, so a page a role may not use is neither linked nor reachable.
 */
export function CapabilityGate({ needs }: { needs: keyof Capabilities }) {
  const capabilities = useCapabilities();
  if (!capabilities) return <PageLoader />;
  return capabilities[needs] ? <Outlet /> : <Navigate to={paths.home} replace />;
}
