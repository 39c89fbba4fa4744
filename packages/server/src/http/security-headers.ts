import type { FastifyReply, FastifyRequest } from 'fastify';

const consolePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets CSS variables through style attributes
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the security headers of every response; HSTS only when served over https. */
export function setSecurityHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  https: boolean,
): void {
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'no-referrer');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  reply.header('Content-Security-Policy', consolePolicy);
  if (https) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (request.url.startsWith('/graphql')) reply.header('Cache-Control', 'no-store');
}
