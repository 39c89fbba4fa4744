import { buildSchema, Kind, parse, type OperationDefinitionNode, validate } from 'graphql';
import { type CostModel, costLimitRule, operationCost } from './query-cost';

// a schema of the same shapes as the API's: plain lists, paged connections, an expensive field
const schema = buildSchema(`
  type Query {
    apps: [App!]!
    app(id: ID!): App
    users(first: Int! = 50, after: String): UserConnection!
    tags: [String!]!
  }
  type Mutation { touch: Boolean! }
  type App { id: ID! name: String! qr: String! owner: User }
  type User { id: ID! name: String! apps: [App!]! }
  type UserConnection { nodes: [User!]! totalCount: Int! pageInfo: PageInfo! }
  type PageInfo { endCursor: String hasNextPage: Boolean! }
`);

const model: CostModel = {
  maxCost: 1000,
  assumedListSize: 20,
  largestPage: 100,
  fieldCosts: { 'App.qr': 50 },
};

function costOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, model);
}

const aliases = (n: number, selection: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('operationCost', () => {
  it.each([
    ['a scalar', '{ tags }', 1],
    ['__typename', '{ __typename }', 0],
    ['a field of an object', '{ app(id: 1) { id name } }', 3],
    ['an expensive field', '{ app(id: 1) { qr } }', 51],
    ['a list: per item', '{ apps { id } }', 1 + 20],
    ['a list of expensive fields', '{ apps { qr } }', 1 + 20 * 50],
    ['aliases: each counted', aliases(3, 'apps { qr }'), 3 * (1 + 20 * 50)],
    [
      'a page of a literal size',
      '{ users(first: 10) { totalCount nodes { id } } }',
      1 + 1 + 1 + 10,
    ],
    [
      'a page of a variable size: the largest',
      'query ($n: Int!) { users(first: $n) { nodes { id } } }',
      1 + 1 + 100,
    ],
    [
      'a page of the default size',
      '{ users { pageInfo { endCursor } nodes { id } } }',
      1 + 2 + 1 + 50,
    ],
    [
      'a list in each item of a page',
      '{ users(first: 5) { nodes { apps { id } } } }',
      1 + 1 + 5 * (1 + 20 * 1),
    ],
    ['an object in each item', '{ apps { owner { id name } } }', 1 + 20 * 3],
    ['a fragment, as if inlined', '{ apps { ...F } } fragment F on App { id qr }', 1 + 20 * 51],
    ['an inline fragment', '{ apps { ... on App { id } } }', 1 + 20],
    [
      'a fragment used twice, counted twice',
      '{ a: apps { ...F } b: apps { ...F } } fragment F on App { id }',
      2 * (1 + 20),
    ],
    ['an unknown field (refused elsewhere)', '{ nope apps { nope } }', 1],
    [
      'a fragment cycle (refused elsewhere)',
      '{ apps { ...F } } fragment F on App { owner { apps { ...F } } }',
      // the inner spread counts nothing: F = owner (1) + apps (1 + 20 × 0)
      1 + 20 * 2,
    ],
    ['a mutation', 'mutation { touch }', 1],
  ])('%s', (_name, query, expected) => {
    expect(costOf(query)).toBe(expected);
  });

  it('walks a fragment spread many times once', () => {
    // each level spreads the one below twice: 2^20 spreads, unless a fragment's cost is kept
    const levels = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on App { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ app(id: 1) { ...F0 } } ${levels.join(' ')} fragment F20 on App { id }`;
    expect(costOf(query)).toBe(1 + 2 ** 20);
  });
});

describe('costLimitRule', () => {
  const errorsOf = (query: string) =>
    validate(schema, parse(query), [costLimitRule({ ...model, maxCost: 1500 })]).map(
      (e) => e.message,
    );

  it('refuses an operation over the limit, naming its cost', () => {
    expect(errorsOf('{ a: apps { qr } }')).toEqual([]);
    expect(errorsOf(aliases(2, 'apps { qr }'))).toEqual([
      expect.stringContaining('may cost 2002, over the limit of 1500'),
    ]);
  });

  it('judges each operation of a document on its own', () => {
    expect(errorsOf('query A { apps { qr } } query B { apps { qr } }')).toEqual([]);
    expect(errorsOf(`query A { apps { qr } } query B ${aliases(2, 'apps { qr }')}`)).toHaveLength(
      1,
    );
  });
});
