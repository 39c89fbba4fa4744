import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorCode, ErrorReason } from '@twofold/shared';
import { toApiError } from './api-error';

function graphQLError(extensions: Record<string, unknown>): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message: 'refused', extensions }] });
}

describe('toApiError', () => {
  it('keeps the machine-readable reason for branching', () => {
    const error = toApiError(graphQLError({ code: 'FORBIDDEN', reason: 'SELF' }));
    expect(error).toMatchObject({ code: ErrorCode.FORBIDDEN, reason: ErrorReason.SELF });
  });

  it('drops a reason it does not know', () => {
    const error = toApiError(graphQLError({ code: 'CONFLICT', reason: 'SOMETHING_NEW' }));
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.reason).toBeUndefined();
  });

  it.each([
    [3, undefined, 'The code is not valid. You have 3 tries left before a lockout.'],
    [1, undefined, 'The code is not valid. You have 1 try left before a lockout.'],
    [0, 900, 'The code is not valid. That was the last try: try again in 15 minutes.'],
    [0, undefined, 'The code is not valid. That was the last try.'],
  ])(
    'says how many tries are left after a wrong code (%s left, wait %s)',
    (attemptsRemaining, retryAfterSeconds, message) => {
      const error = toApiError(
        graphQLError({ code: 'INVALID_CODE', attemptsRemaining, retryAfterSeconds }),
      );
      expect(error).toMatchObject({ code: ErrorCode.INVALID_CODE, attemptsRemaining, message });
      expect(error.retryAfterSeconds).toBe(retryAfterSeconds);
    },
  );

  it('says nothing of tries when the server did not count the code', () => {
    expect(toApiError(graphQLError({ code: 'INVALID_CODE' })).message).toBe(
      'The code is not valid.',
    );
  });
});
