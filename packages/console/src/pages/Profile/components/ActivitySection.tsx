import { List, Text, Title } from '@mantine/core';
import type { ProfileSecurityQuery } from '@twofold/shared/graphql';
import { formatDateTime } from '../../../lib/labels';

const actions: Record<string, string> = {
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'auth.password_changed': 'Password changed',
  'auth.signed_in': 'Signed in',
  'two_factor.enabled': 'Two-factor method added',
  'two_factor.disabled': 'Two-factor authentication turned off',
  'two_factor.reset': 'Two-factor authentication reset by an administrator',
  'two_factor.enrollment_started': 'Two-factor setup started',
  'two_factor.enrollment_link_sent': 'Enrollment link sent by an administrator',
  'two_factor.backup_codes_regenerated': 'New backup codes',
  'two_factor.pin_changed': 'PIN changed',
  'two_factor.sms_code_sent': 'Code sent by text message',
  'two_factor.browser_remembered': 'Browser remembered',
  'two_factor.remembered_browsers_forgotten': 'Remembered browsers forgotten',
  'auth.remembered_browser_used': 'Signed in on a remembered browser',
};

/** The login's security activity: sign-ins, failures, password and 2FA changes, all accounts. */
export function ActivitySection({
  login,
  viaProvider,
}: {
  login: ProfileSecurityQuery['login'];
  /** The session was opened by the account's identity provider. */
  viaProvider: boolean;
}) {
  const events = login?.securityEvents.nodes ?? [];
  return (
    <>
      <Title order={2}>Security activity</Title>
      {!login && viaProvider ? (
        <Text size="sm">
          You signed in with your organization’s identity provider. Sign in with your Twofold
          password to see your login’s security activity.
        </Text>
      ) : !login ? (
        <Text size="sm">
          Your login’s security activity, across every account, is shown once you sign in with a
          second factor you already had (a backup code does not count).
        </Text>
      ) : events.length === 0 ? (
        <Text size="sm">Nothing yet.</Text>
      ) : (
        <List size="sm">
          {events.map((event) => (
            <List.Item key={event.id}>
              {actions[event.action] ?? event.action} — {formatDateTime(event.createdAt)}
              {event.ip && ` from ${event.ip}`}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
