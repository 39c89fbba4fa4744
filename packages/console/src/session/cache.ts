import type { ApolloCache } from '@apollo/client';
import { SessionDocument, type SessionFieldsFragment } from '@twofold/shared/graphql';

/** Replaces the cached `session` query; the gate re-routes on the new stage. */
export function writeSession(cache: ApolloCache, session: SessionFieldsFragment | null): void {
  cache.writeQuery({ query: SessionDocument, data: { session } });
}

/**
 * After sign-out: the session is null and nothing the profile could see stays cached. Unlike
 * `client.clearStore()`, this keeps the gate's query watching, so it re-routes at once.
 */
export function forgetSignedInData(cache: ApolloCache): void {
  writeSession(cache, null);
  cache.modify({
    id: 'ROOT_QUERY',
    fields: (value: unknown, { fieldName, DELETE }) => (fieldName === 'session' ? value : DELETE),
  });
  cache.gc();
}
