import type { SessionQuery, SessionStage } from '@twofold/shared/graphql';
import { type ReactNode, useDeferredValue } from 'react';
import { type Location, Navigate, Outlet, useLocation } from 'react-router';
import { QueryState } from '../components/QueryState';
import { type SignInState, sessionEnded, signOutNoted } from './ended-session';
import { isLinkPage, paths, stagePaths } from './paths';
import { useSession } from './useSession';

export type SessionGateProps =
  /** Only for visitors without a session (the sign-in page). */
  | { signedOut: true }
  /** Only for sessions at one of these stages; an empty list lets nobody in. */
  | { stages: readonly SessionStage[] };

function returnPath(state: unknown): string | undefined {
  const from = (state as SignInState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') ? from : undefined;
}

/**
 * Renders its child routes only for the right kind of visitor, and otherwise sends them where
 * their session belongs: signed out to sign-in (remembering the page), signed in to their stage.
 */
export function SessionGate(props: SessionGateProps) {
  const location = useLocation();
  const sessionQuery = useSession();
  // The page the answer opens renders in the background, in short slices: on a phone it is the
  // longest work of a first visit, and no input waits for it (docs/performance.md).
  const data = useDeferredValue(sessionQuery.data);
  return (
    <QueryState
      query={{ ...sessionQuery, data }}
      errorTitle="Could not check whether you are signed in"
    >
      {({ session }) => routeFor(props, session, location)}
    </QueryState>
  );
}

/** Whether the gate shows its child routes to this session (else it redirects). */
export function admits(props: SessionGateProps, session: SessionQuery['session']): boolean {
  if ('signedOut' in props) return !session;
  return !!session && props.stages.includes(session.stage);
}

/** Where the gate sends this visitor: its child routes, or a redirect. */
function routeFor(
  props: SessionGateProps,
  session: SessionQuery['session'],
  location: Location,
): ReactNode {
  if ('signedOut' in props) {
    if (!session) return <Outlet />;
    const from = returnPath(location.state);
    // an enrollment link works at any stage past the password (docs/design.md, Second-factor rules, lost phones)
    const back =
      from &&
      (session.stage === 'ACTIVE' || (isLinkPage(from) && session.stage !== 'PROFILE_SELECTION'));
    const target = back ? from : stagePaths[session.stage];
    return <Navigate to={target} replace />;
  }
  if (!session) {
    const from = `${location.pathname}${location.search}`;
    // after a sign-out the next person starts at home, not on the page the last one left
    const state: SignInState = {
      ...(from === '/' || signOutNoted() ? {} : { from }),
      ...(sessionEnded() ? { ended: true } : {}),
    };
    return (
      <Navigate to={paths.signIn} replace state={Object.keys(state).length ? state : undefined} />
    );
  }
  if (admits(props, session)) return <Outlet />;
  return <Navigate to={stagePaths[session.stage]} replace />;
}
