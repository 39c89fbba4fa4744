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
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export const errorCodes: readonly ErrorCode[] = Object.values(ErrorCode);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

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
  [ErrorCode.INTERNAL_SERVER_ERROR]: 'Something went wrong on our side.',
};

/** One invalid field, as carried in `extensions.fields` of a BAD_USER_INPUT error. */
export interface FieldError {
  field: string;
  message: string;
}
