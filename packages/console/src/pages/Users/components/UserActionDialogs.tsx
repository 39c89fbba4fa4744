import { List, Text } from '@mantine/core';
import type { UserRowFragment } from '@twofold/shared/graphql';
import { useRemoveUser, useResendEnrollment, useSetUserStatus } from '../useUsers';
import { ConfirmDialog } from './ConfirmDialog';

interface DialogProps {
  user: UserRowFragment;
  onClose: () => void;
}

export function SuspendDialog({ user, onClose }: DialogProps) {
  const status = useSetUserStatus();
  return (
    <ConfirmDialog
      title={`Suspend ${user.displayName}?`}
      confirmLabel="Suspend"
      color="red"
      loading={status.loading}
      run={() => status.call(user, 'SUSPENDED')}
      onDone={onClose}
      onClose={onClose}
    >
      <Text size="sm">
        {user.displayName} is signed out of every session at once and cannot sign in until
        reactivated. Their profile, apps and second factors are kept.
      </Text>
    </ConfirmDialog>
  );
}

export function ReactivateDialog({ user, onClose }: DialogProps) {
  const status = useSetUserStatus();
  return (
    <ConfirmDialog
      title={`Reactivate ${user.displayName}?`}
      confirmLabel="Reactivate"
      loading={status.loading}
      run={() => status.call(user, 'ACTIVE')}
      onDone={onClose}
      onClose={onClose}
    >
      <Text size="sm">
        {user.displayName} can sign in again with their password and, where they have one, their
        second factor.
      </Text>
    </ConfirmDialog>
  );
}

/** `onRemoved`: where to go once the user is gone (their own page has nothing left to show). */
export function RemoveDialog({
  user,
  onClose,
  onRemoved = onClose,
}: DialogProps & { onRemoved?: () => void }) {
  const remove = useRemoveUser();
  return (
    <ConfirmDialog
      title={`Remove ${user.displayName}?`}
      confirmLabel="Remove user"
      color="red"
      loading={remove.loading}
      run={() => remove.call(user)}
      onDone={onRemoved}
      onClose={onClose}
    >
      <Text size="sm">
        This cannot be undone. Removing {user.displayName} ({user.email}):
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>deletes this profile with its app assignments and second factors;</List.Item>
        <List.Item>signs them out of this profile’s sessions at once.</List.Item>
      </List>
      <Text size="sm">
        Their login keeps any other profiles it has. To give them access again, invite them anew.
      </Text>
    </ConfirmDialog>
  );
}

export function ResendEnrollmentDialog({ user, onClose }: DialogProps) {
  const resend = useResendEnrollment();
  return (
    <ConfirmDialog
      title={`Re-send enrollment link to ${user.displayName}?`}
      confirmLabel="Send link"
      loading={resend.loading}
      run={() => resend.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        <List.Item>
          {user.displayName} is emailed a single-use link, valid for 72 hours, that starts linking a
          new authenticator app after they sign in with their password.
        </List.Item>
        <List.Item>Any link sent before stops working.</List.Item>
        <List.Item>The email never contains a QR code or a secret.</List.Item>
      </List>
      <Text size="sm">
        Their current authenticator keeps working until the new one is confirmed.
      </Text>
    </ConfirmDialog>
  );
}
