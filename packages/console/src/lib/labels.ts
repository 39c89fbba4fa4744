import type { SecondFactorKind, TwoFactorMethod, UserType } from '@twofold/shared/graphql';

export const userTypeLabels: Record<UserType, string> = {
  ADMINISTRATOR: 'Administrator',
  APP_ADMINISTRATOR: 'App administrator',
  APP_REVIEWER: 'App reviewer',
  APP_REPORT_VIEWER: 'App report viewer',
};

export const twoFactorMethodLabels: Record<TwoFactorMethod, string> = {
  AUTHENTICATOR_APP: 'Authenticator app',
  SMS: 'Text message (SMS)',
  PIN: 'PIN code (additional verification)',
};

/** The tabs of the second-factor step. */
export const secondFactorKindLabels: Record<SecondFactorKind, string> = {
  AUTHENTICATOR_APP: 'Authenticator app',
  SMS: 'Text message',
  PIN: 'PIN code',
  BACKUP_CODE: 'Backup code',
};

/** "12 March 2026, 14:05" in the browser's language and time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}
