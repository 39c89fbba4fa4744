import { ErrorCode, ErrorReason } from '@twofold/shared';
import { GraphQLError } from 'graphql';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { formatError } from './format-error';

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
});
