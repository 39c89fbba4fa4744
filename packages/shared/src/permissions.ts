import { UserType } from './enums';

/**
 * Role-level permissions (docs/design.md, Permissions), the one table the server enforces and the
 * console shows pages by; object-level rules (assigned apps, the owner) live in the services.
 */
export enum Permission {
  POLICIES_READ = 'POLICIES_READ',
  POLICIES_WRITE = 'POLICIES_WRITE',
  /** Add, change, test and remove OpenID providers: owners only (no user type holds it). */
  IDENTITY_PROVIDERS_WRITE = 'IDENTITY_PROVIDERS_WRITE',
  USERS_MANAGE = 'USERS_MANAGE',
  TWO_FACTOR_ADMIN = 'TWO_FACTOR_ADMIN',
  APPS_MANAGE = 'APPS_MANAGE',
  APPS_VIEW = 'APPS_VIEW',
  APP_SETTINGS_WRITE = 'APP_SETTINGS_WRITE',
  APP_SETTINGS_READ = 'APP_SETTINGS_READ',
  APP_REPORTS = 'APP_REPORTS',
  AUDIT_READ = 'AUDIT_READ',
  SELF = 'SELF',
}

const byType: Record<UserType, readonly Permission[]> = {
  [UserType.ADMINISTRATOR]: [
    Permission.POLICIES_READ,
    Permission.USERS_MANAGE,
    Permission.TWO_FACTOR_ADMIN,
    Permission.APPS_MANAGE,
    Permission.APPS_VIEW,
    Permission.APP_SETTINGS_WRITE,
    Permission.APP_SETTINGS_READ,
    Permission.APP_REPORTS,
    Permission.AUDIT_READ,
    Permission.SELF,
  ],
  [UserType.APP_ADMINISTRATOR]: [
    Permission.APPS_VIEW,
    Permission.APP_SETTINGS_WRITE,
    Permission.APP_SETTINGS_READ,
    Permission.APP_REPORTS,
    Permission.SELF,
  ],
  [UserType.APP_REVIEWER]: [Permission.APPS_VIEW, Permission.APP_SETTINGS_READ, Permission.SELF],
  [UserType.APP_REPORT_VIEWER]: [Permission.APPS_VIEW, Permission.APP_REPORTS, Permission.SELF],
};

export interface Role {
  userType: UserType | `${UserType}`;
  isOwner: boolean;
}

/** Owners hold every permission; everyone else what their user type holds. */
export function hasPermission(role: Role, permission: Permission): boolean {
  if (role.isOwner) return true;
  return byType[role.userType as UserType].includes(permission);
}

/** Owners and Administrators see every app of the account; the others only their assigned ones. */
export function seesAllApps(role: Role): boolean {
  return role.isOwner || role.userType === UserType.ADMINISTRATOR;
}
