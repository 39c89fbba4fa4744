import type {
  ApolloCache,
  MutationUpdaterFunction,
  OperationVariables,
  Reference,
} from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { type ApiResult, type FailureWording, useApiCall } from './use-api-call';

/** The green notification of a change that went through. */
export type Notice = string | { title: string; message: string };

/** Tells that a change went through. */
export function showNotice(notice: Notice): void {
  notifications.show({
    color: 'green',
    ...(typeof notice === 'string' ? { message: notice } : notice),
  });
}

export interface MutationHookConfig<
  TData,
  TVariables extends OperationVariables,
  Args extends unknown[],
  TResult,
>
  extends
    FailureWording,
    Pick<
      useMutation.Options<TData, TVariables>,
      'refetchQueries' | 'awaitRefetchQueries' | 'onQueryUpdated' | 'update'
    > {
  /** The mutation's variables, from what the form passes to `call`. */
  variables: (...args: Args) => TVariables;
  /** What `call` answers, picked from the mutation's data; the data itself when left out. */
  result?: (data: TData) => TResult;
  /** What to tell once it went through, from the mutation's data; nothing when left out. */
  notify?: (data: TData, ...args: Args) => Notice;
}

export type MutationHook<Args extends unknown[], TResult> = () => {
  call: (...args: Args) => Promise<ApiResult<TResult>>;
  loading: boolean;
};

/**
 * A `useXxx` mutation hook in the one shape of docs/conventions.md: `call` runs the typed
 * document with progress, tells of success, updates the cache as configured, and answers the
 * result or an error described by its code, so forms only branch on `ok`.
 */
export function createMutationHook<
  TData,
  TVariables extends OperationVariables,
  Args extends unknown[],
  TResult = TData,
>(
  document: TypedDocumentNode<TData, TVariables>,
  config: MutationHookConfig<TData, TVariables, Args, TResult>,
): MutationHook<Args, TResult> {
  const { variables, result, notify, wording, explain, ...options } = config;
  const failures: FailureWording = { wording, explain };
  return function useMutationHook() {
    const [mutate] = useMutation(document, options);
    const run = useCallback(
      async (...args: Args): Promise<TResult> => {
        const { data } = await mutate({ variables: variables(...args) });
        if (!data) throw new Error('The server sent no answer.');
        if (notify) showNotice(notify(data, ...args));
        // without `result`, TResult is TData (its default)
        return result ? result(data) : (data as unknown as TResult);
      },
      [mutate],
    );
    return useApiCall(run, failures);
  };
}

/**
 * The `update` of a mutation that removes the item its `id` variable names: once the server says
 * it is gone (`removed`), the item leaves the cached root list `field` at once, without a refetch.
 */
export function removeFromList<TData>(
  field: string,
  removed: (data: TData) => boolean,
): MutationUpdaterFunction<TData, { id: string }, ApolloCache> {
  return (cache, { data }, { variables: { id } }) => {
    if (!data || !removed(data)) return;
    cache.modify<Record<string, readonly Reference[]>>({
      fields: {
        [field]: (items, { readField }) => items.filter((item) => readField('id', item) !== id),
      },
    });
  };
}
