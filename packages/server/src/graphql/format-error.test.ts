import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode, ErrorReason } from '@twofold/shared';
import { GraphQLError } from 'graphql';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { formatError, isUnexpectedError } from './format-error';

/** What Apollo hands formatError for an error thrown in a resolver. */
function thrown(error: Error): [GraphQLError, GraphQLError] {
  const wrapped = new GraphQLError(error.message, { path: ['field'], originalError: error });
  return [wrapped, wrapped];
}

describe('formatError', () => {
  it.each([
    [new ForbiddenError(), ErrorCode.FORBIDDEN, ErrorReason.PERMISSION],
    [new ForbiddenError('Not yours', ErrorReason.SELF), ErrorCode.FORBIDDEN, ErrorReason.SELF],
    [
      new ConflictError('Keep an owner', ErrorReason.LAST_OWNER, 'id'),
      ErrorCode.CONFLICT,
      ErrorReason.LAST_OWNER,
    ],
  ])('sends the code and the reason of %p', (error, code, reason) => {
    const [formatted, original] = thrown(error);
    expect(formatError(formatted, original).extensions).toMatchObject({ code, reason });
  });

  it('sends no reason where the code says it all', () => {
    const [formatted, original] = thrown(new NotFoundError('User', 'id'));
    expect(formatError(formatted, original).extensions).toEqual({
      code: ErrorCode.NOT_FOUND,
      field: 'id',
    });
  });

  it('hides unknown errors behind INTERNAL_SERVER_ERROR', () => {
    const [formatted, original] = thrown(new Error('database password is hunter2'));
    expect(formatError(formatted, original)).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
  });

  // Armor's limits and the spec's own rules reach formatError as Apollo's request errors
  it.each([
    ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
    ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
    ApolloServerErrorCode.BAD_USER_INPUT,
    ApolloServerErrorCode.BAD_REQUEST,
    ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ])('passes on the request error %s with its message, as no server fault', (code) => {
    const error = new GraphQLError('Query depth limit of 10 exceeded, found 12.', {
      extensions: { code, http: { status: 400 }, validationErrorCode: 'X' },
    });
    expect(formatError({ message: error.message, extensions: { code } }, error)).toEqual({
      message: 'Query depth limit of 10 exceeded, found 12.',
      extensions: { code },
    });
    expect(isUnexpectedError(error)).toBe(false);
  });

  it('treats an error without a code as a server fault', () => {
    expect(isUnexpectedError(new GraphQLError('Schema is not configured'))).toBe(true);
  });
});
