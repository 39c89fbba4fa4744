import { hasPermission, Permission, type Role, seesAllApps } from '../auth/permissions';
import { isSameLogin, type ProfileRef } from '../user/user-rules';

/** What a profile may do with one app, given whether the app is assigned to it (docs/design.md, Permissions). */
export interface AppAccess {
  /** The app exists for the caller (lists, by id); otherwise NOT_FOUND. */
  see: boolean;
  changeSettings: boolean;
  readSettings: boolean;
  reports: boolean;
  /** Create and delete apps. */
  manage: boolean;
}

export function appAccess(role: Role, assigned: boolean): AppAccess {
  const see = seesAllApps(role) || assigned;
  return {
    see,
    changeSettings: see && hasPermission(role, Permission.APP_SETTINGS_WRITE),
    readSettings: see && hasPermission(role, Permission.APP_SETTINGS_READ),
    reports: see && hasPermission(role, Permission.APP_REPORTS),
    manage: see && hasPermission(role, Permission.APPS_MANAGE),
  };
}

/** An Administrator manages users but never the owner; nobody manages their own login. */
export function mayAssignApps(
  caller: Role & ProfileRef,
  target: Role & ProfileRef,
): 'ok' | 'self' | 'owner' | 'no-permission' {
  if (!hasPermission(caller, Permission.USERS_MANAGE)) return 'no-permission';
  if (isSameLogin(caller, target)) return 'self';
  if (target.isOwner && !caller.isOwner) return 'owner';
  return 'ok';
}
