import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigError, configProblems, configVariables, loadConfig } from '../src/config';

// No Docker engine runs in CI: these tests read the deployment files and check them against what
// the server actually reads (its config schema, its files at runtime).

const root = path.resolve(__dirname, '../../..');
const readRootFile = (name: string) => readFileSync(path.join(root, name), 'utf8');

// ---- docker-compose.yml --------------------------------------------------------------------

type EnvValue = string | number | boolean | null;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, EnvValue> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readRootFile('docker-compose.yml')) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services?.[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** What `docker compose` does when a required variable (`${VAR:?message}`) is missing. */
class MissingVariableError extends Error {}

/**
 * Compose's variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}` and `${VAR?message}`. Anything else is left as is and fails the caller's check.
 */
function interpolate(value: string, hostEnv: Record<string, string | undefined>): string {
  const pattern =
    /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  return value.replace(
    pattern,
    (
      match: string,
      braced: string | undefined,
      operator: string | undefined,
      argument: string | undefined,
      bare: string | undefined,
    ) => {
      if (match === '$$') return '$';
      const name = braced ?? bare ?? '';
      const current = hostEnv[name];
      if (operator === undefined) return current ?? '';
      const missing = current === undefined || (operator.startsWith(':') && current === '');
      if (!missing) return current;
      if (operator.endsWith('-')) return argument ?? '';
      throw new MissingVariableError(`${name}: ${argument ?? 'required'}`);
    },
  );
}

/** A service's environment as the container sees it, given the environment of `docker compose`. */
function containerEnv(
  name: string,
  hostEnv: Record<string, string | undefined>,
): Record<string, string> {
  const declared = service(name).environment ?? {};
  const entries: [string, string | undefined][] = Array.isArray(declared)
    ? declared.map((entry) => {
        const equals = entry.indexOf('=');
        return equals === -1
          ? [entry, undefined]
          : [entry.slice(0, equals), entry.slice(equals + 1)];
      })
    : Object.entries(declared).map(([key, value]) => [
        key,
        value === null ? undefined : String(value),
      ]);
  const env: Record<string, string> = {};
  for (const [key, value] of entries) {
    // `KEY` alone passes the variable through from the host
    const resolved = value === undefined ? hostEnv[key] : interpolate(value, hostEnv);
    if (resolved !== undefined) env[key] = resolved;
  }
  for (const [key, value] of Object.entries(env)) {
    expect([key, value]).toEqual([key, expect.not.stringContaining('${')]);
  }
  return env;
}

function dependsOn(name: string): Record<string, string> {
  const declared = service(name).depends_on ?? {};
  if (Array.isArray(declared)) {
    return Object.fromEntries(declared.map((dependency) => [dependency, 'service_started']));
  }
  return Object.fromEntries(
    Object.entries(declared).map(([dependency, options]) => [
      dependency,
      options.condition ?? 'service_started',
    ]),
  );
}

/** `[source, target]` pairs of a service's volumes, short or long syntax. */
function volumesOf(name: string): [string, string][] {
  return (service(name).volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') return [volume.source ?? '', volume.target];
    const [source = '', target = ''] = volume.split(':');
    return [source, target];
  });
}

/** `host:container` pairs of a service's published ports. */
function portsOf(name: string): string[] {
  return (service(name).ports ?? []).map((port) =>
    typeof port === 'object' ? `${port.published ?? ''}:${port.target}` : String(port),
  );
}

const secretKey = Buffer.alloc(32, 1);
const hostEnv = { TWOFOLD_SECRET_KEY: secretKey.toString('base64') };

