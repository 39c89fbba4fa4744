import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockLink } from '@apollo/client/testing';
import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@twofold/shared';
import { AppListDocument, SessionDocument, SignInDocument } from '@twofold/shared/graphql';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { sessionMock, viewerMock } from '../../test/app';
import { mockOf } from '../../test/mock';
import { makeSession } from '../../test/sessions';
import { createCache } from '../lib/apollo';
import { routes } from '../routes';
import { cssVariablesResolver, theme } from '../theme';
import { acknowledgeSessionEnded, endedSessionLink, sessionEnded } from './ended-session';
import { paths } from './paths';

const refused = (code: ErrorCode) => ({
  errors: [new GraphQLError('refused', { extensions: { code } })],
});

/** A client whose answers are `mocks`, behind the link, signed in or not. */
function clientWith(mocks: ReadonlyArray<MockLink.MockedResponse>, signedIn: boolean) {
  const cache = createCache();
  cache.writeQuery({
    query: SessionDocument,
    data: { session: signedIn ? makeSession('ACTIVE') : null },
  });
  const client = new ApolloClient({
    cache,
    link: ApolloLink.from([endedSessionLink(cache), new MockLink(mocks)]),
  });
  return { client, cache };
}

describe('a session that ended under an open console (docs/design.md, Sign-in stages)', () => {
  it.each([
    ['an UNAUTHENTICATED answer while signed in', ErrorCode.UNAUTHENTICATED, true, true],
    ['another refusal while signed in', ErrorCode.FORBIDDEN, true, false],
    ['an UNAUTHENTICATED answer while signed out', ErrorCode.UNAUTHENTICATED, false, false],
  ])('%s: ends the session = %s', async (_case, code, signedIn, ends) => {
    acknowledgeSessionEnded();
    const { client, cache } = clientWith(
      [mockOf(AppListDocument, { result: refused(code) })],
      signedIn,
    );
    await client.query({ query: AppListDocument }).catch(() => undefined);
    expect(sessionEnded()).toBe(ends);
    const session = cache.readQuery({ query: SessionDocument })?.session ?? null;
    expect(session === null).toBe(ends || !signedIn);
  });

  it('leaves a wrong password to the sign-in form', async () => {
    const variables = { email: 'ada@acme.test', password: 'wrong' };
    acknowledgeSessionEnded();
    const { client, cache } = clientWith(
      [mockOf(SignInDocument, { variables, result: refused(ErrorCode.UNAUTHENTICATED) })],
      true,
    );
    await client.mutate({ mutation: SignInDocument, variables }).catch(() => undefined);
    expect(sessionEnded()).toBe(false);
    expect(cache.readQuery({ query: SessionDocument })?.session).not.toBeNull();
  });

  it('opens sign-in saying why, and remembers the page to return to', async () => {
    const router = createMemoryRouter(routes, { initialEntries: [paths.apps] });
    const cache = createCache();
    const link = endedSessionLink(cache);
    const mocks = [
      sessionMock(makeSession('ACTIVE')),
      viewerMock,
      mockOf(AppListDocument, { result: refused(ErrorCode.UNAUTHENTICATED) }),
    ];
    const client = new ApolloClient({ cache, link: ApolloLink.from([link, new MockLink(mocks)]) });
    render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <ApolloProvider client={client}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </MantineProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Sign in to Twofold' })).toBeVisible();
    expect(screen.getByText('Your session has ended')).toBeVisible();
    await waitFor(() => expect(router.state.location.pathname).toBe(paths.signIn));
    expect(router.state.location.state).toEqual({ from: paths.apps, ended: true });
    // said once: the flag is down for a later sign-out
    expect(sessionEnded()).toBe(false);
  });
});
