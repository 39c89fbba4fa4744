import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphQLSchema, renderSdl } from '../src/wiring/schema';

async function main(): Promise<void> {
  const target = path.join(__dirname, '..', 'schema.graphql');
  writeFileSync(target, renderSdl(await buildGraphQLSchema()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
