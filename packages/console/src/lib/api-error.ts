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
  /** TOO_MANY_ATTEMPTS: seconds until the next try is allowed. */
  retryAfterSeconds?: number;
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
  if (code === ErrorCode.TOO_MANY_ATTEMPTS) {
    const retryAfter = first.extensions?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) {
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
