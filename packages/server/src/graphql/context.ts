import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, RequestMeta } from '../modules/auth/caller';
import type { Services } from '../services';
import type { Loaders } from './loaders';

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
