import { Button, Group, List, Text } from '@mantine/core';
import type { InvitationStateFragment } from '@twofold/shared/graphql';
import { useState } from 'react';
import { useNow } from '../../../lib/use-now';
import { invitationPhase, invitationText, sendInvitationLabel } from '../invitation';
import { useResendInvitation, useRevokeInvitation } from '../useUsers';
import { ConfirmDialog } from './ConfirmDialog';

interface DialogProps {
  user: InvitationStateFragment;
  onClose: () => void;
}

/** "Invitation expires in 3 days", "expired", "revoked" or "Not invited yet"; nothing when not INVITED. */
export function InvitationStatus({ user }: { user: InvitationStateFragment }) {
  const now = useNow();
  const phase = invitationPhase(user, now);
  const text = invitationText(user, now);
  if (text === null) return null;
  return (
    <Text
      size="xs"
      c={phase === 'PENDING' ? 'dimmed' : undefined}
      fw={phase === 'EXPIRED' ? 600 : undefined}
    >
      {text}
    </Text>
  );
}

/** The invitation actions `user` allows now: send (or resend) while INVITED, revoke while a link is pending. */
export function invitationActionsFor(user: InvitationStateFragment): {
  send: string | null;
  revoke: boolean;
} {
  if (user.status !== 'INVITED') return { send: null, revoke: false };
  return { send: sendInvitationLabel(user), revoke: user.invitation !== null };
}

export function SendInvitationDialog({ user, onClose }: DialogProps) {
  const resend = useResendInvitation();
  const again = user.invitedAt !== null;
  return (
    <ConfirmDialog
      title={
        again ? `Resend the invitation to ${user.displayName}?` : `Invite ${user.displayName}?`
      }
      confirmLabel={again ? 'Resend invitation' : 'Send invitation'}
      loading={resend.loading}
      run={() => resend.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        <List.Item>
          {user.displayName} is emailed a single-use link to join, valid for 72 hours.
        </List.Item>
        {again && <List.Item>The link sent before stops working at once.</List.Item>}
      </List>
    </ConfirmDialog>
  );
}

export function RevokeInvitationDialog({ user, onClose }: DialogProps) {
  const revoke = useRevokeInvitation();
  return (
    <ConfirmDialog
      title={`Revoke the invitation of ${user.displayName}?`}
      confirmLabel="Revoke invitation"
      color="red"
      loading={revoke.loading}
      run={() => revoke.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        <List.Item>The link sent to {user.displayName} stops working at once.</List.Item>
        <List.Item>They are not emailed about it.</List.Item>
        <List.Item>
          They stay in the list as invited, with their apps and settings: you can send a new
          invitation later, or remove them.
        </List.Item>
      </List>
    </ConfirmDialog>
  );
}

/**
 * The invitation's state and its actions as buttons, each behind its confirmation: for a page
 * about one user. The users table offers the same actions in a row's menu.
 */
export function InvitationActions({ user }: { user: InvitationStateFragment }) {
  const [open, setOpen] = useState<'send' | 'revoke' | null>(null);
  const actions = invitationActionsFor(user);
  if (actions.send === null) return null;
  return (
    <Group gap="sm" align="center">
      <InvitationStatus user={user} />
      <Button size="xs" variant="light" onClick={() => setOpen('send')}>
        {actions.send}
      </Button>
      {actions.revoke && (
        <Button size="xs" variant="subtle" color="red" onClick={() => setOpen('revoke')}>
          Revoke invitation
        </Button>
      )}
      {open === 'send' && <SendInvitationDialog user={user} onClose={() => setOpen(null)} />}
      {open === 'revoke' && <RevokeInvitationDialog user={user} onClose={() => setOpen(null)} />}
    </Group>
  );
}
