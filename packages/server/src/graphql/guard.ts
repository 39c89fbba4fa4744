import { ErrorCode, SessionStage } from '@twofold/shared';
import type { GraphQLField, GraphQLObjectType } from 'graphql';
import { Extensions, type MiddlewareFn } from 'type-graphql';
import { DomainError, ForbiddenError, UnauthenticatedError } from '../errors';
import { hasPermission, type Permission } from '../modules/auth/permissions';
import type { Context } from './context';

/**
 * What an operation or field needs. Declared on every root field and on every object type (or
 * each of its fields) with the decorators below, stored in the schema's extensions, and checked
 * by one middleware that wraps every resolver. A test walks the schema for undeclared fields.
 */
export type GuardRule =
  | { kind: 'public' }
  | { kind: 'inherit' }
  | { kind: 'session'; stages: readonly SessionStage[]; permission?: Permission };

const everyStage = Object.values(SessionStage);

/** Anyone, signed in or not. */
export const Public = () => Extensions({ guard: { kind: 'public' } satisfies GuardRule });
/** Readable by whoever could obtain the parent object (on object types or their fields). */
export const Inherit = () => Extensions({ guard: { kind: 'inherit' } satisfies GuardRule });
/** A signed-in session at one of `stages`, holding `permission` when given. */
export const Allow = (stages: readonly SessionStage[], permission?: Permission) =>
  Extensions({ guard: { kind: 'session', stages, permission } satisfies GuardRule });
/** Any session, whatever its stage (signOut, session). */
export const AnyStage = () => Allow(everyStage);
/** Full access with `permission`. */
export const Active = (permission: Permission) => Allow([SessionStage.ACTIVE], permission);

export function guardOf(
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): GuardRule | undefined {
  return (field.extensions.guard ?? type.extensions.guard) as GuardRule | undefined;
}

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
      return new ForbiddenError('Select a profile first');
    case SessionStage.ACTIVE:
      return new ForbiddenError('Not available once signed in');
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
