import { ErrorCode, ErrorReason, type FieldError } from '@twofold/shared';

/**
 * Base of every error a service throws on purpose. The GraphQL layer maps `code` and `reason` to
 * `extensions.code` / `extensions.reason` in one place (graphql/format-error.ts); anything else
 * is an internal error.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly reason: ErrorReason | null = null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  constructor(
    readonly fields: FieldError[],
    options: { message?: string; reason?: ErrorReason } = {},
  ) {
    super(
      ErrorCode.BAD_USER_INPUT,
      options.message ??
        (fields.length === 1 && fields[0]
          ? `${fields[0].field}: ${fields[0].message}`
          : 'Invalid input'),
      { fields },
      options.reason ?? null,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, field?: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`, field ? { field } : {});
  }
}

export class ForbiddenError extends DomainError {
  constructor(
    message = 'You are not allowed to do this',
    reason: ErrorReason = ErrorReason.PERMISSION,
  ) {
    super(ErrorCode.FORBIDDEN, message, {}, reason);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, reason: ErrorReason, field?: string) {
    super(ErrorCode.CONFLICT, message, field ? { field } : {}, reason);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Not signed in') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many attempts. Try again later.', {
      retryAfterSeconds,
    });
  }
}
