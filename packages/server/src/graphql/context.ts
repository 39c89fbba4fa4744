import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, RequestMeta } from '../modules/auth/caller';
import { readCookie } from '../http/cookies';
import type { Services } from '../services';
import { Loaders } from './loaders';

export const SESSION_COOKIE = 'twofold_session';

/** Built once per request; the only thing resolvers receive besides their arguments. */
export interface Context {
  requestId: string;
  meta: RequestMeta;
  log: FastifyBaseLogger;
  services: Services;
  loaders: Loaders;
  request: FastifyRequest;
  reply: FastifyReply;
  /** The session's caller, resolved once per request on first use; null when signed out. */
  caller(): Promise<Caller | null>;
  /** The caller once resolved (null when signed out); undefined while not yet known. */
  knownCaller(): Caller | null | undefined;
  /** Replaces the memoized caller after sign-in, profile selection or sign-out. */
  setCaller(caller: Caller | null): void;
}

/** Where a request comes from, as sessions and audit events record it. */
export function requestMetaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The session token: `Authorization: Bearer …` for API clients, else the HttpOnly cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}

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
          ? services.auth.resolve(token).then((caller) => {
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
