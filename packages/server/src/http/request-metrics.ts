import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../graphql/context';
import type { Metrics } from '../metrics/metrics';
import { INVALID, operationLabel } from '../metrics/operation-label';
import { exportRoutes } from './exports';

/** Routes labelled by their own path; every other request is the console's (pages, assets, 404s). */
const labelledRoutes = new Set<string>([
  '/healthz',
  '/readyz',
  '/metrics',
  '/schema.graphql',
  ...Object.values(exportRoutes).map((route) => route.path),
]);
const CONSOLE = 'console';

/**
 * Counts and times every HTTP request by its GraphQL operation (or route). The label comes from
 * the operation Apollo resolved — never the client's claim — and from a fixed set
 * (`operationLabel`), so a request that ran no operation (a batch, a document that does not parse
 * or validate, a body Fastify refused) is `invalid`, and no caller, signed in or not, adds a label.
 */
export function instrumentRequests(
  app: FastifyInstance,
  metrics: Metrics,
): ApolloServerPlugin<Context> {
  const operations = new WeakMap<FastifyRequest, string>();

  const operationOf = (request: FastifyRequest): string => {
    const route = request.routeOptions.url;
    if (route === '/graphql') return operations.get(request) ?? INVALID;
    return route !== undefined && labelledRoutes.has(route) ? route : CONSOLE;
  };

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequest(operationOf(request), reply.statusCode, reply.elapsedTime / 1000);
  });

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, contextValue }) {
          // also called when `operationName` names no operation of the document: then none runs
          if (operation) {
            operations.set(contextValue.request, operationLabel(operation, document, schema));
          }
        },
      };
    },
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * `GET /metrics` in the Prometheus text format, for `Authorization: Bearer <METRICS_TOKEN>`.
 * Without a token there is no route at all: /metrics answers 404 like any unknown path.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: Metrics,
  token: string | undefined,
): void {
  if (token === undefined) return;
  // digests have one length whatever was sent, so the comparison tells nothing about the token
  const expected = sha256(token);
  const authorized = (header: string | undefined): boolean =>
    header?.startsWith('Bearer ') === true &&
    timingSafeEqual(sha256(header.slice('Bearer '.length).trim()), expected);

  app.get('/metrics', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!authorized(request.headers.authorization)) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'Unauthorized' });
    }
    return reply.type(metrics.contentType).send(await metrics.text());
  });
}
