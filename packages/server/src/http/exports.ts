import { ErrorCode, ErrorReason, errorMessages, type FieldError } from '@twofold/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTransientDatabaseFault } from '../db/faults';
import { BadInputError, DomainError, ForbiddenError } from '../errors';
import { activeRule } from '../graphql/access';
import { checkRule } from '../graphql/check-rule';
import type { Caller, RequestMeta } from '../modules/auth/caller';
import { Permission } from '../modules/auth/permissions';
import { csvStream } from '../modules/export/csv';
import type { CsvExport } from '../modules/export/export.service';
import type { Services } from '../services';
import { sentByOtherSite } from './same-origin';
import { requestMetaOf, tokenOf } from './session-token';

/** The downloads, and the query parameters each takes (the names of its GraphQL filter). */
export const exportRoutes = {
  users: {
    path: '/export/users.csv',
    parameters: ['userType', 'twoFactorStatus', 'status', 'search'],
    permission: Permission.USERS_MANAGE,
  },
  auditLog: {
    path: '/export/audit-log.csv',
    parameters: ['action', 'userId', 'from', 'to'],
    permission: Permission.AUDIT_READ,
  },
} as const;

/** How an export's refusal answers: the status of its code. */
const statusOf: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SECOND_FACTOR_REQUIRED]: 403,
  [ErrorCode.ENROLLMENT_REQUIRED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_ATTEMPTS]: 429,
  [ErrorCode.UNAVAILABLE]: 503,
};

/** `{ errors: [{ message, extensions: { code, … } }] }`, as the GraphQL endpoint answers. */
function errorBody(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}

/** Answers a refusal as JSON with its code (and fields, reason); anything else is hidden. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  reply.header('Cache-Control', 'no-store').removeHeader('Content-Disposition');
  if (error instanceof DomainError) {
    return reply.code(statusOf[error.code] ?? 500).send(
      errorBody(error.message, {
        ...error.details,
        code: error.code,
        ...(error.reason ? { reason: error.reason } : {}),
      }),
    );
  }
  if (isTransientDatabaseFault(error)) {
    request.log.error({ err: error }, 'export failed: database unavailable');
    return reply
      .code(503)
      .send(errorBody(errorMessages[ErrorCode.UNAVAILABLE], { code: ErrorCode.UNAVAILABLE }));
  }
  request.log.error({ err: error }, 'export failed');
  return reply
    .code(500)
    .send(errorBody('Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR }));
}

/** The query string as one string per known parameter; anything else is bad input. */
function parametersOf(request: FastifyRequest, known: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: FieldError[] = [];
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (!known.includes(name)) {
      problems.push({ field: name, message: `Unknown parameter; use ${known.join(', ')}` });
    } else if (typeof value !== 'string') {
      problems.push({ field: name, message: 'Give this parameter once' });
    } else {
      values[name] = value;
    }
  }
  if (problems.length > 0) throw new BadInputError(problems);
  return values;
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `batches` once its first batch is read: a database that fails at once answers with a status
 * and a code, not with a file cut after its header.
 */
async function started<T>(batches: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      // a for-of over the iterator would not end it early: the generator must see `return`
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await iterator.return?.();
      }
    },
  };
}

/**
 * CSV downloads of the users table and the audit log (docs/design.md, Exports), for browsers (the
 * session cookie) and API clients (a bearer token) alike: the caller is resolved, and the stage
 * and permission checked, exactly as for the GraphQL field of the same list; refusals answer
 * JSON errors with `extensions.code` (401, 403, 400), never a half-written file.
 */
export function registerExportRoutes(app: FastifyInstance, services: Services): void {
  const { corsOrigins } = services.config;
  const routes: [
    (typeof exportRoutes)[keyof typeof exportRoutes],
    (caller: Caller, query: Record<string, string>, meta: RequestMeta) => Promise<CsvExport>,
  ][] = [
    [exportRoutes.users, (caller, query, meta) => services.exports.users(caller, query, meta)],
    [
      exportRoutes.auditLog,
      (caller, query, meta) => services.exports.auditLog(caller, query, meta),
    ],
  ];

  void app.register(async (scope) => {
    scope.setErrorHandler(async (error: FastifyError, request, reply) =>
      refuse(
        request,
        reply,
        error.statusCode && error.statusCode < 500
          ? new BadInputError([{ field: 'request', message: error.message }])
          : error,
      ),
    );
    for (const [route, open] of routes) {
      // a HEAD would record an export and read its first rows for nothing
      scope.get(route.path, { exposeHeadRoute: false }, async (request, reply) => {
        let batches: CsvExport['batches'];
        let csv: CsvExport;
        try {
          const site = {
            origin: headerOf(request, 'origin'),
            secFetchSite: headerOf(request, 'sec-fetch-site'),
          };
          if (sentByOtherSite(site, corsOrigins)) {
            throw new ForbiddenError('Start the download from the console', ErrorReason.CROSS_SITE);
          }
          const token = tokenOf(request);
          const caller = token ? await services.callers.resolve(token) : null;
          checkRule(activeRule(route.permission), caller);
          csv = await open(caller, parametersOf(request, route.parameters), requestMetaOf(request));
          batches = await started(csv.batches);
        } catch (error) {
          return refuse(request, reply, error);
        }
        const { stream, progress } = csvStream(csv.header, batches);
        reply.raw.once('close', () => {
          if (!progress.complete) {
            request.log.info(
              { export: route.path, rows: progress.rows },
              'export ended before its last row: the client left',
            );
          }
        });
        return reply
          .header('Cache-Control', 'no-store')
          .header('Content-Disposition', `attachment; filename="${csv.filename}"`)
          .type('text/csv; charset=utf-8')
          .send(stream);
      });
    }
  });
}
