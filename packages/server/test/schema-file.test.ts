import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphQLSchema, renderSdl } from '../src/wiring/schema';

describe('schema.graphql', () => {
  it('matches the schema built from the code (run `pnpm codegen` when this fails)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(renderSdl(await buildGraphQLSchema()));
  });
});
