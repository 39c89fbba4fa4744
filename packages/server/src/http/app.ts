import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { isMigrated } from '../db/migrate';
import { buildContext, type Context } from '../graphql/context';
import { formatError, isUnexpectedError } from '../graphql/format-error';
import { buildGraphQLSchema } from '../graphql/schema';
import { createServices, type Services } from '../services';
import { registerConsole } from './console';
import { setSecurityHeaders } from './security-headers';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  /** Defaults to the services wired from config, logger and dataSource. */
  services?: Services;
  schema?: GraphQLSchema;
}

/** Limits of DESIGN §8: what one request may ask of the server. */
export const requestLimits = {
  bodyBytes: 100 * 1024,
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
} as const;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, logger, dataSource } = deps;
  const services = deps.services ?? createServices({ config, logger, dataSource });
  const app = Fastify({
    // pino's Logger is wider than fastify's; fixing the generic keeps plugin types compatible
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: requestLimits.bodyBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onSend', async (request, reply) => {
    setSecurityHeaders(request, reply, config.publicUrl.startsWith('https:'));
  });

  await app.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Request-Id'],
    maxAge: 600,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await dataSource.query('SELECT 1');
      if (!(await isMigrated(dataSource))) {
        return reply.code(503).send({ status: 'unavailable', reason: 'migrations pending' });
      }
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  const armor = new ApolloArmor({
    maxDepth: { n: requestLimits.maxDepth },
    maxAliases: { n: requestLimits.maxAliases },
    costLimit: { maxCost: requestLimits.maxCost },
    blockFieldSuggestion: { enabled: !config.introspection },
  }).protect();
  const apollo = new ApolloServer<Context>({
    schema: deps.schema ?? (await buildGraphQLSchema()),
    introspection: config.introspection,
    csrfPrevention: true,
    formatError,
    ...armor,
    plugins: [
      ...armor.plugins,
      fastifyApolloDrainPlugin(app),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                if (isUnexpectedError(error))
                  contextValue.log.error({ err: error }, 'GraphQL error');
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST'],
    context: async (request, reply) => buildContext(request, reply, services),
  });

  await registerConsole(app, config.consoleDir);
  return app;
}
