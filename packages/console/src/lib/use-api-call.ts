import type { ApolloClient } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { type ApiError, type ErrorWording, toApiError } from './api-error';

/** What every mutation hook answers: the data, or an error ready to show. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** How a family of calls words its failures; pass a module constant, not a fresh object. */
export interface FailureWording {
  /** Sentences by error code that replace the default ones. */
  wording?: ErrorWording;
  /** The last word on a failure: a reason's own sentence, or a refresh of what it showed stale. */
  explain?: (error: ApiError, client: ApolloClient) => ApiError | Promise<ApiError>;
}

const plain: FailureWording = {};

/**
 * Runs `run` with progress and maps any failure to an `ApiError` (docs/conventions.md: one result shape
 * for every `useXxx` mutation hook), so forms only branch on `ok`.
 */
export function useApiCall<Args extends unknown[], T>(
  run: (...args: Args) => Promise<T>,
  { wording, explain }: FailureWording = plain,
) {
  const client = useApolloClient();
  const [loading, setLoading] = useState(false);
  const call = useCallback(
    async (...args: Args): Promise<ApiResult<T>> => {
      setLoading(true);
      try {
        return { ok: true, data: await run(...args) };
      } catch (error) {
        const apiError = toApiError(error, wording);
        return { ok: false, error: explain ? await explain(apiError, client) : apiError };
      } finally {
        setLoading(false);
      }
    },
    [run, wording, explain, client],
  );
  return { call, loading };
}