// ---- Dockerfile ----------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions grouped by stage; comments dropped, `\` continuation lines joined. */
function parseDockerfile(text: string): Stage[] {
  const logicalLines: string[] = [];
  let pending = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const joined = (pending + line).trim();
    pending = '';
    if (joined !== '') logicalLines.push(joined);
  }
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    const keyword = (match?.[1] ?? '').toUpperCase();
    const args = match?.[2] ?? '';
    if (keyword === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/).filter((token) => !token.startsWith('--'));
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
      continue;
    }
    const current = stages[stages.length - 1];
    if (current === undefined) throw new Error(`Dockerfile: ${keyword} before the first FROM`);
    current.instructions.push({ keyword, args });
  }
  return stages;
}

const instructionsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword);

function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructionsOf(stage, 'ENV')) {
    if (!/^\S+=/.test(args)) {
      const [key = '', ...value] = args.split(/\s+/);
      env[key] = value.join(' ');
      continue;
    }
    for (const pair of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) {
      env[pair[1] ?? ''] = (pair[2] ?? '').replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

function execForm(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['/bin/sh', '-c', args];
}

/** Absolute paths a stage copies in, each with the stage (or `context`) it comes from. */
function copiesOf(stage: Stage): { from: string; source: string; target: string }[] {
  let workdir = '/';
  const copies: { from: string; source: string; target: string }[] = [];
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, args);
    if (keyword !== 'COPY') continue;
    const tokens = args.split(/\s+/);
    const from = /^--from=(\S+)$/.exec(tokens.find((t) => t.startsWith('--from=')) ?? '')?.[1];
    const paths = tokens.filter((token) => !token.startsWith('--'));
    const destination = paths.pop() ?? '';
    for (const source of paths) {
      const target = destination.endsWith('/')
        ? path.posix.join(workdir, destination, path.posix.basename(source))
        : path.posix.resolve(workdir, destination);
      copies.push({ from: from ?? 'context', source, target });
    }
  }
  return copies;
}

function workdirOf(stage: Stage): string {
  return instructionsOf(stage, 'WORKDIR').reduce(
    (dir, { args }) => path.posix.resolve(dir, args),
    '/',
  );
}

const stages = parseDockerfile(readRootFile('Dockerfile'));

function buildStage(): Stage {
  const first = stages[0];
  if (first === undefined || stages.length < 2) {
    throw new Error('Dockerfile needs a build stage and a separate runtime stage');
  }
  return first;
}

function runtimeStage(): Stage {
  buildStage();
  return stages[stages.length - 1] as Stage;
}

const rootManifest = JSON.parse(readRootFile('package.json')) as { packageManager?: string };
const workspacePackages = readdirSync(path.join(root, 'packages')).filter((name) =>
  existsSync(path.join(root, 'packages', name, 'package.json')),
);

