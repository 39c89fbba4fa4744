import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** Where a package's TypeScript entry points live and how they are compiled. */
export interface TsScripts {
  /** The folder the scripts are named relative to. */
  dir: string;
  /** The project SWC compiles them with (SWC_NODE_PROJECT). */
  tsconfig: string;
  /** The working directory: one from which `@swc-node/register` resolves. */
  cwd: string;
}

/**
 * A function that runs a script of `scripts.dir` from its source through @swc-node/register, the
 * way `pnpm start`/`pnpm twofold` run the server. Its environment is `env` plus PATH and HOME.
 */
export function tsScriptRunner(
  scripts: TsScripts,
): (script: string, args: string[], env: Record<string, string>) => ChildProcess {
  return (script, args, env) =>
    spawn(process.execPath, ['-r', '@swc-node/register', path.join(scripts.dir, script), ...args], {
      cwd: scripts.cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SWC_NODE_PROJECT: scripts.tsconfig,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects output and waits for the process to exit. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Polls a URL until it answers 200, or fails after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback port that was free a moment ago, for a spawned server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
