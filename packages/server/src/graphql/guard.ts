import { ErrorCode, ErrorReason, SessionStage } from '@twofold/shared';
import type { MiddlewareFn } from 'type-graphql';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../errors';
import { hasPermission } from '../modules/auth/permissions';
import { guardOf } from './access';
import type { Context } from './context';

function stageError(stage: SessionStage): DomainError {
  switch (stage) {
    case SessionStage.SECOND_FACTOR:
      return new DomainError(ErrorCode.SECOND_FACTOR_REQUIRED, 'Verify your second factor first');
    case SessionStage.ENROLLMENT:
      return new DomainError(
        ErrorCode.ENROLLMENT_REQUIRED,
        'Set up two-factor authentication first',
      );
    case SessionStage.PROFILE_SELECTION:
      return new ForbiddenError('Select a profile first', ErrorReason.PROFILE_NOT_SELECTED);
    case SessionStage.ACTIVE:
      return new ForbiddenError('Not available once signed in', ErrorReason.WRONG_STAGE);
  }
}

/** The one guard: every resolver of the schema runs behind it. */
export const guardMiddleware: MiddlewareFn<Context> = async (
  { context, info },
  next,
): Promise<unknown> => {
  const field = info.parentType.getFields()[info.fieldName];
  const rule = field ? guardOf(info.parentType, field) : undefined;
  // fail closed: an undeclared field is a bug, never an open door
  if (!rule) throw new Error(`${info.parentType.name}.${info.fieldName} declares no guard`);
  if (rule.kind === 'public' || rule.kind === 'inherit') return (await next()) as unknown;
  const caller = await context.caller();
  if (!caller) throw new UnauthenticatedError();
  if (!rule.stages.includes(caller.stage)) throw stageError(caller.stage);
  if (
    rule.permission !== undefined &&
    (!caller.user || !hasPermission(caller.user, rule.permission))
  ) {
    throw new ForbiddenError();
  }
  return (await next()) as unknown;
};
