import type { InvitationStateFragment } from '@twofold/shared/graphql';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** What became of an invited user's invitation (docs/design.md, Invitations). */
export type InvitationPhase = 'PENDING' | 'EXPIRED' | 'REVOKED' | 'NEVER_SENT';

/** The phase of `user`'s invitation at `now`; null for a user who is not INVITED. */
export function invitationPhase(
  user: Pick<InvitationStateFragment, 'status' | 'invitedAt' | 'invitation'>,
  now: number,
): InvitationPhase | null {
  if (user.status !== 'INVITED') return null;
  if (user.invitation) {
    return new Date(user.invitation.expiresAt).getTime() > now ? 'PENDING' : 'EXPIRED';
  }
  // no pending link: one was sent before (and revoked), or none ever was
  return user.invitedAt ? 'REVOKED' : 'NEVER_SENT';
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "3 days", "5 hours", "20 minutes": the time left, in the largest unit that reads well. */
export function timeLeft(ms: number): string {
  if (ms >= day - 30 * minute) return plural(Math.max(1, Math.round(ms / day)), 'day');
  if (ms >= hour) return plural(Math.round(ms / hour), 'hour');
  return plural(Math.max(1, Math.ceil(ms / minute)), 'minute');
}

/**
 * One line about an invited user's invitation: "Invitation expires in 3 days", "Invitation
 * expired", "Invitation revoked" or "Not invited yet"; null for a user who is not INVITED.
 */
export function invitationText(
  user: Pick<InvitationStateFragment, 'status' | 'invitedAt' | 'invitation'>,
  now: number,
): string | null {
  switch (invitationPhase(user, now)) {
    case 'PENDING':
      return `Invitation expires in ${timeLeft(new Date(user.invitation!.expiresAt).getTime() - now)}`;
    case 'EXPIRED':
      return 'Invitation expired';
    case 'REVOKED':
      return 'Invitation revoked';
    case 'NEVER_SENT':
      return 'Not invited yet';
    case null:
      return null;
  }
}

/** What the send action says: "Send invitation" when none was ever sent, else "Resend invitation". */
export function sendInvitationLabel(user: Pick<InvitationStateFragment, 'invitedAt'>): string {
  return user.invitedAt ? 'Resend invitation' : 'Send invitation';
}
