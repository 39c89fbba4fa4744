/**
 * The closed set of error codes the API answers with, as `extensions.code`.
 * The server maps every domain error to one of these in one place; the console maps them to
 * readable messages with `errorMessages`.
 */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  INVALID_CODE = 'INVALID_CODE',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  ENROLLMENT_REQUIRED = 'ENROLLMENT_REQUIRED',
  /** The database is out of reach, or a change kept conflicting with others: try again shortly. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** The SMS provider did not take the message: nothing was sent or counted. */
  SMS_UNAVAILABLE = 'SMS_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export const errorCodes: readonly ErrorCode[] = Object.values(ErrorCode);

/** A type guard for one of `values`: what the API sent may be newer than this client. */
function oneOf<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  return (value): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const isErrorCode = oneOf(errorCodes);

/**
 * Why a request was refused, where the client must tell cases of one code apart: sent as
 * `extensions.reason` next to `extensions.code`, so consoles branch on it instead of on English.
 */
export enum ErrorReason {
  /** An administrator acting on a profile of their own login (docs/design.md, Permissions). */
  SELF = 'SELF',
  /** Only an owner acts on an owner. */
  OWNER = 'OWNER',
  /** The change would leave the account without an active owner. */
  LAST_OWNER = 'LAST_OWNER',
  /** The caller lacks the role-level permission. */
  PERMISSION = 'PERMISSION',
  /** Select a profile first (PROFILE_SELECTION). */
  PROFILE_NOT_SELECTED = 'PROFILE_NOT_SELECTED',
  /** The operation belongs to an earlier sign-in stage. */
  WRONG_STAGE = 'WRONG_STAGE',
  /** A second factor is already set up for this method. */
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  /** The method is not set up for the profile. */
  NOT_ENROLLED = 'NOT_ENROLLED',
  /** Nothing waits for confirmation: begin the enrollment first. */
  ENROLLMENT_NOT_STARTED = 'ENROLLMENT_NOT_STARTED',
  /** Two-factor authentication is off for the profile's user type. */
  TWO_FACTOR_OFF = 'TWO_FACTOR_OFF',
  /** Two-factor authentication is required for the profile: it cannot be turned off. */
  TWO_FACTOR_REQUIRED = 'TWO_FACTOR_REQUIRED',
  /** The user type's policy does not allow this method. */
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  /** A one-time link is unknown, expired, used or someone else's. */
  INVALID_LINK = 'INVALID_LINK',
  /** 100 consecutive wrong codes: an administrator must reset the second factor. */
  FACTOR_DISABLED = 'FACTOR_DISABLED',
  /** The second-factor step is not locked (or the lock ran out): there is nothing to unlock. */
  NOT_LOCKED = 'NOT_LOCKED',
  /** The email already has a profile of this user type in the account. */
  DUPLICATE_PROFILE = 'DUPLICATE_PROFILE',
  /** The login exists with another password: give that one. */
  PASSWORD_MISMATCH = 'PASSWORD_MISMATCH',
  /** An invited user becomes active only by accepting the invitation. */
  INVITATION_PENDING = 'INVITATION_PENDING',
  /**
   * Invitations are sent and revoked only for INVITED profiles: this one has accepted (or was
   * created active, or was suspended before accepting).
   */
  NOT_INVITED = 'NOT_INVITED',
  /** No invitation link of the profile waits to be used: nothing to revoke. */
  NO_PENDING_INVITATION = 'NO_PENDING_INVITATION',
  /** Another request changed the same thing at the same time: try again. */
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  /** The thing exists already (e.g. a demo account). */
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  /**
   * A login-wide power (password, the login's activity, its other profiles' sessions) needs a
   * session that verified a second factor the login already held; change the password through
   * the emailed reset instead.
   */
  LOGIN_NOT_ASSURED = 'LOGIN_NOT_ASSURED',
  /** A request may run at most one expensive hash (sign-in, password, PIN): send one at a time. */
  ONE_HASH_PER_REQUEST = 'ONE_HASH_PER_REQUEST',
  /** The domain's `_twofold` TXT record is missing or does not hold the verification token. */
  DOMAIN_RECORD_MISSING = 'DOMAIN_RECORD_MISSING',
  /** DNS gave no answer in time (or failed): nothing was decided, try again. */
  DOMAIN_LOOKUP_FAILED = 'DOMAIN_LOOKUP_FAILED',
  /** Another account has verified this domain: a domain is verified for one account at a time. */
  DOMAIN_TAKEN = 'DOMAIN_TAKEN',
  /** The account does not allow text messages to the number's country (or to any country yet). */
  SMS_COUNTRY_NOT_ALLOWED = 'SMS_COUNTRY_NOT_ALLOWED',
  /**
   * SMS would be allowed for a user type while the account allows no SMS country: nobody could
   * set it up. Allow a country first, or take SMS off the types.
   */
  SMS_NEEDS_A_COUNTRY = 'SMS_NEEDS_A_COUNTRY',
  /**
   * Another site sent the browser here (a link or a script elsewhere, which the session cookie
   * follows): a download starts from Twofold's own pages.
   */
  CROSS_SITE = 'CROSS_SITE',
  /**
   * The passkey answer names no challenge this session asked for: unknown, already used (a
   * replay, or a second use at the same time), voided by a newer one, or another session's or
   * profile's. Ask for a new challenge.
   */
  PASSKEY_CHALLENGE_INVALID = 'PASSKEY_CHALLENGE_INVALID',
  /** The passkey challenge is older than 5 minutes: ask for a new one. */
  PASSKEY_CHALLENGE_EXPIRED = 'PASSKEY_CHALLENGE_EXPIRED',
  /** The browser signed for another web origin than Twofold's (`PUBLIC_URL`): a phishing site. */
  PASSKEY_ORIGIN = 'PASSKEY_ORIGIN',
  /** The authenticator signed for another relying party (RP ID) than Twofold's host name. */
  PASSKEY_RP_ID = 'PASSKEY_RP_ID',
  /** The authenticator did not verify the user (PIN, fingerprint, face): Twofold requires it. */
  PASSKEY_USER_NOT_VERIFIED = 'PASSKEY_USER_NOT_VERIFIED',
  /** The passkey is not one of this profile's: another user's, removed, or never registered. */
  PASSKEY_UNKNOWN_CREDENTIAL = 'PASSKEY_UNKNOWN_CREDENTIAL',
  /**
   * The authenticator's signature counter went backwards: the passkey may have been cloned. The
   * answer is refused and an audit event written.
   */
  PASSKEY_COUNTER_REGRESSION = 'PASSKEY_COUNTER_REGRESSION',
  /** The passkey's signature does not verify with its public key. */
  PASSKEY_SIGNATURE = 'PASSKEY_SIGNATURE',
  /** Not a WebAuthn answer Twofold can read (JSON, encoding, attestation or assertion fields). */
  PASSKEY_MALFORMED = 'PASSKEY_MALFORMED',
  /** This authenticator's credential is registered already (by this profile or another). */
  PASSKEY_ALREADY_REGISTERED = 'PASSKEY_ALREADY_REGISTERED',
}

