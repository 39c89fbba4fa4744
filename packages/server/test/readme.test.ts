import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configVariables } from '../src/config';
import { repoRoot } from './helpers/server-process';

describe('README', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('documents every configuration variable in its table', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect([...configVariables].sort()).toEqual([...documented].sort());
  });

  it('keeps exactly two set-up commands in the quick start', () => {
    const quickStart = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quickStart
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['pnpm install && pnpm start', 'pnpm test']);
  });
});
