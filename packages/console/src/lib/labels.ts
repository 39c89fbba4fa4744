import type { TwoFactorMethod, UserType } from '@twofold/shared/graphql';

export const userTypeLabels: Record<UserType, string> = {
  ADMINISTRATOR: 'Administrator',
  APP_ADMINISTRATOR: 'App administrator',
  APP_REVIEWER: 'App reviewer',
  APP_REPORT_VIEWER: 'App report viewer',
};

export const twoFactorMethodLabels: Record<TwoFactorMethod, string> = {
  AUTHENTICATOR_APP: 'Authenticator app',
  SMS: 'Text message (SMS)',
  PIN: 'PIN',
};

/** "12 March 2026, 14:05" in the browser's language and time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}