export const errorReasons: readonly ErrorReason[] = Object.values(ErrorReason);

export const isErrorReason = oneOf(errorReasons);

/** Default, user-facing wording per code. */
export const errorMessages: Record<ErrorCode, string> = {
  [ErrorCode.UNAUTHENTICATED]: 'Please sign in.',
  [ErrorCode.FORBIDDEN]: 'You are not allowed to do this.',
  [ErrorCode.NOT_FOUND]: 'This item does not exist.',
  [ErrorCode.BAD_USER_INPUT]: 'Some fields are not valid.',
  [ErrorCode.CONFLICT]: 'This conflicts with existing data.',
  [ErrorCode.INVALID_CODE]: 'The code is not valid.',
  [ErrorCode.TOO_MANY_ATTEMPTS]: 'Too many attempts. Please wait and try again.',
  [ErrorCode.SECOND_FACTOR_REQUIRED]: 'Please confirm with your second factor.',
  [ErrorCode.ENROLLMENT_REQUIRED]: 'Please set up two-factor authentication first.',
  [ErrorCode.UNAVAILABLE]: 'The service is temporarily unavailable. Try again in a moment.',
  [ErrorCode.SMS_UNAVAILABLE]:
    'Text messages cannot be sent right now. Try again in a moment or use another method.',
  [ErrorCode.INTERNAL_SERVER_ERROR]: 'Something went wrong on our side.',
};

/** One invalid field, as carried in `extensions.fields` of a BAD_USER_INPUT error. */
export interface FieldError {
  field: string;
  message: string;
}
