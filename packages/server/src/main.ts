import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { ConfigError, type Config, loadConfig } from './config';
import { openDatabase } from './wiring/open-database';
import { buildApp } from './wiring/app';
import { Metrics } from './metrics/metrics';
import { createLogger } from './logger';
import { describeDemo } from './modules/demo/demo.service';
import { createServices } from './wiring/services';

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`twofold: invalid configuration\n${error.problems.join('\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });

  const { dataSource, applied } = await openDatabase(config);
  if (applied.length > 0)
    logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

  const metrics = new Metrics();
  const services = createServices({ config, logger, dataSource, metrics });
  // zero-setup start (docs/design.md, Operations): an empty embedded database gets the demo, printed once
  if (config.database.type === 'sqlite') {
    const demo = await services.demo.seedIfEmpty();
    if (demo) process.stdout.write(`\n${describeDemo(demo)}\n\n`);
  }

  const app = await buildApp({ config, logger, dataSource, services, metrics });
  await app.listen({ port: config.port, host: config.host });
  logger.info(`Twofold is running at ${config.publicUrl}`);

  // housekeeping (issue 14): every replica tries, the lease lets one run at a time
  let purging: Promise<unknown> = Promise.resolve();
  const purge = () => {
    purging = services.purge.run().catch((error: unknown) => {
      logger.error({ err: error }, 'purge failed; the next run tries again');
    });
  };
  const purgeTimer = setInterval(purge, config.purgeIntervalMinutes * 60_000);
  purgeTimer.unref();
  purge();

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    clearInterval(purgeTimer);
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // A keep-alive connection whose request finishes after the close began would hold close()
    // open for the keep-alive timeout (72 s): close each one as soon as it is idle. Requests that
    // never finish are cut after a grace period, so the process always ends.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    const cut = setTimeout(() => {
      logger.warn('requests still running after 20 s: closing their connections');
      app.server.closeAllConnections();
    }, 20_000);
    sweep.unref();
    cut.unref();
    // fastify stops accepting, lets in-flight requests finish, then runs onClose hooks; the
    // database closes after the last answer
    app
      .close()
      .finally(() => {
        clearInterval(sweep);
        clearTimeout(cut);
      })
      // a purge batch running now finishes before the database closes
      .then(() => purging)
      .then(() => dataSource.destroy())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`twofold: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
