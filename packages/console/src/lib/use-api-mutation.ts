import { useCallback, useState } from 'react';
import { type ApiError, type ErrorWording, toApiError } from './api-error';

/** What every mutation hook answers: the data, or an error ready to show. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

const noWording: ErrorWording = {};

/**
 * Runs `run` with progress and maps any failure to an `ApiError` (docs/conventions.md: one result shape
 * for every `useXxx` mutation hook), so forms only branch on `ok`.
 */
export function useApiCall<Args extends unknown[], T>(
  run: (...args: Args) => Promise<T>,
  wording: ErrorWording = noWording,
) {
  const [loading, setLoading] = useState(false);
  const call = useCallback(
    async (...args: Args): Promise<ApiResult<T>> => {
      setLoading(true);
      try {
        return { ok: true, data: await run(...args) };
      } catch (error) {
        return { ok: false, error: toApiError(error, wording) };
      } finally {
        setLoading(false);
      }
    },
    [run, wording],
  );
  return { call, loading };
}
