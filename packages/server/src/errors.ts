import { ErrorCode, type FieldError } from '@twofold/shared';

/**
 * Base of every error a service throws on purpose. The GraphQL layer maps `code` to
 * `extensions.code` in one place (graphql/format-error.ts); anything else is an internal error.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  constructor(readonly fields: FieldError[]) {
    super(
      ErrorCode.BAD_USER_INPUT,
      fields.length === 1 && fields[0]
        ? `${fields[0].field}: ${fields[0].message}`
        : 'Invalid input',
      { fields },
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, field?: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`, field ? { field } : {});
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, field?: string) {
    super(ErrorCode.CONFLICT, message, field ? { field } : {});
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
