import { useQuery } from '@apollo/client/react';
import { type UserType, ViewerDocument } from '@twofold/shared/graphql';

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

export interface Role {
  userType: UserType;
  isOwner: boolean;
}

export function capabilitiesOf(role: Role): Capabilities {
  const admin = role.isOwner || role.userType === 'ADMINISTRATOR';
  const type = role.userType;
  return {
    manageUsers: admin,
    manageApps: admin,
    editAppSettings: admin || type === 'APP_ADMINISTRATOR',
    readAppSettings: admin || type === 'APP_ADMINISTRATOR' || type === 'APP_REVIEWER',
    readReports: admin || type === 'APP_ADMINISTRATOR' || type === 'APP_REPORT_VIEWER',
    readPolicies: admin,
    writePolicies: role.isOwner,
    manageIdentityProviders: role.isOwner,
    readAudit: admin,
  };
}

/** The signed-in profile's capabilities; undefined until the viewer has loaded. */
export function useCapabilities(): Capabilities | undefined {
  const viewer = useQuery(ViewerDocument).data?.viewer;
  return viewer ? capabilitiesOf(viewer) : undefined;
}
