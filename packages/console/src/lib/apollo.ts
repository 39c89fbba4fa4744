import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // A Session has no id: each answer replaces the cached one whole, it never merges.
          session: { merge: false },
        },
      },
      // An account is read without its id before the second factor (docs/design.md, Sign-in stages): the fields one
      // query reads (name) and another (allowed countries) belong to the same account, so merge.
      User: { fields: { account: { merge: true } } },
    },
  });
}

/**
 * The console's client. The API is served from the same origin (Vite proxies it in development),
 * so the session cookie travels with every request and no CORS is involved. `links` run before
 * the request is sent (and see its answer first).
 */
export function createApolloClient(
  cache: InMemoryCache,
  links: readonly ApolloLink[] = [],
): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      ...links,
      new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    ]),
    cache,
  });
}
