/** The four kinds of profile an account can hold (docs/design.md, Who uses it). */
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
  /** A WebAuthn credential (docs/design.md, Passkeys): possession, and with user verification inherence. */
  PASSKEY = 'PASSKEY',
}

/** What a user can present at the SECOND_FACTOR stage. */
export enum SecondFactorKind {
  AUTHENTICATOR_APP = 'AUTHENTICATOR_APP',
  SMS = 'SMS',
  PIN = 'PIN',
  BACKUP_CODE = 'BACKUP_CODE',
  /** A WebAuthn assertion (AuthenticationResponseJSON) answering a challenge of this session. */
  PASSKEY = 'PASSKEY',
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
  /** 2FA is required and not set up, and the profile has never signed in: it sets up at its first sign-in. */
  AWAITING_FIRST_SIGN_IN = 'AWAITING_FIRST_SIGN_IN',
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

/** Per-user override set by an administrator ("Enable two-factor authentication for this user"). */
export enum TwoFactorRequirement {
  INHERIT = 'INHERIT',
  REQUIRED = 'REQUIRED',
}

export enum Platform {
  IOS = 'IOS',
  ANDROID = 'ANDROID',
  WEB = 'WEB',
}

/** What an account's OpenID provider means for Twofold's second factor. */
export enum ProviderTwoFactorPolicy {
  /** Twofold's own second factor applies exactly as after a password. */
  REQUIRE_TWOFOLD = 'REQUIRE_TWOFOLD',
  /** The provider's second factor counts when its ID token shows one (`amr` or `acr`). */
  TRUST_PROVIDER = 'TRUST_PROVIDER',
  /** Sign-ins through the provider need no second factor at all. */
  EXEMPT = 'EXEMPT',
}

/** Who proved that an account holds an email domain. */
export enum DomainVerificationMethod {
  /** Twofold found the domain's `_twofold` TXT record holding the account's token. */
  DNS = 'DNS',
  /** The operator vouched for it with `pnpm twofold verify-domain`. */
  OPERATOR = 'OPERATOR',
}

/** How a session's second factor was satisfied, when Twofold's own was not asked. */
export enum SecondFactorWaiver {
  /** The provider's ID token showed a second factor the account trusts. */
  PROVIDER_MFA = 'PROVIDER_MFA',
  /** The provider is exempt from Twofold's second factor. */
  PROVIDER_EXEMPT = 'PROVIDER_EXEMPT',
}

/** Why an OpenID sign-in ended without a session (`/sign-in?openIdError=…`). */
export enum OpenIdFailure {
  /** The provider could not be reached or answered with an error. */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  /** The provider refused, or the user cancelled, at the provider. */
  PROVIDER_DENIED = 'PROVIDER_DENIED',
  /** The sign-in attempt is unknown, used, expired or started in another browser. */
  INVALID_STATE = 'INVALID_STATE',
  /** The provider did not accept Twofold's client id or secret. */
  CLIENT_REJECTED = 'CLIENT_REJECTED',
  /** The provider did not accept the code (expired, used, or PKCE mismatch). */
  CODE_REJECTED = 'CODE_REJECTED',
  /** The ID token failed its checks (signature, issuer, audience, nonce, expiry). */
  INVALID_TOKEN = 'INVALID_TOKEN',
  /** The provider gave no email or did not mark it verified. */
  EMAIL_NOT_VERIFIED = 'EMAIL_NOT_VERIFIED',
  /** The email's domain is not one the account allows for this provider. */
  EMAIL_DOMAIN_NOT_ALLOWED = 'EMAIL_DOMAIN_NOT_ALLOWED',
  /** No active profile in the account belongs to this person. */
  UNKNOWN_USER = 'UNKNOWN_USER',
  /** Too many sign-in attempts from here: wait and try again. */
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  /** Twofold could not finish the sign-in (its database was out of reach): try again. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** The sign-in was not started from Twofold's own page (a link or form of another site). */
  CROSS_SITE_START = 'CROSS_SITE_START',
  /**
   * The browser is signed in as another login: its session is kept, and the person signs out
   * before signing in as someone else.
   */
  SIGNED_IN_AS_ANOTHER_LOGIN = 'SIGNED_IN_AS_ANOTHER_LOGIN',
}
