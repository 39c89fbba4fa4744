import type { FastifyRequest } from 'fastify';
import type { RequestMeta } from '../modules/auth/caller';
import { DEVICE_COOKIE_PREFIX } from '../modules/remembered-device/remembered-device-rules';
import { readCookie, readCookiesStartingWith } from './cookies';

export const SESSION_COOKIE = 'twofold_session';

/** Where a request comes from, as sessions and audit events record it. */
export function requestMetaOf(request: FastifyRequest): RequestMeta {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    deviceCookies: readCookiesStartingWith(request.headers.cookie, DEVICE_COOKIE_PREFIX),
  };
}

/** The session token: `Authorization: Bearer …` for API clients, else the HttpOnly cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return readCookie(request.headers.cookie, SESSION_COOKIE);
}
