import type { Capabilities } from '../lib/permissions';
import { paths } from '../session/paths';

export interface NavItem {
  label: string;
  to: string;
  /** The capability the page needs; none: every signed-in profile. */
  needs?: keyof Capabilities;
}

/** The console's pages in the order the navigation lists them (docs/design.md, Permissions decides who sees which). */
export const navItems: readonly NavItem[] = [
  { label: 'Overview', to: paths.home },
  { label: 'Users', to: paths.users, needs: 'manageUsers' },
  { label: 'Apps', to: paths.apps },
  { label: 'Security', to: paths.security, needs: 'readPolicies' },
  { label: 'Compliance', to: paths.compliance, needs: 'readPolicies' },
  { label: 'Audit log', to: paths.audit, needs: 'readAudit' },
  { label: 'API', to: paths.api },
];

/** The items a profile with `capabilities` may use. */
export function visibleNavItems(capabilities: Capabilities): NavItem[] {
  return navItems.filter((item) => !item.needs || capabilities[item.needs]);
}
