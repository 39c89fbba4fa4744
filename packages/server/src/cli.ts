import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { createDataSource } from './db/data-source';
import { runMigrations } from './db/migrate';

/** A problem the operator can fix; printed as one line, exit code 1. */
class CliError extends Error {}

const usage = `usage: pnpm twofold <command> [options]

commands:
  migrate    apply pending database migrations
  help       show this text`;

type Command = (args: string[]) => Promise<string>;

const commands: Record<string, Command> = {
  async migrate(args) {
    parseArgs({ args, options: {}, strict: true });
    const config = loadConfig();
    if (config.database.type === 'sqlite')
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const dataSource = createDataSource(config.database);
    await dataSource.initialize();
    try {
      const applied = await runMigrations(dataSource);
      return applied.length === 0
        ? 'database is up to date'
        : `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`;
    } finally {
      await dataSource.destroy();
    }
  },
  async help() {
    return usage;
  },
};

export async function runCli(argv: string[]): Promise<{ code: number; output: string }> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    return { code: 1, output: name ? `twofold: unknown command "${name}"\n${usage}` : usage };
  }
  try {
    return { code: 0, output: await command(args) };
  } catch (error) {
    if (error instanceof ConfigError) {
      return { code: 1, output: `twofold: invalid configuration: ${error.problems.join('; ')}` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return {
      code: 1,
      output: `twofold: ${error instanceof CliError ? '' : 'error: '}${message.split('\n')[0]}`,
    };
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then(({ code, output }) => {
    (code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
    process.exit(code);
  });
}
