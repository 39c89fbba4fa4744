import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { redactUrl } from './http/redact-url';

/** Keys whose values never reach a log line, wherever they appear. */
export const redactedPaths = [
  'password',
  '*.password',
  'code',
  '*.code',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'variables',
  '*.variables',
];

/** JSON in production, pretty in development. */
export function createLogger(config: Pick<Config, 'logLevel' | 'production'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      // Fastify's default would log one-time tokens that sit in console URLs.
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
    ...(config.production || !process.stdout.isTTY
      ? {}
      : { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } }),
  });
}
