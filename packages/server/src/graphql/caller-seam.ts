import { createParameterDecorator, type MiddlewareFn } from 'type-graphql';
import { UnauthenticatedError } from '../errors';
import { CallerChange } from '../modules/auth/caller';
import type { Context } from './context';

/**
 * The caller of the request, for operations the guard lets through only with a session. The
 * guard runs first, so a missing session here is a guard declaration bug: fail closed.
 */
export function CurrentCaller() {
  return createParameterDecorator<Context>(async ({ context }) => {
    const caller = await context.caller();
    if (!caller) throw new UnauthenticatedError();
    return caller;
  });
}

/** The caller of the request, or null when signed out (public operations). */
export function OptionalCaller() {
  return createParameterDecorator<Context>(({ context }) => context.caller());
}

/**
 * Swaps in the caller a service returned with its result (`CallerChange`): the one place a
 * request's caller changes, so later fields of the same request see the new session.
 */
export const callerSeamMiddleware: MiddlewareFn<Context> = async ({ context }, next) => {
  const result: unknown = await next();
  if (!(result instanceof CallerChange)) return result;
  context.setCaller(result.caller);
  return result.value as unknown;
};
