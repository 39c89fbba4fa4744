import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { RouterProvider } from 'react-router';
import { apolloClient } from './lib/apollo';
import { createAppRouter } from './routes';
import { theme } from './theme';

const router = createAppRouter();

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications />
      <ApolloProvider client={apolloClient}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </MantineProvider>
  );
}
