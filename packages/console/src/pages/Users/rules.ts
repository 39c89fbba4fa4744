import type { UserRowFragment, UsersViewerQuery } from '@twofold/shared/graphql';

export type Viewer = NonNullable<UsersViewerQuery['viewer']>;

/**
 * Why the viewer may not act on a row, or null when they may (docs/design.md, Permissions, as the server decides):
 * nobody acts on a profile of their own login (one login has one email), and only an owner acts
 * on an owner.
 */
export function refusalFor(viewer: Viewer, user: UserRowFragment): 'SELF' | 'OWNER' | null {
  if (user.id === viewer.id || user.email.toLowerCase() === viewer.email.toLowerCase()) {
    return 'SELF';
  }
  if (user.isOwner && !viewer.isOwner) return 'OWNER';
  return null;
}

/** Resetting removes factors and clears a lockout: pointless for a user with neither. */
export function hasSomethingToReset(user: UserRowFragment): boolean {
  return user.twoFactorMethods.length > 0 || user.twoFactorStatus === 'LOCKED';
}

/** Owners and administrators see every app of the account (docs/design.md, Permissions). */
export function seesAllApps(user: Pick<UserRowFragment, 'userType' | 'isOwner'>): boolean {
  return user.isOwner || user.userType === 'ADMINISTRATOR';
}
