import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import * as generated from '../../shared/src/generated/graphql';
import { queryCostModel, requestLimits } from '../src/wiring/app';
import { buildGraphQLSchema } from '../src/wiring/schema';
import { operationCost } from '../src/graphql/query-cost';
import { graphql, startTestServer, type TestServer } from './helpers/test-server';

/** Every operation the console sends: the typed documents codegen made from its .graphql files. */
const consoleDocuments: [string, DocumentNode][] = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, document]) => [name.replace(/Document$/, ''), document as DocumentNode]);

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return operation;
}

describe('the limits on what a request may ask', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('knows every operation of the console’s .graphql files', () => {
    const consoleSource = path.join(__dirname, '..', '..', 'console', 'src');
    const files = readdirSync(consoleSource, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.graphql'),
    );
    const operations = files.flatMap((file) =>
      parse(readFileSync(path.join(consoleSource, file), 'utf8'))
        .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => d.name?.value),
    );
    expect(operations.length).toBeGreaterThan(40);
    // codegen is current: the documents checked below are the ones the console sends
    expect(consoleDocuments.map(([name]) => name).sort()).toEqual(operations.sort());
  });

  it('leaves every console document room under the cost limit', async () => {
    const schema = await buildGraphQLSchema();
    const costs = consoleDocuments.map(
      ([name, document]) =>
        [name, operationCost(schema, document, operationOf(document), queryCostModel)] as const,
    );
    const over = costs.filter(([, cost]) => cost > requestLimits.maxCost);
    expect(over).toEqual([]);
    // the largest: a page of 100 users with their apps
    expect(Math.max(...costs.map(([, cost]) => cost))).toBeGreaterThan(requestLimits.maxCost / 4);
  });

  it.each(consoleDocuments)('accepts the console document %s', async (_name, document) => {
    // anonymous and without variables, so nothing changes: what is checked is that validation,
    // where the limits are, lets it through
    const answer = await graphql(server.url, print(document));
    const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).not.toContain('GRAPHQL_VALIDATION_FAILED');
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
