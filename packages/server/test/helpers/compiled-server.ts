import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformFile } from '@swc/core';
import { repoRoot, serverRoot } from './server-process';

/** The TypeScript sources under `dir`, tests left out. */
function sourcesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourcesOf(file);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Compiles every source of `from` into `to`, as the tests compile them (decorators with metadata). */
async function compile(from: string, to: string): Promise<void> {
  await Promise.all(
    sourcesOf(from).map(async (file) => {
      const { code } = await transformFile(file, {
        swcrc: false,
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      });
      const out = path.join(to, path.relative(from, file)).replace(/\.ts$/, '.js');
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, code);
    }),
  );
}

export interface CompiledServer {
  /**
   * Starts `main.js` with `env` (plus PATH and HOME), as `node dist/main.js` runs in production;
   * `nodeArgs` go to Node before the script.
   */
  spawn(env: Record<string, string>, nodeArgs?: string[]): ChildProcess;
  remove(): void;
}

/**
 * The server compiled ahead of time, run by plain Node as production runs `dist/main.js`: the
 * in-process compiler of `spawnServerScript` alone holds some 90 MB, which a test of the
 * server's memory must not count. SWC compiles it in seconds into a folder of the server
 * package (so that `version.ts` finds its package.json and dependencies resolve), with
 * `@twofold/shared` compiled into that folder's own node_modules.
 */
export async function compileServer(name: string): Promise<CompiledServer> {
  const dir = path.join(serverRoot, `.${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  await compile(path.join(serverRoot, 'src'), dir);
  await compile(
    path.join(repoRoot, 'packages', 'shared', 'src'),
    path.join(dir, 'node_modules', '@twofold', 'shared'),
  );
  return {
    spawn: (env, nodeArgs = []) =>
      spawn(process.execPath, [...nodeArgs, path.join(dir, 'main.js')], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
