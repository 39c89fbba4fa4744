import { SessionStage } from '@twofold/shared';
import type { GraphQLField, GraphQLObjectType } from 'graphql';
import { Extensions } from 'type-graphql';
import type { Permission } from '../modules/auth/permissions';

/**
 * What an operation or field needs. Declared on every root field and on every object type (or
 * each of its fields) with the decorators below, stored in the schema's extensions, and checked
 * by applyGuards (guard.ts), which wraps the resolver of every field that needs a session and
 * refuses to start with an undeclared field.
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
/** The rule of `@Active(permission)`, for HTTP routes that answer as such a field does. */
export const activeRule = (permission: Permission) =>
  ({ kind: 'session', stages: [SessionStage.ACTIVE], permission }) satisfies GuardRule;
/** Full access with `permission`. */
export const Active = (permission: Permission) => Allow([SessionStage.ACTIVE], permission);

export function guardOf(
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): GuardRule | undefined {
  return (field.extensions.guard ?? type.extensions.guard) as GuardRule | undefined;
}

/**
 * What a session knows only past its second factor (or while enrolling one, docs/design.md, Sign-in stages): at
 * PROFILE_SELECTION and SECOND_FACTOR a session holds just the password, so a profile shows its
 * id, display name, type and account name, and every other field answers SECOND_FACTOR_REQUIRED.
 */
export const PastSecondFactor = () => Allow([SessionStage.ENROLLMENT, SessionStage.ACTIVE]);
