import { List, Text } from '@mantine/core';
import type { UserRowFragment } from '@twofold/shared/graphql';
import { ConfirmDialog } from '../../Users/components/ConfirmDialog';
import {
  useEndUserSessions,
  useForgetUserRememberedBrowsers,
  useUnlockTwoFactor,
} from '../useUserDetail';

interface DialogProps {
  user: UserRowFragment;
  onClose: () => void;
}

export function UnlockDialog({ user, onClose }: DialogProps) {
  const unlock = useUnlockTwoFactor();
  return (
    <ConfirmDialog
      title={`Unlock ${user.displayName}?`}
      confirmLabel="Unlock"
      loading={unlock.loading}
      run={() => unlock.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <List size="sm" spacing={4}>
        <List.Item>
          {user.displayName} can enter codes again at once, with a fresh count of wrong codes.
        </List.Item>
        <List.Item>Their second factors and sessions stay as they are.</List.Item>
      </List>
      <Text size="sm">
        Unlock only when you know the wrong codes were theirs: a lockout also stops someone
        guessing.
      </Text>
    </ConfirmDialog>
  );
}

export function EndSessionsDialog({ user, count, onClose }: DialogProps & { count: number }) {
  const end = useEndUserSessions();
  return (
    <ConfirmDialog
      title={`End all sessions of ${user.displayName}?`}
      confirmLabel="End all sessions"
      color="red"
      loading={end.loading}
      run={() => end.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <Text size="sm">
        {count === 1 ? 'Their open session ends' : `Their ${count} open sessions end`} at once, in
        every browser and API client: they sign in again with their password and second factor.
        Nothing else changes.
      </Text>
    </ConfirmDialog>
  );
}

export function ForgetBrowsersDialog({ user, count, onClose }: DialogProps & { count: number }) {
  const forget = useForgetUserRememberedBrowsers();
  return (
    <ConfirmDialog
      title={`Forget the remembered browsers of ${user.displayName}?`}
      confirmLabel="Forget all"
      color="red"
      loading={forget.loading}
      run={() => forget.call(user)}
      onDone={onClose}
      onClose={onClose}
    >
      <Text size="sm">
        {count === 1 ? 'Their remembered browser asks' : `Their ${count} remembered browsers ask`}{' '}
        for their second factor again at the next sign-in. Their sessions and factors stay as they
        are.
      </Text>
    </ConfirmDialog>
  );
}
