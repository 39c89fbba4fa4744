import { useQuery } from '@apollo/client/react';
import { hasPermission, Permission, type Role } from '@twofold/shared';
import { ViewerDocument } from '@twofold/shared/graphql';

/** What the selected profile may use in the console: docs/design.md, Permissions, as the server enforces it. */
export interface Capabilities {
  /** List, invite, edit, suspend and remove users; reset their 2FA and re-send enrollment links. */
  manageUsers: boolean;
  /** Create and remove apps. */
  manageApps: boolean;
  /** Change the settings of the apps the profile sees (all, or the assigned ones). */
  editAppSettings: boolean;
  /** Read bundle ids, preview URLs and preview QR codes. */
  readAppSettings: boolean;
  /** Read app reports. */
  readReports: boolean;
  /** Read the security policies and the compliance overview. */
  readPolicies: boolean;
  /** Change the security policies and the account's SMS countries (owners only). */
  writePolicies: boolean;
  /** Add, change, test and remove the account's OpenID Connect providers (owners only). */
  manageIdentityProviders: boolean;
  /** Read the account's audit log. */
  readAudit: boolean;
}

export type { Role };

/** The shared permission table, as the console's pages need it. */
export function capabilitiesOf(role: Role): Capabilities {
  const may = (permission: Permission) => hasPermission(role, permission);
  return {
    manageUsers: may(Permission.USERS_MANAGE),
    manageApps: may(Permission.APPS_MANAGE),
    editAppSettings: may(Permission.APP_SETTINGS_WRITE),
    readAppSettings: may(Permission.APP_SETTINGS_READ),
    readReports: may(Permission.APP_REPORTS),
    readPolicies: may(Permission.POLICIES_READ),
    writePolicies: may(Permission.POLICIES_WRITE),
    manageIdentityProviders: may(Permission.IDENTITY_PROVIDERS_WRITE),
    readAudit: may(Permission.AUDIT_READ),
  };
}

/** The signed-in profile's capabilities; undefined until the viewer has loaded. */
export function useCapabilities(): Capabilities | undefined {
  const viewer = useQuery(ViewerDocument).data?.viewer;
  return viewer ? capabilitiesOf(viewer) : undefined;
}
