import { ApolloLink } from '@apollo/client';
import { print } from 'graphql';
import { from, mergeMap, of } from 'rxjs';

/** What public/early-session.js leaves for the app: the question it sent and its answer. */
export interface EarlySession {
  query: string;
  /** The answer's JSON, or null when the request failed or was refused. */
  answer: Promise<unknown>;
}

declare global {
  interface Window {
    twofoldEarlySession?: EarlySession;
  }
}

function isResult(value: unknown): value is ApolloLink.Result {
  return typeof value === 'object' && value !== null && ('data' in value || 'errors' in value);
}

/**
 * Answers the app's first Session query with the answer index.html's early script already asked
 * for (public/early-session.js), once, when it asked the very same query; anything else, a failed
 * early request included, goes on to the network as usual.
 */
export function earlySessionLink(early = window.twofoldEarlySession): ApolloLink {
  let pending = early;
  return new ApolloLink((operation, forward) => {
    const sent = pending;
    if (!sent || operation.operationName !== 'Session') return forward(operation);
    pending = undefined;
    if (print(operation.query) !== sent.query) return forward(operation);
    return from(sent.answer).pipe(
      mergeMap((answer) => (isResult(answer) ? of(answer) : forward(operation))),
    );
  });
}
