import type {
  Platform,
  ProviderTwoFactorPolicy,
  SecondFactorKind,
  TwoFactorMethod,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared/graphql';

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
  PASSKEY: 'Passkey (fingerprint, face or security key)',
};

/** The tabs of the second-factor step. */
export const secondFactorKindLabels: Record<SecondFactorKind, string> = {
  AUTHENTICATOR_APP: 'Authenticator app',
  SMS: 'Text message',
  PIN: 'PIN code',
  BACKUP_CODE: 'Backup code',
  PASSKEY: 'Passkey',
};

/** One word of each method's label, for a row of tabs on a phone (`ShortLabel`). */
export const shortSecondFactorLabels: Record<SecondFactorKind, string> = {
  AUTHENTICATOR_APP: 'App',
  SMS: 'Text',
  PIN: 'PIN',
  BACKUP_CODE: 'Backup',
  PASSKEY: 'Passkey',
};

/** "12 March 2026, 14:05" in the browser's language and time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

export const platformLabels: Record<Platform, string> = {
  IOS: 'iOS',
  ANDROID: 'Android',
  WEB: 'Web',
};

/** The 2FA situation of a user, as lists and filters name it. */
export const twoFactorStatusLabels: Record<TwoFactorStatus, string> = {
  NOT_REQUIRED: 'Not required',
  OPTIONAL_OFF: 'Optional, off',
  AWAITING_FIRST_SIGN_IN: 'Sets up at first sign-in',
  GRACE: 'Grace period',
  ENROLLED: 'Enrolled',
  OVERDUE: 'Overdue',
  LOCKED: 'Locked',
};

export const userStatusLabels: Record<UserStatus, string> = {
  INVITED: 'Invited',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
};

/** A provider's second-factor rule, as the identity providers list states it. */
export const providerTwoFactorPolicyLabels: Record<ProviderTwoFactorPolicy, string> = {
  REQUIRE_TWOFOLD: "Twofold's second factor",
  TRUST_PROVIDER: "Provider's second factor when shown",
  EXEMPT: 'No second factor',
};