describe('docker compose deployment', () => {
  describe('docker-compose.yml', () => {
    it('runs MariaDB 11.4 with a health check, a root password policy and a named volume', () => {
      const db = service('db');
      expect(db.image).toBe('mariadb:11.4');

      const test = db.healthcheck?.test ?? [];
      const command = typeof test === 'string' ? test.split(/\s+/) : test;
      expect(command).toEqual(
        expect.arrayContaining(['healthcheck.sh', '--connect', '--innodb_initialized']),
      );

      const env = containerEnv('db', hostEnv);
      // the image refuses to initialise without one of these
      expect(
        env.MARIADB_ROOT_PASSWORD ??
          env.MARIADB_RANDOM_ROOT_PASSWORD ??
          env.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD,
      ).toBeTruthy();

      const dataVolume = volumesOf('db').find(([, target]) => target === '/var/lib/mysql');
      expect(dataVolume).toBeDefined();
      const [source = ''] = dataVolume ?? [];
      expect(Object.keys(compose.volumes ?? {})).toContain(source);
    });

    it('runs mailpit with its web UI published on 8025', () => {
      expect(service('mail').image).toMatch(/^axllent\/mailpit(:|$)/);
      expect(portsOf('mail')).toContain('8025:8025');
    });

    it('builds the app from the Dockerfile and starts it once the database is healthy', () => {
      const app = service('app');
      const build = typeof app.build === 'string' ? { context: app.build } : (app.build ?? {});
      expect(build.context).toBe('.');
      expect(
        existsSync(path.join(root, build.context ?? '', build.dockerfile ?? 'Dockerfile')),
      ).toBe(true);
      expect(portsOf('app')).toContain('4000:4000');
      expect(dependsOn('app')).toEqual({ db: 'service_healthy', mail: 'service_started' });
    });

    it('keeps the app data in a named volume at the data directory of the image', () => {
      const dataDir = envOf(runtimeStage()).TWOFOLD_DATA_DIR;
      expect(dataDir).toBeDefined();
      const dataVolume = volumesOf('app').find(([, target]) => target === dataDir);
      expect(dataVolume).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.[0]);
    });

    it('sets only variables the server reads', () => {
      const keys = Object.keys(containerEnv('app', hostEnv));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => !(configVariables as string[]).includes(key))).toEqual([]);
    });

    it('gives the server a configuration it accepts: MariaDB, the mail catcher, a secret key', () => {
      const env = containerEnv('app', hostEnv);
      const config = loadConfig(env);

      expect(config.database.type).toBe('mariadb');
      expect(config.production).toBe(true);
      expect(config.secretKey?.equals(secretKey)).toBe(true);

      // the server listens on the container port that compose publishes, at PUBLIC_URL
      const [published, container] = (portsOf('app')[0] ?? '').split(':');
      expect(String(config.port)).toBe(container);
      expect(new URL(config.publicUrl).port || '80').toBe(published);

      // mail goes to mailpit's SMTP port on the mail service
      expect(config.smtpUrl).toBe('smtp://mail:1025');
      expect(config.mailFrom).toMatch(/<[^@\s]+@[^>\s]+>$/);
    });

    it('uses the credentials, host and database of the db service in DATABASE_URL', () => {
      const app = containerEnv('app', hostEnv);
      const db = containerEnv('db', hostEnv);
      const url = new URL(app.DATABASE_URL ?? '');

      expect(url.protocol).toBe('mariadb:');
      expect(Object.keys(compose.services ?? {})).toContain(url.hostname);
      expect(url.hostname).toBe('db');
      expect(url.port || '3306').toBe('3306');
      expect(decodeURIComponent(url.username)).toBe(db.MARIADB_USER);
      expect(decodeURIComponent(url.password)).toBe(db.MARIADB_PASSWORD);
      expect(url.pathname.replace(/^\//, '')).toBe(db.MARIADB_DATABASE);
      expect(db.MARIADB_USER).toBeTruthy();
      expect(db.MARIADB_PASSWORD).toBeTruthy();
    });

    it('requires TWOFOLD_SECRET_KEY from the environment, as the server does with MariaDB', () => {
      // compose stops with a hint on how to make a key ...
      expect(() => containerEnv('app', {})).toThrow(MissingVariableError);
      expect(() => containerEnv('app', { TWOFOLD_SECRET_KEY: '' })).toThrow(
        /TWOFOLD_SECRET_KEY: .*openssl rand -base64 32/,
      );

      // ... because without one the server refuses the MariaDB configuration
      const withoutKey = { ...containerEnv('app', hostEnv) };
      delete withoutKey.TWOFOLD_SECRET_KEY;
      expect(() => loadConfig(withoutKey)).toThrow(ConfigError);
      expect(configProblems(withoutKey)).toEqual([
        expect.stringMatching(/^TWOFOLD_SECRET_KEY: is required/),
      ]);

      // and a key that is not 32 bytes is named too
      const shortKey = containerEnv('app', { TWOFOLD_SECRET_KEY: 'c2hvcnQ=' });
      expect(configProblems(shortKey)).toEqual([
        expect.stringMatching(/^TWOFOLD_SECRET_KEY: must be 32 bytes/),
      ]);
    });
  });

  describe('Dockerfile', () => {
    it('builds on node:20-bookworm-slim with the pnpm of package.json', () => {
      expect(stages.map((stage) => stage.from)).toEqual(stages.map(() => 'node:20-bookworm-slim'));
      const build = buildStage()
        .instructions.map(({ args }) => args)
        .join('\n');
      const pnpmVersion = rootManifest.packageManager?.replace(/^pnpm@/, '');
      expect(build).toContain(`npm i -g pnpm@${pnpmVersion}`);
      expect(build).toMatch(/apt-get install .*python3 make g\+\+/);
    });

    it('installs from the lockfile with every workspace manifest before copying the sources', () => {
      const build = buildStage().instructions;
      const install = build.findIndex(
        ({ keyword, args }) => keyword === 'RUN' && args === 'pnpm install --frozen-lockfile',
      );
      const sources = build.findIndex(({ keyword, args }) => keyword === 'COPY' && args === '. .');
      const pnpmBuild = build.findIndex(
        ({ keyword, args }) => keyword === 'RUN' && args === 'pnpm build',
      );
      expect(install).toBeGreaterThan(-1);
      expect(sources).toBeGreaterThan(install);
      expect(pnpmBuild).toBeGreaterThan(sources);

      const copiedBeforeInstall = copiesOf({
        ...buildStage(),
        instructions: build.slice(0, install),
      }).map(({ source }) => source);
      expect(workspacePackages.length).toBeGreaterThan(0);
      expect(copiedBeforeInstall).toEqual(
        expect.arrayContaining([
          'package.json',
          'pnpm-lock.yaml',
          'pnpm-workspace.yaml',
          ...workspacePackages.map((name) => `packages/${name}/package.json`),
        ]),
      );
    });

    it('runs the server as a non-root user with its data in a volume', () => {
      const stage = runtimeStage();
      const env = envOf(stage);
      expect(env.NODE_ENV).toBe('production');
      expect(env.TWOFOLD_DATA_DIR).toBe('/data');

      const user = instructionsOf(stage, 'USER').pop()?.args;
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^(root|0)(:|$)/);

      const volumes = instructionsOf(stage, 'VOLUME').flatMap(({ args }) => execForm(args));
      expect(volumes).toContain(env.TWOFOLD_DATA_DIR);
      expect(instructionsOf(stage, 'EXPOSE').map(({ args }) => args)).toContain('4000');

      const healthcheck = instructionsOf(stage, 'HEALTHCHECK').pop()?.args ?? '';
      expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/healthz/);
      expect(healthcheck).not.toContain('curl');

      expect(execForm(instructionsOf(stage, 'CMD').pop()?.args ?? '')).toEqual([
        'node',
        'packages/server/dist/main.js',
      ]);
    });

    it('copies everything the server reads at runtime from the build stage', () => {
      const stage = runtimeStage();
      const copies = copiesOf(stage);
      const stageNames = stages.map((s) => s.name);
      for (const { from } of copies) expect(stageNames).toContain(from);

      const app = workdirOf(stage);
      const targets = copies.map(({ target }) => path.posix.relative(app, target));
      expect(targets).toEqual(
        expect.arrayContaining([
          'node_modules',
          'packages/server/package.json', // read for the version
          'packages/server/dist',
          'packages/server/node_modules',
          'packages/shared/package.json',
          'packages/shared/dist',
          'packages/shared/node_modules',
          'packages/console/dist', // the default TWOFOLD_CONSOLE_DIR, next to the server's dist
        ]),
      );
      // each tree lands where it was built, so pnpm's relative symlinks still resolve
      const built = workdirOf(buildStage());
      for (const { source, target } of copies) {
        expect(path.posix.relative(app, target)).toBe(path.posix.relative(built, source));
      }
    });
  });

  it('keeps host-built and private files out of the build context', () => {
    const ignored = readRootFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const pattern of ['node_modules', 'dist', 'data', '.git', 'coverage']) {
      expect(ignored.some((line) => line === pattern || line === `**/${pattern}`)).toBe(true);
    }
  });
});
