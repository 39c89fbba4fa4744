/** The four kinds of profile an account can hold (DESIGN §1, §3). */
export enum UserType {
  ADMINISTRATOR = 'ADMINISTRATOR',
  APP_ADMINISTRATOR = 'APP_ADMINISTRATOR',
  APP_REVIEWER = 'APP_REVIEWER',
  APP_REPORT_VIEWER = 'APP_REPORT_VIEWER',
}

/** Methods an account owner can allow per user type. */
export enum TwoFactorMethod {
  AUTHENTICATOR_APP = 'AUTHENTICATOR_APP',
  SMS = 'SMS',
  PIN = 'PIN',
}

/** What a user can present at the SECOND_FACTOR stage. */
export enum SecondFactorKind {
  AUTHENTICATOR_APP = 'AUTHENTICATOR_APP',
  SMS = 'SMS',
  PIN = 'PIN',
  BACKUP_CODE = 'BACKUP_CODE',
}

export enum Enforcement {
  OFF = 'OFF',
  OPTIONAL = 'OPTIONAL',
  REQUIRED = 'REQUIRED',
}

export enum SessionStage {
  PROFILE_SELECTION = 'PROFILE_SELECTION',
  SECOND_FACTOR = 'SECOND_FACTOR',
  ENROLLMENT = 'ENROLLMENT',
  ACTIVE = 'ACTIVE',
}

export enum TokenTransport {
  COOKIE = 'COOKIE',
  BEARER = 'BEARER',
}

export enum TwoFactorStatus {
  NOT_REQUIRED = 'NOT_REQUIRED',
  OPTIONAL_OFF = 'OPTIONAL_OFF',
  GRACE = 'GRACE',
  ENROLLED = 'ENROLLED',
  OVERDUE = 'OVERDUE',
  LOCKED = 'LOCKED',
}

export enum UserStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}

/** Per-user override set by an administrator ("Enable 2-Factor Authentication for this user"). */
export enum TwoFactorRequirement {
  INHERIT = 'INHERIT',
  REQUIRED = 'REQUIRED',
}

export enum Platform {
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  WEB = 'WEB',
}
