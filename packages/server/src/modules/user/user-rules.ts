import { UserStatus, UserType } from '@twofold/shared';

/** Why an administrator may not do something to a user (DESIGN §4), or null when they may. */
export type AdminActionRefusal = 'SELF' | 'OWNER' | 'LAST_OWNER';

export interface AdminActionInput {
  actor: { id: string; isOwner: boolean };
  target: { id: string; isOwner: boolean };
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
 * The object-level rules of user administration: nobody acts on themselves through admin
 * operations, only an owner acts on an owner, and an account always keeps an active owner.
 */
export function refuseAdminAction(input: AdminActionInput): AdminActionRefusal | null {
  const { actor, target, after } = input;
  if (actor.id === target.id) return 'SELF';
  if (target.isOwner && !actor.isOwner) return 'OWNER';
  const targetStaysActiveOwner = staysOwner(target, after) && after?.status === UserStatus.ACTIVE;
  if (target.isOwner && !targetStaysActiveOwner && input.otherActiveOwners === 0) {
    return 'LAST_OWNER';
  }
  return null;
}
