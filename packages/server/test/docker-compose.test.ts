import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configProblems, configVariables } from '../src/config';

// No Docker engine runs in CI: this reads docker-compose.yml and checks the app service's
// environment against what the server reads.

type Environment = Record<string, string | number | boolean | null> | string[];

interface ComposeFile {
  services: { app: { environment?: Environment } };
}

// The shell running `docker compose`, which must provide the key (`${TWOFOLD_SECRET_KEY:?...}`).
const shell: Record<string, string> = {
  TWOFOLD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
};

/** `${VAR}`, `${VAR:-default}` or `${VAR:?error}` take the shell's value, else the default. */
const substitute = (value: string) =>
  value.replace(
    /\$\{(\w+)(?::?-([^}]*)|:?\?[^}]*)?\}/g,
    (_match, name: string, fallback?: string) => shell[name] ?? fallback ?? '',
  );

/** The app container's environment, from the mapping or the `KEY=value` list form. */
function appEnvironment(): Record<string, string> {
  const compose = parse(
    readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8'),
  ) as ComposeFile;
  const declared = compose.services.app.environment ?? {};
  const entries = Array.isArray(declared)
    ? declared.map((entry) => entry.split(/=(.*)/s))
    : Object.entries(declared);
  return Object.fromEntries(
    entries.map(([key = '', value]) => [key, substitute(String(value ?? shell[key] ?? ''))]),
  );
}

describe('docker-compose.yml', () => {
  it('sets only variables the server reads for the app service', () => {
    const keys = Object.keys(appEnvironment());
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !(configVariables as string[]).includes(key))).toEqual([]);
  });

  it('gives the app service an environment the server config accepts', () => {
    expect(configProblems(appEnvironment())).toEqual([]);
  });
});
