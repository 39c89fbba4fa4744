import type { CodegenConfig } from '@graphql-codegen/cli';

const outDir = '../shared/src/generated/';

// Typed documents land in packages/shared so other frontends can import them from
// `@twofold/shared/graphql`; the console reads them through a path alias.
const config: CodegenConfig = {
  overwrite: true,
  schema: '../server/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    [outDir]: {
      preset: 'client',
      presetConfig: {
        // Apollo Client does its own data masking; the preset's masking would be a second system.
        fragmentMasking: false,
        // The preset's index exports only the inline `graphql()` tag; documents live in .graphql
        // files here, so our index below exports the typed documents instead.
        skipIndexFile: true,
      },
      config: {
        // String unions, not TS enums: no runtime values that could clash with the shared enums.
        enumType: 'string-literal',
        useTypeImports: true,
        defaultScalarType: 'unknown',
        strictScalars: true,
        // DateTimeISO travels as an ISO 8601 string; pages parse it where they show it.
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
        // Apollo Client adds __typename to every object selection (but not to root types).
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
    // The server labels its request metrics with these names only (any client may name its
    // operations anything), so it reads them without loading the documents.
    [`${outDir}operations.ts`]: {
      plugins: ['./codegen/operation-names.cjs'],
    },
    [`${outDir}index.ts`]: {
      plugins: [
        {
          add: {
            content: ['/* eslint-disable */', "export * from './graphql';"],
          },
        },
      ],
    },
  },
};

export default config;
