import type { OperationVariables } from '@apollo/client';
import type { MockLink } from '@apollo/client/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** What a mock answers, and the variables it matches (all when left out; a function decides). */
export type MockOf<TData, TVariables extends OperationVariables> = Omit<
  MockLink.MockedResponse<TData, TVariables>,
  'request'
> &
  Pick<MockLink.MockedRequest<TVariables>, 'variables'>;

/**
 * A mocked answer to `document`, typed by the document's generated data and variables, so a mock
 * with variables or data the operation does not have fails the typecheck.
 */
export function mockOf<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  { variables, ...response }: MockOf<TData, TVariables>,
): MockLink.MockedResponse<TData, TVariables> {
  return { request: { query: document, variables }, ...response };
}
