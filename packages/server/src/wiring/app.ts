import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config, TrustProxy } from '../config';
import { isMigrated } from '../db/migrate';
import type { Context } from '../graphql/context';
import { buildContext } from './context';
import { formatError, isUnexpectedError } from '../graphql/format-error';
import { type CostModel, costLimitRule } from '../graphql/query-cost';
import { buildGraphQLSchema, renderSdl } from './schema';
import { hashingFields } from '../graphql/one-hash';
import { ErrorReason, limits, SessionStage } from '@twofold/shared';
import { tokenOf } from '../http/session-token';
import { Metrics } from '../metrics/metrics';
import type { Services } from '../services';
import { createServices } from './services';
import { registerConsole } from '../http/console';
import { registerOpenIdRoutes } from '../http/openid';
import { registerExportRoutes } from '../http/exports';
import { instrumentRequests, registerMetricsRoute } from '../http/request-metrics';
import { setSecurityHeaders } from '../http/security-headers';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  /** Defaults to the services wired from config, logger, dataSource and metrics. */
  services?: Services;
  schema?: GraphQLSchema;
  /** What `GET /metrics` reports; the services given must count into the same instance. */
  metrics?: Metrics;
}

/** Limits of docs/design.md, Security baseline: what one request may ask of the server. */
export const requestLimits = {
  bodyBytes: 100 * 1024,
  maxDepth: 10,
  maxAliases: 15,
  /** Under `queryCostModel`; the console's largest document (a page of 100 users) costs ~5,100. */
  maxCost: 10_000,
  /** Lexical tokens of one document (graphql-armor's default, now enforced by graphql-js). */
  maxTokens: 1000,
} as const;

/**
 * How a document's cost is counted (graphql/query-cost.ts): every list multiplies what each item
 * selects, so 15 aliases of `apps { previewQrCode }` (15,015) are refused while one (1,001) is not.
 */
export const queryCostModel: CostModel = {
  maxCost: requestLimits.maxCost,
  // an account's apps, a user's apps, policies, providers, sessions: mostly fewer
  assumedListSize: 20,
  largestPage: limits.pageSizeMax,
  // a PNG to render the first time a URL is seen (milliseconds of CPU each)
  fieldCosts: { 'App.previewQrCode': 50 },
};

