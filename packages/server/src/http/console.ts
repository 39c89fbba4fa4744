import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the API owns: never answered with the console page. */
const apiPrefixes = ['/graphql', '/healthz', '/readyz', '/metrics', '/schema.graphql', '/export'];

function wantsConsolePage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?', 1)[0] ?? '/';
  if (apiPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) {
    return false;
  }
  // a missing asset (/assets/x.js) is a 404, not the page
  return path.extname(pathname) === '' || pathname.endsWith('.html');
}

/**
 * Serves the built console from `consoleDir` with an SPA fallback: deep links such as /users get
 * index.html and the client router takes over. Without a build, those paths explain what to do.
 */
export async function registerConsole(app: FastifyInstance, consoleDir: string): Promise<void> {
  const built = existsSync(path.join(consoleDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      index: 'index.html',
      wildcard: true,
      // the build writes .br and .gz beside each asset: sent as they are when the client accepts
      preCompressed: true,
      setHeaders(res, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (wantsConsolePage(request)) {
      if (built) {
        return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
      }
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The console is not built yet: run `pnpm build` (or use `pnpm start`).\n');
    }
    return reply.code(404).send({ error: 'Not Found', path: request.url.split('?', 1)[0] });
  });
}
