import path from 'node:path';
import { tsScriptRunner } from '@twofold/testkit/process';

export const serverRoot = path.join(__dirname, '..', '..');
export const repoRoot = path.join(serverRoot, '..', '..');

/** Runs a server source file (main.ts, cli.ts) the way `pnpm start`/`pnpm twofold` run it. */
export const spawnServerScript = tsScriptRunner({
  dir: path.join(serverRoot, 'src'),
  tsconfig: path.join(serverRoot, 'tsconfig.json'),
  cwd: repoRoot,
});
