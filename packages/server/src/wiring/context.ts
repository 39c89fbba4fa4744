import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../graphql/context';
import { Loaders } from '../graphql/loaders';
import { requestMetaOf, tokenOf } from '../http/session-token';
import type { Caller } from '../modules/auth/caller';
import type { Services } from '../services';

/** The context of one request: its caller is resolved once, on first use. */
export function buildContext(
  request: FastifyRequest,
  reply: FastifyReply,
  services: Services,
): Context {
  let current: Promise<Caller | null> | undefined;
  let known: Caller | null | undefined;
  return {
    requestId: request.id,
    meta: requestMetaOf(request),
    log: request.log,
    services,
    loaders: new Loaders(),
    request,
    reply,
    caller() {
      if (!current) {
        const token = tokenOf(request);
        if (!token) known = null;
        current = token
          ? services.callers.resolve(token).then((caller) => {
              // a setCaller meanwhile (sign-in) wins over the token the request came with
              if (known === undefined) known = caller;
              return known;
            })
          : Promise.resolve(null);
      }
      return current;
    },
    knownCaller() {
      return known;
    },
    setCaller(caller) {
      known = caller;
      current = Promise.resolve(caller);
    },
  };
}
