import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** Turns any error Apollo Client reports into a sentence a person can act on. */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors.map((graphQLError) => graphQLError.message);
    return messages.length > 0 ? messages.join(' ') : 'The server rejected the request.';
  }
  if (ServerError.is(error)) {
    // A proxy answers 502-504 when the API process behind it is down or still starting.
    if (error.statusCode >= 502 && error.statusCode <= 504) {
      return `The API server is not running or not responding (HTTP ${error.statusCode}).`;
    }
    return `The server answered with HTTP status ${error.statusCode}.`;
  }
  if (ServerParseError.is(error)) {
    return 'The server sent a response that is not GraphQL. Is the API running behind this address?';
  }
  // fetch() rejects with a TypeError when the network or the server is unreachable.
  if (error instanceof TypeError) {
    return `The server could not be reached (${error.message}).`;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
