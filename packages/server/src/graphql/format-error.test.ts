import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode, ErrorReason, errorMessages } from '@twofold/shared';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
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

  /** A mysql2 error as TypeORM wraps a failed statement, or bare as a failed connection. */
  const mysqlError = (message: string, fields: { code?: string; errno?: number }) =>
    Object.assign(new Error(message), fields);
  const failedQuery = (driverError: Error) =>
    new QueryFailedError('SELECT 1', [], driverError as Error & { code: string });

  it.each([
    [
      'a refused connection',
      mysqlError('connect ECONNREFUSED 127.0.0.1:3306', { code: 'ECONNREFUSED', errno: -111 }),
    ],
    ['a connect timeout', mysqlError('connect ETIMEDOUT', { code: 'ETIMEDOUT' })],
    ['a closed pool', new Error('Pool is closed.')],
    ['a destroyed DataSource', new Error('Connection is not established with mysql database')],
    [
      'a lost connection',
      failedQuery(
        mysqlError('Connection lost: The server closed the connection.', {
          code: 'PROTOCOL_CONNECTION_LOST',
        }),
      ),
    ],
    [
      'a statement on a closed connection',
      failedQuery(new Error("Can't add new command when connection is in closed state")),
    ],
    [
      'a server shutdown',
      failedQuery(
        mysqlError('Server shutdown in progress', { code: 'ER_SERVER_SHUTDOWN', errno: 1053 }),
      ),
    ],
    [
      'too many connections',
      failedQuery(mysqlError('Too many connections', { code: 'ER_CON_COUNT_ERROR', errno: 1040 })),
    ],
    ['server gone away', failedQuery(mysqlError('MySQL server has gone away', { errno: 2006 }))],
    [
      'server lost',
      failedQuery(mysqlError('Lost connection to server during query', { errno: 2013 })),
    ],
    [
      'a killed connection',
      failedQuery(
        mysqlError('Connection was killed', { code: 'ER_CONNECTION_KILLED', errno: 1927 }),
      ),
    ],
    [
      'a lock wait timeout',
      failedQuery(
        mysqlError('Lock wait timeout exceeded', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }),
      ),
    ],
    [
      'a deadlock that outlasted its retries',
      failedQuery(
        mysqlError('Deadlock found when trying to get lock; try restarting transaction', {
          code: 'ER_LOCK_DEADLOCK',
          errno: 1213,
        }),
      ),
    ],
    [
      'a failed Group Replication commit',
      failedQuery(
        mysqlError('Plugin instructed the server to rollback the current transaction.', {
          errno: 3101,
        }),
      ),
    ],
  ])('answers %s as UNAVAILABLE, with no detail', (_name, error) => {
    const [formatted, original] = thrown(error);
    expect(formatError(formatted, original)).toEqual({
      message: errorMessages[ErrorCode.UNAVAILABLE],
      path: ['field'],
      extensions: { code: ErrorCode.UNAVAILABLE },
    });
    // still logged: an outage is a fault worth seeing
    expect(isUnexpectedError(formatted)).toBe(true);
  });

  it.each([
    [
      'a failed trigger',
      failedQuery(mysqlError('injected fault', { code: 'ER_SIGNAL_EXCEPTION', errno: 1644 })),
    ],
    [
      'a duplicate key',
      failedQuery(mysqlError("Duplicate entry 'x'", { code: 'ER_DUP_ENTRY', errno: 1062 })),
    ],
    [
      'a syntax error',
      failedQuery(
        mysqlError('You have an error in your SQL syntax', { code: 'ER_PARSE_ERROR', errno: 1064 }),
      ),
    ],
    ['an unknown error that mentions a pool', new Error('The pool is closed for the season')],
  ])('answers %s as INTERNAL_SERVER_ERROR', (_name, error) => {
    const [formatted, original] = thrown(error);
    expect(formatError(formatted, original).extensions).toEqual({
      code: ErrorCode.INTERNAL_SERVER_ERROR,
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
