import type { Config } from 'jest';

// SWC with decorator metadata: TypeORM and type-graphql read the emitted design types.
const swcTransform = (tsx: boolean): Config['transform'] => ({
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', tsx, decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          ...(tsx ? { react: { runtime: 'automatic' } } : {}),
        },
      },
      module: { type: 'commonjs' },
    },
  ],
});

const sharedSource = { '^@twofold/shared$': '<rootDir>/../shared/src/index.ts' };
// The test doubles, from their sources (the server's tests and the console's e2e harness). The
// mapped files sit outside node_modules, so the projects' SWC transform compiles them.
const testkitSource = { '^@twofold/testkit/(.+)$': '<rootDir>/../testkit/src/$1.ts' };

/**
 * A transformIgnorePatterns entry that lets SWC compile the named packages. pnpm keeps a package
 * at node_modules/.pnpm/<name, `/` as `+`>@<version>/node_modules/<name>/, and the pattern must
 * not match at either node_modules, so both spellings are excluded.
 */
const transformPackages = (names: string[]): string => {
  const storeNames = names.map((name) => name.replace('/', '\\+'));
  return `/node_modules/(?!\\.pnpm/(?:${storeNames.join('|')})@|(?:${names.join('|')})/)`;
};

const config: Config = {
  projects: [
    {
      displayName: 'shared',
      rootDir: 'packages/shared',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.test.ts'],
      transform: swcTransform(false),
    },
    {
      displayName: 'server',
      rootDir: 'packages/server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
      transform: swcTransform(false),
      moduleNameMapper: { ...sharedSource, ...testkitSource },
      // ESM-only dependencies (Node 20.19+ requires them natively; jest does not). otplib and
      // @otplib/* load as their CommonJS builds (.cjs, which the transform does not match), but
      // they require @scure/base and @noble/hashes, which are ESM only; the whole tree is listed
      // so that a release moving any of it to ESM only keeps working.
      transformIgnorePatterns: [
        transformPackages([
          'content-disposition',
          'otplib',
          '@otplib/[^/]+',
          '@scure/base',
          '@noble/hashes',
          'openid-client',
          'oauth4webapi',
          'jose',
        ]),
      ],
      setupFiles: ['<rootDir>/test/setup.ts'],
      slowTestThreshold: 20,
    },
    {
      displayName: 'console',
      rootDir: 'packages/console',
      // jsdom plus Node's fetch API, which react-router's data router needs.
      testEnvironment: '<rootDir>/test/jsdom-environment.cjs',
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      transform: swcTransform(true),
      moduleNameMapper: {
        ...sharedSource,
        '^@twofold/shared/graphql$': '<rootDir>/../shared/src/generated/index.ts',
        '\\.css$': '<rootDir>/test/style-mock.cjs',
      },
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
    },
    {
      // Builds the console, starts the real server and drives Chromium (/usr/bin/chromium).
      displayName: 'e2e',
      rootDir: 'packages/console',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
      transform: swcTransform(false),
      moduleNameMapper: { ...sharedSource, ...testkitSource },
      testTimeout: 120_000,
      setupFilesAfterEnv: ['<rootDir>/e2e/setup.ts'],
      slowTestThreshold: 60,
    },
  ],
  testTimeout: 60_000,
};

export default config;
