import type { ErrorLike } from '@apollo/client';
import { Alert, Button, Container, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { toApiError } from '../lib/api-error';
import { PageLoader } from './PageLoader';

/** The part of a `useQuery` result that tells what to show. */
export interface QueryResultLike<TData> {
  data?: TData | undefined;
  error?: ErrorLike | undefined;
  refetch: () => Promise<unknown>;
}

/** A query that failed: what could not be loaded, why (by its error code), and a way to retry. */
export function QueryError({
  title,
  error,
  retry,
}: {
  title: string;
  error: unknown;
  retry: () => Promise<unknown>;
}) {
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{toApiError(error).message}</Text>
        <Button
          size="xs"
          variant="light"
          color="red"
          // a failed retry shows through the query's own error
          onClick={() => void retry().catch(() => undefined)}
        >
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * One query's state: a loader until its data arrives, its error with a retry, then `children`
 * with the data. A section of a page names its small loader (`loadingLabel`); without one the
 * query holds up the whole page. `select` picks what the children need; while it is null or
 * undefined the loader stays. Data already shown stays below a later error.
 */
export function QueryState<TData, TShown = TData>({
  query,
  errorTitle,
  loadingLabel,
  select,
  children,
}: {
  query: QueryResultLike<TData>;
  errorTitle: string;
  loadingLabel?: string;
  select?: (data: TData) => TShown | null | undefined;
  children: (shown: NonNullable<TShown>) => ReactNode;
}) {
  const { data, error, refetch } = query;
  // without `select` what is shown is the data itself (TShown defaults to TData)
  const shown =
    data === undefined ? undefined : select ? select(data) : (data as unknown as TShown);
  const page = loadingLabel === undefined;
  const failure = error && <QueryError title={errorTitle} error={error} retry={refetch} />;
  if (shown === undefined || shown === null) {
    if (failure) {
      return page ? (
        <Container size="sm" py="xl">
          {failure}
        </Container>
      ) : (
        failure
      );
    }
    return page ? <PageLoader /> : <Loader size="sm" aria-label={loadingLabel} />;
  }
  return (
    <>
      {failure && page ? (
        <Container size="sm" pt="xl">
          {failure}
        </Container>
      ) : (
        failure
      )}
      {children(shown)}
    </>
  );
}
