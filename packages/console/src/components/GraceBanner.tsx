import { Alert, Anchor } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { formatDateTime } from '../lib/labels';
import { paths } from '../session/paths';
import { useSession } from '../session/useSession';

/**
 * While a grace period runs (2FA required, not set up yet, deadline ahead) every page says so,
 * with the deadline and the way to set it up now.
 */
export function GraceBanner() {
  const { data } = useSession();
  const { pathname } = useLocation();
  const session = data?.session;
  const deadline = session?.enrollment?.deadline;
  if (session?.stage !== 'ACTIVE' || !deadline || pathname === paths.twoFactorSetup) return null;
  return (
    <Alert color="yellow" title="Two-factor authentication is required" mb="md">
      Set it up before {formatDateTime(deadline)}; after that you can only reach the setup.{' '}
      <Anchor component={Link} to={paths.twoFactorSetup}>
        Set it up now
      </Anchor>
    </Alert>
  );
}
