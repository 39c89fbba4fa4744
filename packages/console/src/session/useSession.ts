import { useQuery } from '@apollo/client/react';
import { SessionDocument } from '@twofold/shared/graphql';

/**
 * The caller's session (null when signed out). The gate loads it once; pages read it from the
 * cache and mutations replace it there, so every screen follows the session's stage.
 */
export function useSession() {
  return useQuery(SessionDocument);
}
