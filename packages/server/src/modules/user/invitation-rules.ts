import { UserStatus } from '@twofold/shared';
import { isSameLogin, type ProfileRef } from './user-rules';

/** What an administrator does to a profile's invitation. */
export type InvitationAction = 'send' | 'revoke';

/** Why an administrator may not send or revoke a profile's invitation, or null when they may. */
export type InvitationRefusal = 'SELF' | 'OWNER' | 'NOT_INVITED' | 'NO_PENDING_INVITATION';

/** A profile as the invitation rules see it. */
export interface InvitationTarget extends ProfileRef {
  isOwner: boolean;
  status: UserStatus;
  /** Until when the pending invitation link works; null when none is pending. */
  invitationExpiresAt: Date | null;
}

/**
 * docs/design.md, Invitations: the rules of the users table (nobody on a profile of their own
 * login, only an owner on an owner), then the profile must still wait for its invitation —
 * INVITED, never accepted — and a revocation needs a link to void. Sending needs no pending
 * link: a profile created without an invitation gets its first one this way.
 */
export function refuseInvitationAction(
  action: InvitationAction,
  actor: ProfileRef & { isOwner: boolean },
  target: InvitationTarget,
): InvitationRefusal | null {
  if (isSameLogin(actor, target)) return 'SELF';
  if (target.isOwner && !actor.isOwner) return 'OWNER';
  if (target.status !== UserStatus.INVITED) return 'NOT_INVITED';
  if (action === 'revoke' && target.invitationExpiresAt === null) return 'NO_PENDING_INVITATION';
  return null;
}

/** The pending invitation of a profile, expired or not, or null when none is pending. */
export function pendingInvitationOf(user: {
  invitedAt: Date | null;
  invitationExpiresAt: Date | null;
}): { sentAt: Date; expiresAt: Date } | null {
  if (user.invitationExpiresAt === null || user.invitedAt === null) return null;
  return { sentAt: user.invitedAt, expiresAt: user.invitationExpiresAt };
}
