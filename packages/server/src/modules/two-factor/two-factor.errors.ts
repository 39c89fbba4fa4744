import { ErrorCode, ErrorReason } from '@twofold/shared';
import { DomainError } from '../../errors';

export const notSetUpMessage = 'This method is not set up';

/**
 * A wrong, malformed, replayed or unusable code: one answer, so nothing tells them apart. Only a
 * method the profile does not have says so (NOT_ENROLLED): the caller can see that in the session.
 */
export class InvalidCodeError extends DomainError {
  constructor(reason: ErrorReason | null = null) {
    super(
      ErrorCode.INVALID_CODE,
      reason === ErrorReason.NOT_ENROLLED ? notSetUpMessage : 'The code is not valid',
      {},
      reason,
    );
  }
}

/**
 * 100 consecutive failures: the second-factor step stays closed until an administrator resets
 * it. Same code as a temporary lock, without a time to retry at.
 */
export class SecondFactorDisabledError extends DomainError {
  constructor() {
    super(
      ErrorCode.TOO_MANY_ATTEMPTS,
      'Too many wrong codes: two-factor verification is disabled. An administrator must reset it.',
      { retryAfterSeconds: null, disabled: true },
      ErrorReason.FACTOR_DISABLED,
    );
  }
}
