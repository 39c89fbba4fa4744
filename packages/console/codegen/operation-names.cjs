// A graphql-codegen plugin: the names and types of the console's named operations, so the server
// can tell them from names any client makes up (its metrics label only operations it knows).
'use strict';

/** @param {unknown} _schema @param {{ document?: import('graphql').DocumentNode }[]} documents */
function plugin(_schema, documents) {
  /** @type {Map<string, string>} */
  const operations = new Map();
  for (const { document } of documents) {
    for (const definition of document?.definitions ?? []) {
      if (definition.kind !== 'OperationDefinition' || !definition.name) continue;
      operations.set(definition.name.value, definition.operation);
    }
  }
  const entries = [...operations]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, operation]) => `  ${name}: '${operation}',`);
  return [
    '/* eslint-disable */',
    "/** The console's named operations and their types (`pnpm codegen` writes this file). */",
    'export const consoleOperations = {',
    ...entries,
    '} as const;',
    '',
  ].join('\n');
}

module.exports = { plugin };
