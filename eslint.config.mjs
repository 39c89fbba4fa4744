// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layers of docs/architecture.md, enforced. Flat config does not merge a rule's options across
// blocks, so each block lists every pattern that applies to its files.
const wiring = {
  regex: '(^|/)wiring/',
  message: 'Start-up wiring (src/wiring/) is imported only by main.ts, cli.ts and tests.',
};
const transport = [
  {
    group: ['type-graphql', 'graphql', 'graphql-scalars', '@apollo/*', 'fastify', '@fastify/*'],
    message: 'Services hold the rules; GraphQL and HTTP belong to resolvers and http/.',
  },
  {
    regex: '(^|/)(graphql|http)/|\\.resolver$',
    message: 'Services import no resolvers and nothing of graphql/ or http/.',
  },
];
const servicesOf = {
  regex: '\\.service$|(^|/)wiring/',
  message: 'Entities are data: they import no services and no wiring.',
};
const theServer = {
  regex: '(^|/)server/|^@twofold/server',
  message: 'The console knows the server only through schema.graphql and @twofold/shared.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/data/**',
      'coverage/**',
      'packages/shared/src/generated/**',
      'packages/server/src/migrations/**',
      // the server compiled by a test (test/helpers/compiled-server.ts), removed after it
      'packages/server/.compiled-server-*/**',
      // shipped to browsers as written (a classic script index.html loads before the bundle)
      'packages/console/public/**',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['jest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      // async functions satisfy promise-returning interfaces (hooks, plugins) without awaiting
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**/*.ts'],
    rules: {
      // jest matchers such as expect.any() are typed as any
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/wiring/**',
      'packages/server/src/main.ts',
      'packages/server/src/cli.ts',
      '**/*.test.ts',
    ],
    rules: restrict(wiring),
  },
  {
    files: ['packages/server/src/modules/**/*.ts'],
    ignores: [
      '**/*.resolver.ts',
      '**/dto/**',
      '**/*.entity.ts',
      '**/*.entities.ts',
      '**/*.loaders.ts',
      '**/*.test.ts',
    ],
    rules: restrict(wiring, ...transport),
  },
  {
    files: ['packages/server/src/**/*.entity.ts', 'packages/server/src/**/*.entities.ts'],
    rules: restrict(servicesOf, wiring),
  },
  {
    // Context and Services are declared without importing what they name: resolvers depend on
    // these two files, not on the wiring that builds them.
    files: ['packages/server/src/graphql/context.ts', 'packages/server/src/services.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind='value']",
          message: 'This file declares types only: use `import type`.',
        },
      ],
    },
  },
  {
    files: ['packages/console/**/*.ts', 'packages/console/**/*.tsx'],
    rules: restrict(theServer),
  },
  {
    files: ['packages/console/src/**/*.tsx', 'packages/console/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs['recommended-latest'].rules,
  },
  prettier,
);
