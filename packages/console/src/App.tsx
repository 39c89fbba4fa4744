import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { SessionDocument } from '@twofold/shared/graphql';
import { RouterProvider } from 'react-router';
import { Toasts } from './components/Toasts';
import { createApolloClient, createCache } from './lib/apollo';
import { createAppRouter, preloadFirstPage } from './routes';
import { earlySessionLink } from './session/early-session';
import { endedSessionLink } from './session/ended-session';
import { cssVariablesResolver, theme } from './theme';

const router = createAppRouter();
const cache = createCache();
const apolloClient = createApolloClient(cache, [endedSessionLink(cache), earlySessionLink()]);
// The gates' first question (index.html's early script asked it already: earlySessionLink), its
// answer awaited while the app still starts; the gates' own query joins it, and a failure shows
// there, through QueryState. The answer starts loading the page the visit opened on.
apolloClient
  .query({ query: SessionDocument })
  .then(({ data }) => data && preloadFirstPage(router, data.session))
  .catch(() => undefined);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Toasts />
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>
  );
}
