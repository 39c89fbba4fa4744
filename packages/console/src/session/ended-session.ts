import { type ApolloCache, CombinedGraphQLErrors } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { ErrorCode } from '@twofold/shared';
import { SessionDocument } from '@twofold/shared/graphql';
import { forgetSignedInData } from './cache';

/** Operations whose UNAUTHENTICATED is their answer (a wrong password), not a session lost. */
const answersUnauthenticated = new Set(['SignIn', 'SignOut']);

/** What the sign-in page is told by the gate that sent the browser there. */
export interface SignInState {
  /** The page to return to once signed in again. */
  from?: string;
  /** The console was signed in and the server no longer knows its session. */
  ended?: boolean;
}

/**
 * Whether the console's session ended under it since the sign-in page last showed: set by
 * `endedSessionLink`, read by the gate when it sends the browser to sign-in, cleared by the
 * sign-in page once it has said so (so a later sign-out is not reported as an ended session).
 */
let ended = false;

export function sessionEnded(): boolean {
  return ended;
}

/**
 * Whether the person signed out on purpose since the sign-in page last showed: set by
 * `useSignOut`, so the sign-in page it lands on says "You are signed out" (once: not after a
 * reload), and the gate does not send the next person back to the page the last one was on.
 */
let signedOut = false;

export function noteSignOut(): void {
  signedOut = true;
  ended = false;
}

export function signOutNoted(): boolean {
  return signedOut;
}

/** The sign-in page has said why it shows: a later visit says nothing. */
export function acknowledgeSessionEnded(): void {
  ended = false;
  signedOut = false;
}

/**
 * Ends the console's session when the server no longer knows it (an administrator's reset, a
 * revocation, an idle timeout, a sign-out in another tab): any UNAUTHENTICATED answer while the
 * cache holds a session forgets what the profile could see, and the gate then sends the browser
 * to sign-in, which says why and returns to the page after signing in again.
 */
export function endedSessionLink(cache: ApolloCache): ErrorLink {
  return new ErrorLink(({ error, operation }) => {
    if (answersUnauthenticated.has(operation.operationName ?? '')) return;
    if (!CombinedGraphQLErrors.is(error)) return;
    if (!error.errors.some((e) => e.extensions?.code === ErrorCode.UNAUTHENTICATED)) return;
    // a console that was not signed in has nothing to end (the sign-in pages themselves)
    if (!cache.readQuery({ query: SessionDocument })?.session) return;
    ended = true;
    forgetSignedInData(cache);
  });
}
