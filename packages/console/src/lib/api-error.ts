import { CombinedGraphQLErrors } from '@apollo/client/errors';
import {
  ErrorCode,
  errorMessages,
  type ErrorReason,
  type FieldError,
  isErrorCode,
  isErrorReason,
} from '@twofold/shared';
import { describeError } from './describe-error';

/** A failed API call, ready to show: one sentence plus any per-field messages. */
export interface ApiError {
  /** The `extensions.code` of the first GraphQL error; undefined for network failures. */
  code: ErrorCode | undefined;
  /** The `extensions.reason` of that error, where the server tells cases of one code apart. */
  reason?: ErrorReason;
  message: string;
  /** From a BAD_USER_INPUT error's `extensions.fields`. */
  fields: FieldError[];
  /**
   * TOO_MANY_ATTEMPTS, or the INVALID_CODE that locked the step: seconds until the next try is
   * allowed.
   */
  retryAfterSeconds?: number;
  /** INVALID_CODE: wrong codes left before the lockout (0: this one locked the step). */
  attemptsRemaining?: number;
}

/** Per-operation wording that replaces the default one of `errorMessages`. */
export type ErrorWording = Partial<Record<ErrorCode, string>>;

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).field === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}

/** "1 minute", "15 minutes": waits are shown in whole minutes, rounded up. */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

const positive = (value: unknown): value is number => typeof value === 'number' && value > 0;

/** "You have 2 tries left before a lockout." after a wrong code the lockout counted. */
export function triesLeft(
  attemptsRemaining: number,
  retryAfterSeconds: number | undefined,
): string {
  if (attemptsRemaining === 1) return 'You have 1 try left before a lockout.';
  if (attemptsRemaining > 1) return `You have ${attemptsRemaining} tries left before a lockout.`;
  return retryAfterSeconds
    ? `That was the last try: try again in ${formatWait(retryAfterSeconds)}.`
    : 'That was the last try.';
}

/** Maps whatever Apollo Client rejected with to a readable message, by error code. */
export function toApiError(error: unknown, wording: ErrorWording = {}): ApiError {
  if (!CombinedGraphQLErrors.is(error)) {
    return { code: undefined, message: describeError(error), fields: [] };
  }
  const first = error.errors[0];
  const rawCode = first?.extensions?.code;
  if (!first || !isErrorCode(rawCode)) {
    return { code: undefined, message: describeError(error), fields: [] };
  }
  const code = rawCode;
  const rawReason = first.extensions?.reason;
  const reason = isErrorReason(rawReason) ? { reason: rawReason } : {};
  const fields = Array.isArray(first.extensions?.fields)
    ? first.extensions.fields.filter(isFieldError)
    : [];
  const retryAfter = first.extensions?.retryAfterSeconds;
  if (code === ErrorCode.INVALID_CODE) {
    const attemptsRemaining = first.extensions?.attemptsRemaining;
    if (typeof attemptsRemaining === 'number' && attemptsRemaining >= 0) {
      const wait = positive(retryAfter) ? { retryAfterSeconds: retryAfter } : {};
      const message = wording[code] ?? errorMessages[code];
      return {
        code,
        ...reason,
        message: `${message} ${triesLeft(attemptsRemaining, wait.retryAfterSeconds)}`,
        fields,
        attemptsRemaining,
        ...wait,
      };
    }
  }
  if (code === ErrorCode.TOO_MANY_ATTEMPTS) {
    if (positive(retryAfter)) {
      return {
        code,
        ...reason,
        message: `Too many attempts. Try again in ${formatWait(retryAfter)}.`,
        fields,
        retryAfterSeconds: retryAfter,
      };
    }
  }
  return { code, ...reason, message: wording[code] ?? errorMessages[code], fields };
}
