import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './wiring/open-database';
import pino from 'pino';
import { BadInputError, DomainError } from './errors';
import { describeDemo } from './modules/demo/demo.service';
import type { Services } from './services';
import { createServices } from './wiring/services';

/** A problem the operator can fix; printed as one line, exit code 1. */
class CliError extends Error {}

const usage = `usage: pnpm twofold <command> [options]

commands:
  migrate         apply pending database migrations
  create-account  --name <n> --owner-email <e> --owner-password <p>
                  create an account with its owner
  seed-demo       create the "Twofold Demo" account and print its owner's generated password
  reset-2fa       --email <e> --account <slug>
                  break-glass: remove the two-factor authentication of that login's profile(s)
                  in that account and sign them out (they enroll again at their next sign-in)
  verify-domain   --account <slug> --domain <d>
                  mark the email domain as verified for that account (adding it when needed), so
                  its identity providers are offered on the sign-in page for emails of the domain
  purge           delete expired sessions, used or expired links, ended rate-limit windows,
                  expired SMS codes, enrollments never confirmed and audit events past
                  AUDIT_RETENTION_DAYS; prints what it removed
  help            show this text`;

type Command = (args: string[]) => Promise<string>;

/** Opens the configured database, migrated (as `pnpm start` does), for one command. */
async function withServices<T>(run: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { dataSource } = await openDatabase(config);
  try {
    // stdout carries the command's answer; warnings go to stderr
    const logger = pino({ level: 'warn' }, pino.destination(2));
    return await run(createServices({ config, dataSource, logger }));
  } finally {
    await dataSource.destroy();
  }
}

const cliOptionOf: Record<string, string> = {
  name: '--name',
  ownerEmail: '--owner-email',
  ownerPassword: '--owner-password',
  email: '--email',
  account: '--account',
  domain: '--domain',
};

/** A service's refusal as one line naming the command-line options. */
function cliErrorOf(error: unknown): unknown {
  if (error instanceof BadInputError) {
    return new CliError(
      `invalid input: ${error.fields
        .map((f) => `${cliOptionOf[f.field] ?? f.field}: ${f.message}`)
        .join('; ')}`,
    );
  }
  if (error instanceof DomainError) {
    const field = error.details.field;
    const option = typeof field === 'string' ? cliOptionOf[field] : undefined;
    return new CliError(option ? `${option}: ${error.message}` : error.message);
  }
  return error;
}

const commands: Record<string, Command> = {
  async migrate(args) {
    parseArgs({ args, options: {}, strict: true });
    const { dataSource, applied } = await openDatabase(loadConfig());
    try {
      return applied.length === 0
        ? 'database is up to date'
        : `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`;
    } finally {
      await dataSource.destroy();
    }
  },
  async 'create-account'(args) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        'owner-email': { type: 'string' },
        'owner-password': { type: 'string' },
      },
      strict: true,
    });
    const missing = ['name', 'owner-email', 'owner-password'].filter(
      (option) => values[option as keyof typeof values] === undefined,
    );
    if (missing.length > 0) {
      throw new CliError(`missing ${missing.map((option) => `--${option}`).join(', ')}`);
    }
    return withServices(async (services) => {
      try {
        const { account } = await services.accounts.createAccount({
          name: values.name ?? '',
          ownerEmail: values['owner-email'] ?? '',
          ownerPassword: values['owner-password'] ?? '',
        });
        const ownerEmail = (values['owner-email'] ?? '').trim().toLowerCase();
        return `created account "${account.name}" (slug: ${account.slug}); owner: ${ownerEmail}`;
      } catch (error) {
        throw cliErrorOf(error);
      }
    });
  },
  async purge(args) {
    parseArgs({ args, options: {}, strict: true });
    return withServices(async (services) => {
      const { ran, counts } = await services.purge.run();
      if (!ran) throw new CliError('another replica is purging right now; try again in a minute');
      return Object.entries(counts)
        .map(([kind, rows]) => `${kind}: ${rows}`)
        .join('\n');
    });
  },
  async 'seed-demo'(args) {
    parseArgs({ args, options: {}, strict: true });
    return withServices(async (services) => {
      try {
        return describeDemo(await services.demo.seed());
      } catch (error) {
        throw cliErrorOf(error);
      }
    });
  },
  async 'reset-2fa'(args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, account: { type: 'string' } },
      strict: true,
    });
    const missing = ['email', 'account'].filter(
      (option) => values[option as keyof typeof values] === undefined,
    );
    if (missing.length > 0) {
      throw new CliError(`missing ${missing.map((option) => `--${option}`).join(', ')}`);
    }
    return withServices(async (services) => {
      try {
        const result = await services.adminTwoFactor.breakGlassReset(
          values.email ?? '',
          values.account ?? '',
        );
        const profiles = result.profiles === 1 ? '1 profile' : `${result.profiles} profiles`;
        return (
          `reset two-factor authentication of ${result.email} in account ${result.accountSlug} ` +
          `(${profiles}); sessions ended, they enroll again at their next sign-in`
        );
      } catch (error) {
        throw cliErrorOf(error);
      }
    });
  },
  async 'verify-domain'(args) {
    const { values } = parseArgs({
      args,
      options: { account: { type: 'string' }, domain: { type: 'string' } },
      strict: true,
    });
    const missing = ['account', 'domain'].filter(
      (option) => values[option as keyof typeof values] === undefined,
    );
    if (missing.length > 0) {
      throw new CliError(`missing ${missing.map((option) => `--${option}`).join(', ')}`);
    }
    return withServices(async (services) => {
      try {
        const { account, domain, already } = await services.accountDomains.verifyByOperator(
          values.account ?? '',
          values.domain ?? '',
        );
        return already
          ? `${domain.domain} was already verified for account ${account.slug}`
          : `verified ${domain.domain} for account ${account.slug}`;
      } catch (error) {
        throw cliErrorOf(error);
      }
    });
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
