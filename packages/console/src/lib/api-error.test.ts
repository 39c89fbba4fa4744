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
});
