import { UserStatus, UserType } from '@twofold/shared';

/** Why an administrator may not do something to a user (docs/design.md, Permissions), or null when they may. */
export type AdminActionRefusal = 'SELF' | 'OWNER' | 'LAST_OWNER';

/** A profile as the "nobody acts on themselves" rule sees it: itself and its login. */
export interface ProfileRef {
  id: string;
  identityId: string;
}

/**
 * docs/design.md, Permissions: "themselves" is every profile of the caller's login, not only the selected one, so
 * a second profile of the same person in the same account is never a way around the rule.
 */
export function isSameLogin(actor: ProfileRef, target: ProfileRef): boolean {
  return actor.id === target.id || actor.identityId === target.identityId;
}

export interface AdminActionInput {
  actor: ProfileRef & { isOwner: boolean };
  target: ProfileRef & { isOwner: boolean };
  /** The target's type and status after the action; null when the target is removed. */
  after: { userType: UserType; status: UserStatus } | null;
  /** Owners of the account other than the target that are ACTIVE and stay owners. */
  otherActiveOwners: number;
}

/** An owner stays an owner only as an Administrator: demoting one ends their ownership. */
export function staysOwner(
  target: { isOwner: boolean },
  after: { userType: UserType; status: UserStatus } | null,
): boolean {
  return target.isOwner && after !== null && after.userType === UserType.ADMINISTRATOR;
}

/**
 * Whether an administrator may look after a user day to day — read their factors, sessions and
 * security activity, unlock or reset their second factor, end their sessions: nobody does so on
 * a profile of their own login (their profile page is the way), and only an owner on an owner.
 */
export function refuseOversight(
  actor: ProfileRef & { isOwner: boolean },
  target: ProfileRef & { isOwner: boolean },
): 'SELF' | 'OWNER' | null {
  if (isSameLogin(actor, target)) return 'SELF';
  if (target.isOwner && !actor.isOwner) return 'OWNER';
  return null;
}

/**
 * The object-level rules of user administration: nobody acts on themselves through admin
 * operations, only an owner acts on an owner, and an account always keeps an active owner.
 */
export function refuseAdminAction(input: AdminActionInput): AdminActionRefusal | null {
  const { actor, target, after } = input;
  if (isSameLogin(actor, target)) return 'SELF';
  if (target.isOwner && !actor.isOwner) return 'OWNER';
  const targetStaysActiveOwner = staysOwner(target, after) && after?.status === UserStatus.ACTIVE;
  if (target.isOwner && !targetStaysActiveOwner && input.otherActiveOwners === 0) {
    return 'LAST_OWNER';
  }
  return null;
}
