import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

// The API is served from the same origin (Vite proxies it in development), so the session
// cookie travels with every request and no CORS is involved.
export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache(),
});
