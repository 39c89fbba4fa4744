import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { SessionDocument } from '@twofold/shared/graphql';
import { RouterProvider } from 'react-router';
import { Toasts } from './components/Toasts';
import { createApolloClient, createCache } from './lib/apollo';
import { createAppRouter, preloadFirstPage } from './routes';
import { endedSessionLink } from './session/ended-session';
import { cssVariablesResolver, theme } from './theme';

const router = createAppRouter();
const cache = createCache();
const apolloClient = createApolloClient(cache, [endedSessionLink(cache)]);
// The gates' first question, asked while the app itself is still starting (their own query joins
// this request; a failure shows there, through QueryState). Its answer starts loading the page.
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
