import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';

/** Built once per request; the only thing resolvers receive besides their arguments. */
export interface Context {
  requestId: string;
  ip: string;
  userAgent: string | undefined;
  log: FastifyBaseLogger;
  config: Config;
  dataSource: DataSource;
  request: FastifyRequest;
  reply: FastifyReply;
}

export function buildContext(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { config: Config; dataSource: DataSource },
): Context {
  return {
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    log: request.log,
    config: deps.config,
    dataSource: deps.dataSource,
    request,
    reply,
  };
}
