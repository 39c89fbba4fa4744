import { requestLimits } from '../src/wiring/app';
import { startTestServer, type TestServer, capturingLogger } from './helpers/test-server';

interface Answer {
  status: number;
  contentType: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] };
}

/** `{ … on Query { … } … }` nested `depth` levels: armor counts inline fragments as depth. */
function nested(depth: number): string {
  return `{ ${'... on Query { '.repeat(depth - 1)}__typename${' }'.repeat(depth - 1)} }`;
}

/** `n` aliases (armor does not count aliases of __typename). */
function aliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: apiInfo { name }`).join(' ')} }`;
}

/**
 * A document of exactly `n` lexical tokens: `query Q {` `}` and aliased `t1: __typename` fields, 3
 * tokens each (distinct names: repeating one field n times trips graphql-js's own budget for
 * comparing fields that must merge).
 */
function tokens(n: number): string {
  const fields = Array.from({ length: Math.floor((n - 4) / 3) }, (_, i) => `t${i}: __typename`);
  return `query Q { ${fields.join(' ')}${' __typename'.repeat((n - 4) % 3)} }`;
}

/**
 * A hostile or malformed request is the client's fault: it gets a 4xx, each error a code that
 * says what was wrong (never INTERNAL_SERVER_ERROR), no data, and it is not logged as a fault.
 */
describe('hostile and malformed requests', () => {
  let server: TestServer;
  const { logger, lines: logLines } = capturingLogger('warn');

  beforeAll(async () => {
    server = await startTestServer({ logger });
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(body: string, headers: Record<string, string>): Promise<Answer> {
    const logged = logLines.length;
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
    const answer = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.json()) as Answer['body'],
    };
    // error-level lines (pino level 50+) are server faults; a bad request is none
    const faults = logLines
      .slice(logged)
      .filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(faults).toEqual([]);
    return answer;
  }

  function expectRefused(answer: Answer, status: number, code: string): void {
    expect(answer.status).toBe(status);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(
      answer.body.errors?.map(() => code),
    );
  }

  // GraphQL over HTTP: with application/graphql-response+json a document that does not parse or
  // validate answers 400. With application/json the spec prefers 200, but Apollo answers 400 there
  // too, and a refused document is the client's fault either way.
  describe.each(['application/graphql-response+json', 'application/json'])(
    'documents refused before execution, accepting %s',
    (accept) => {
      const ask = (query: string) =>
        post(JSON.stringify({ query }), { 'content-type': 'application/json', accept });

      it.each([
        ['a syntax error', '{'],
        ['an invalid number', '{ 8f31403dfe404bccbb0e835f2629c6a7 }'],
        [`more than ${requestLimits.maxTokens} tokens`, tokens(requestLimits.maxTokens + 1)],
      ])('answers %s with 400 GRAPHQL_PARSE_FAILED', async (_what, query) => {
        const answer = await ask(query);
        expectRefused(answer, 400, 'GRAPHQL_PARSE_FAILED');
        expect(answer.contentType).toContain(accept);
      });

      it.each([
        ['an unknown field', '{ nope }'],
        [`depth over ${requestLimits.maxDepth}`, nested(requestLimits.maxDepth + 1)],
        [`more than ${requestLimits.maxAliases} aliases`, aliases(requestLimits.maxAliases + 1)],
        [`cost over ${requestLimits.maxCost}`, '{ users(first: 20000) { nodes { id } } }'],
        [
          `cost over ${requestLimits.maxCost} through a list in each item of a page`,
          '{ users(first: 100) { nodes { apps { previewQrCode } } } }',
        ],
        [
          `cost over ${requestLimits.maxCost} through aliases of a list`,
          aliases(requestLimits.maxAliases).replace(
            /apiInfo \{ name \}/g,
            'apps { previewQrCode }',
          ),
        ],
        ['more than 50 directives', `{ __typename ${'@include(if: true) '.repeat(51)}}`],
        ['an operation type the schema lacks', 'subscription { apiInfo { name } }'],
      ])('answers %s with 400 GRAPHQL_VALIDATION_FAILED', async (_what, query) => {
        const answer = await ask(query);
        expectRefused(answer, 400, 'GRAPHQL_VALIDATION_FAILED');
        expect(answer.contentType).toContain(accept);
      });
    },
  );

  it('answers documents at the limits', async () => {
    const headers = { 'content-type': 'application/json' };
    for (const query of [
      nested(requestLimits.maxDepth),
      aliases(requestLimits.maxAliases),
      tokens(requestLimits.maxTokens),
    ]) {
      const answer = await post(JSON.stringify({ query }), headers);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });

  // Fastify refuses these before Apollo sees them; the answer is still a GraphQL error with a code
  it.each([
    ['a body that is not JSON', '{ "query', 'application/json', 400],
    ['an empty JSON body', '', 'application/json', 400],
    ['an unsupported media type', '<query/>', 'application/xml', 415],
    [
      `a body over ${requestLimits.bodyBytes} bytes`,
      JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(requestLimits.bodyBytes) }),
      'application/json',
      413,
    ],
  ])('answers %s with a GraphQL error BAD_REQUEST', async (_what, body, contentType, status) => {
    const answer = await post(body, { 'content-type': contentType });
    expectRefused(answer, status, 'BAD_REQUEST');
  });

  it.each([
    ['a batch', JSON.stringify([{ query: '{ __typename }' }]), 'BAD_REQUEST'],
    ['no query', JSON.stringify({ variables: {} }), 'BAD_REQUEST'],
    ['a query that is not a string', JSON.stringify({ query: 1 }), 'BAD_REQUEST'],
    [
      'an unknown operation name',
      JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
      'OPERATION_RESOLUTION_FAILURE',
    ],
    [
      'a variable of the wrong type',
      JSON.stringify({ query: 'query ($id: ID!) { user(id: $id) { id } }', variables: { id: {} } }),
      'BAD_USER_INPUT',
    ],
  ])('answers %s with 400 and its code', async (_what, body, code) => {
    const answer = await post(body, { 'content-type': 'application/json' });
    expectRefused(answer, 400, code);
  });
});
