import { ErrorCode, ErrorReason } from '@twofold/shared';
import { DomainError } from '../../errors';

export const notSetUpMessage = 'This method is not set up';

/** What a counted wrong code tells of the lockout (docs/design.md, Second-factor rules). */
export interface AttemptsLeft {
  /** Wrong codes still allowed before the next lock; 0 when this one locked or disabled the step. */
  attemptsRemaining: number;
  /** When this very code locked the step: seconds until the next code is checked. */
  retryAfterSeconds?: number;
}

/**
 * A wrong, malformed, replayed or unusable code: one answer, so nothing tells them apart. Only a
 * method the profile does not have says so (NOT_ENROLLED): the caller can see that in the session.
 * A code counted in the lockout says how many tries are left (`extensions.attemptsRemaining`).
 */
export class InvalidCodeError extends DomainError {
  constructor(reason: ErrorReason | null = null, left?: AttemptsLeft) {
    super(
      ErrorCode.INVALID_CODE,
      reason === ErrorReason.NOT_ENROLLED ? notSetUpMessage : 'The code is not valid',
      left ? { ...left } : {},
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
