/**
 * Generates one migration per dialect from the difference between the entities and a database
 * migrated to the newest existing migration: a scratch SQLite file and a scratch MariaDB database
 * (MIGRATION_SERVER_URL, default mariadb://root@127.0.0.1:3306), both removed afterwards.
 *
 *   pnpm --filter @twofold/server migration:generate <PascalCaseName>
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../src/config';
import { createDataSource } from '../src/wiring/data-source';
import type { Dialect } from '../src/db/dialect';
import { runMigrations } from '../src/db/migrate';

const migrationsRoot = path.join(__dirname, '..', 'src', 'migrations');

interface Query {
  query: string;
  parameters?: unknown[];
}

function render(className: string, up: Query[], down: Query[]): string {
  const line = (q: Query) => {
    const sql = q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const params =
      q.parameters && q.parameters.length > 0 ? `, ${JSON.stringify(q.parameters)}` : '';
    return `    await queryRunner.query(\`${sql}\`${params});`;
  };
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map(line).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...down].reverse().map(line).join('\n')}
  }
}
`;
}

/** Rewrites the dialect's index.ts from the files present, oldest first. */
function writeIndex(dialect: Dialect): void {
  const dir = path.join(migrationsRoot, dialect);
  const files = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort();
  const classes = files.map((file) => {
    const match = /export class (\w+)/.exec(readFileSync(path.join(dir, file), 'utf8'));
    if (!match?.[1]) throw new Error(`no migration class in ${file}`);
    return { file: file.replace(/\.ts$/, ''), name: match[1] };
  });
  const exportName = dialect === 'sqlite' ? 'sqliteMigrations' : 'mysqlMigrations';
  const title = dialect === 'sqlite' ? 'the embedded SQLite database' : 'MariaDB and MySQL';
  writeFileSync(
    path.join(dir, 'index.ts'),
    `${classes.map((c) => `import { ${c.name} } from './${c.file}';`).join('\n')}

/** Migrations for ${title}, oldest first. Generated; never edit a merged one. */
export const ${exportName}: (new () => unknown)[] = [${classes.map((c) => c.name).join(', ')}];
`,
  );
}

async function scratchDatabase(
  dialect: Dialect,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-migration-'));
    return {
      config: { type: 'sqlite', path: path.join(dir, 'scratch.sqlite') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = new URL(process.env.MIGRATION_SERVER_URL ?? 'mariadb://root@127.0.0.1:3306');
  const name = `twofold_migration_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  return {
    config: { type: server.protocol === 'mysql:' ? 'mysql' : 'mariadb', url: url.href },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

async function generate(dialect: Dialect, name: string, timestamp: number): Promise<void> {
  const scratch = await scratchDatabase(dialect);
  const dataSource = createDataSource(scratch.config);
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write(`${dialect}: no changes\n`);
      return;
    }
    const className = `${name}${timestamp}`;
    const file = path.join(migrationsRoot, dialect, `${timestamp}-${name}.ts`);
    writeFileSync(file, render(className, sql.upQueries, sql.downQueries));
    writeIndex(dialect);
    process.stdout.write(`${dialect}: wrote ${path.relative(process.cwd(), file)}\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error('usage: migration:generate <PascalCaseName>');
  }
  const timestamp = Date.now();
  await generate('sqlite', name, timestamp);
  await generate('mysql', name, timestamp);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
