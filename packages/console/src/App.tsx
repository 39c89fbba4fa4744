import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from 'react-router';
import { createApolloClient, createCache } from './lib/apollo';
import { createAppRouter } from './routes';
import { endedSessionLink } from './session/ended-session';
import { cssVariablesResolver, theme } from './theme';

const router = createAppRouter();
const cache = createCache();
const apolloClient = createApolloClient(cache, [endedSessionLink(cache)]);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications />
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>
  );
}