/** A GraphQL response holding one error (`extensions.code` as Apollo names its request errors). */
function graphqlErrorBody(message: string, code: ApolloServerErrorCode) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * The spec's "Operation Type Existence" rule, which graphql-js 16 lacks: without it a
 * `subscription` (this schema has none) passes validation and fails in execution, answered 200
 * INTERNAL_SERVER_ERROR and logged as a server fault. As a validation error it answers 400
 * GRAPHQL_VALIDATION_FAILED like any other invalid document.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations.`, { nodes: node }),
      );
    }
  },
});

/**
 * At most one expensive hash per request: a mutation selecting two fields that may run argon2id
 * (sign-in, password, PIN) answers 400 before any of them runs (graphql/one-hash.ts).
 */
function refuseSecondHash(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): void {
  const fields = hashingFields(document, operation, variables ?? {});
  if (fields.length <= 1) return;
  throw new GraphQLError(
    `One request may check or set at most one password or PIN; send ${fields.join(', ')} separately.`,
    {
      extensions: {
        code: ApolloServerErrorCode.BAD_REQUEST,
        reason: ErrorReason.ONE_HASH_PER_REQUEST,
        http: { status: 400 },
      },
    },
  );
}

/**
 * Fastify's `trustProxy` for the configured proxies. A hop count is a function: Fastify 5 reads a
 * number as "trust nothing", and `true` would trust every hop, making the left-most entry (the
 * client's own) the IP. proxy-addr walks from the socket leftwards while `hop < hops`.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  switch (trust.kind) {
    case 'none':
      return false;
    case 'hops':
      return (_address, hop) => hop < trust.hops;
    case 'addresses':
      return trust.addresses;
  }
}

/** `/readyz` answers within this, database frozen or not (docs/design.md, Scale-out). */
export const readinessTimeoutMs = 1_000;

/**
 * Whether the database answers and is migrated, bounded by `readinessTimeoutMs`. Probes asked
 * while one runs share it, so a load balancer polling a frozen database holds one pooled
 * connection, not one per poll.
 */
function readinessProbe(
  dataSource: DataSource,
): () => Promise<'ready' | 'migrations pending' | 'database unreachable'> {
  let running: Promise<'ready' | 'migrations pending'> | null = null;
  return async () => {
    running ??= (async () => {
      try {
        await dataSource.query('SELECT 1');
        return (await isMigrated(dataSource)) ? 'ready' : 'migrations pending';
      } finally {
        running = null;
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'database unreachable'>((resolve) => {
      timer = setTimeout(() => resolve('database unreachable'), readinessTimeoutMs);
    });
    try {
      return await Promise.race([running, late]);
    } catch {
      return 'database unreachable';
    } finally {
      clearTimeout(timer);
    }
  };
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, logger, dataSource } = deps;
  const metrics = deps.metrics ?? new Metrics();
  metrics.watchDatabase(dataSource);
  // passed on by createServices to the services that count events
  const services = deps.services ?? createServices({ config, logger, dataSource, metrics });
  const app = Fastify({
    // pino's Logger is wider than fastify's; fixing the generic keeps plugin types compatible
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: requestLimits.bodyBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    return503OnClosing: true,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onSend', async (request, reply) => {
    setSecurityHeaders(request, reply, config.publicUrl.startsWith('https:'));
  });
  const operationNames = instrumentRequests(app, metrics);

  await app.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Request-Id'],
    maxAge: 600,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  const readiness = readinessProbe(dataSource);
  app.get('/readyz', async (_request, reply) => {
    const ready = await readiness();
    if (ready === 'ready') return { status: 'ready' };
    return reply.code(503).send({ status: 'unavailable', reason: ready });
  });
  registerMetricsRoute(app, metrics, config.metricsToken);
  registerOpenIdRoutes(app, services);
  registerExportRoutes(app, services);

  const armor = new ApolloArmor({
    // Armor's token limit re-parses every document in a `parsingDidStart` hook and throws there;
    // Apollo takes a throwing hook for a server fault, so every syntax error (not only an
    // oversized document) answered 500, and its `unexpectedErrorProcessingRequest` hook passed
    // any unexpected error's message on as a validation error. graphql-js enforces the same
    // limit while parsing (`parseOptions` below): an oversized document is then a parse failure
    // like any other, 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    maxDepth: { n: requestLimits.maxDepth },
    maxAliases: { n: requestLimits.maxAliases },
    // armor counts a list like one item: `costLimitRule` below multiplies by its size
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !config.introspection },
  }).protect();
  const schema = deps.schema ?? (await buildGraphQLSchema());
  const sdl = renderSdl(schema);
  // The SDL for frontend teams (the console's API page and its download link): signed-in ACTIVE
  // sessions only, so it stays available when public introspection is off in production.
  app.get('/schema.graphql', async (request, reply) => {
    const token = tokenOf(request);
    const caller = token ? await services.callers.resolve(token) : null;
    reply.header('Cache-Control', 'no-store');
    if (caller?.stage !== SessionStage.ACTIVE) {
      return reply
        .code(401)
        .type('text/plain; charset=utf-8')
        .send('Sign in to the console to download the schema.\n');
    }
    return reply
      .type('text/plain; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="twofold.graphql"')
      .send(sdl);
  });

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    // main.ts owns shutdown: Apollo's own signal handlers would re-send the signal mid-drain
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: requestLimits.maxTokens },
    formatError,
    // depth, aliases, cost and directives are validation rules: refusals answer 400
    // GRAPHQL_VALIDATION_FAILED, as any invalid document does
    ...armor,
    validationRules: [...armor.validationRules, knownOperationTypes, costLimitRule(queryCostModel)],
    plugins: [
      // no field sets a cache hint, and its per-field hook would cost every list node a call
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      fastifyApolloDrainPlugin(app),
      operationNames,
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, document, request }) {
              if (operation) refuseSecondHash(operation, document, request.variables);
            },
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
  await app.register(async (graphqlScope) => {
    // Fastify refuses some requests before Apollo sees them (body not JSON, empty, over the size
    // limit, of an unsupported media type). Its own error body has no `errors`: answer those as
    // GraphQL errors with a code, like every other answer of /graphql. Scoped to this route so the
    // health checks and the console keep Fastify's answers.
    graphqlScope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'GraphQL request failed');
        return reply
          .code(500)
          .send(
            graphqlErrorBody('Internal server error', ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
          );
      }
      return reply
        .code(status)
        .send(graphqlErrorBody(error.message, ApolloServerErrorCode.BAD_REQUEST));
    });
    await graphqlScope.register(fastifyApollo(apollo), {
      path: '/graphql',
      method: ['GET', 'POST'],
      context: async (request, reply) => buildContext(request, reply, services),
    });
  });

  await registerConsole(app, config.consoleDir);
  return app;
}
