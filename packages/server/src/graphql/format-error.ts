import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, errorMessages, isErrorReason } from '@twofold/shared';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isTransientDatabaseFault } from '../db/faults';
import { DomainError } from '../errors';

/**
 * Codes Apollo itself gives malformed or refused requests (parse and validation failures, which
 * include graphql-armor's depth, alias, cost and directive limits, bad variables, unknown
 * operations, CSRF refusals): safe to pass on as they are. Taken from Apollo's own list so that a
 * request error is never mistaken for a server fault.
 */
const apolloRequestCodes: ReadonlySet<string> = new Set(
  Object.values(ApolloServerErrorCode).filter(
    (code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR,
  ),
);

/** True when an error is not one we threw on purpose nor a malformed request: logged, then hidden. */
export function isUnexpectedError(error: GraphQLError): boolean {
  if (unwrapResolverError(error) instanceof DomainError) return false;
  const code = error.extensions?.code;
  return !(typeof code === 'string' && apolloRequestCodes.has(code));
}

/**
 * The one place domain errors become `extensions.code`; database outages and lost conflicts
 * become `UNAVAILABLE`; anything unknown is hidden.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        ...original.details,
        code: original.code,
        ...(original.reason ? { reason: original.reason } : {}),
      },
    };
  }
  // the database is out of reach, or a conflict outlasted its retries (db/retry.ts): the same
  // request may well succeed in a moment. Still logged as a fault (isUnexpectedError).
  if (isTransientDatabaseFault(original)) {
    return {
      message: errorMessages[ErrorCode.UNAVAILABLE],
      path: formatted.path,
      extensions: { code: ErrorCode.UNAVAILABLE },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && apolloRequestCodes.has(code)) {
    const reason = formatted.extensions?.reason;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      // a refusal of ours (e.g. a second hash in one request) says why, as domain errors do
      extensions: { code, ...(isErrorReason(reason) ? { reason } : {}) },
    };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
