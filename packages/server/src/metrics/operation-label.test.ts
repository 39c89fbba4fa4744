import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { consoleOperations } from '@twofold/shared';
import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { buildGraphQLSchema } from '../wiring/schema';
import { operationLabel, OTHER } from './operation-label';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

/** The label of the first operation of `source`. */
function labelOf(source: string): string {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return operationLabel(operation, document, schema);
}

describe('operationLabel', () => {
  it.each([
    // the console's own operations keep their names
    ['query Session { session { stage } }', 'Session'],
    ['mutation SignIn { signOut }', 'SignIn'],
    // a made-up name counts for nothing: the one root field labels it
    ['query Flood1 { __typename }', 'query:__typename'],
    ['{ apiInfo { name } }', 'query:apiInfo'],
    ['query ann_example_test { users { totalCount } }', 'query:users'],
    ['mutation Whatever { signOut }', 'mutation:signOut'],
    ['query IntrospectionQuery { __schema { queryType { name } } }', 'query:__schema'],
    // a console name with another operation type is not the console's operation
    ['query SignIn { session { stage } }', 'query:session'],
    ['mutation Session { signOut }', 'mutation:signOut'],
    // aliases of one field are one field
    ['query X { a: apiInfo { name } b: apiInfo { version } }', 'query:apiInfo'],
    // through fragments
    ['query X { ...F } fragment F on Query { apiInfo { name } }', 'query:apiInfo'],
    ['query X { ... on Query { session { stage } } }', 'query:session'],
    // several root fields, or a name the schema does not have
    ['query X { apiInfo { name } session { stage } }', OTHER],
    ['query X { ...F ...F } fragment F on Query { ...F apiInfo { name } }', 'query:apiInfo'],
    ['query X { nope }', OTHER],
    ['query X { constructor }', OTHER],
    ['query X { signOut }', OTHER],
    ['subscription X { apiInfo { name } }', OTHER],
  ])('labels %s as %s', (source, label) => {
    expect(labelOf(source)).toBe(label);
  });
});

describe('consoleOperations', () => {
  /** Every named operation of the console's `.graphql` documents. */
  function documentedOperations(): Record<string, string> {
    const operations: Record<string, string> = {};
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (entry.name.endsWith('.graphql')) {
          for (const definition of parse(readFileSync(file, 'utf8')).definitions) {
            if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
              operations[definition.name.value] = definition.operation;
            }
          }
        }
      }
    };
    visit(path.join(__dirname, '../../../console/src'));
    return operations;
  }

  it("lists the console's named documents (run `pnpm codegen` when this fails)", () => {
    const documented = documentedOperations();
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(['Session', 'SignIn']));
    expect({ ...consoleOperations }).toEqual(documented);
  });
});
