import type { GraphQLFieldResolver } from 'graphql';
import { createParameterDecorator } from 'type-graphql';
import { UnauthenticatedError } from '../errors';
import { type Caller, CallerChange } from '../modules/auth/caller';
import type { Context } from './context';

/**
 * The caller of the request, for operations the guard lets through only with a session. The
 * guard runs first, so a missing session here is a guard declaration bug: fail closed.
 */
export function CurrentCaller() {
  return createParameterDecorator<Context>(({ context }) => {
    const known = context.knownCaller();
    if (known !== undefined) return present(known);
    return context.caller().then(present);
  });
}

function present(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

/** The caller of the request, or null when signed out (public operations). */
export function OptionalCaller() {
  return createParameterDecorator<Context>(({ context }) => {
    const known = context.knownCaller();
    return known !== undefined ? known : context.caller();
  });
}

/**
 * Swaps in the caller a service returned with its result (`CallerChange`): the one place a
 * request's caller changes, so later fields of the same request see the new session. Wraps the
 * root operations (applyGuards).
 */
export function settleCallerChange(
  resolve: GraphQLFieldResolver<unknown, Context>,
): GraphQLFieldResolver<unknown, Context> {
  return async (root, args, context, info) => {
    const result: unknown = await resolve(root, args, context, info);
    if (!(result instanceof CallerChange)) return result;
    context.setCaller(result.caller);
    return result.value as unknown;
  };
}
