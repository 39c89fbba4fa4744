/**
 * `pnpm bench --purge-scale <events>`: the audit retention at scale. Seeds `<events>` audit
 * events directly (INSERT … SELECT from the SEQUENCE engine, 100 accounts, spread evenly over
 * the retention plus one day, so one day's worth is due, as in the daily purge), then runs the
 * server's PurgeService on them with a logger that keeps its statements: prints the plan
 * (EXPLAIN) of the audit statements, the batches, their time and the total, and checks that
 * exactly the events past the retention went.
 */
import type { DataSource, Logger } from 'typeorm';
import { columnName, tableName } from '../src/db/raw-columns';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { PurgeService } from '../src/modules/housekeeping/purge.service';
import { withoutStatementTimeout } from '../src/db/mysql-pool';
import { createDataSource } from '../src/wiring/data-source';
import { percentile } from './load';
import { progress } from './processes';
import { idSql, insertSelect, literal } from './scale-seed';
import type { BenchDatabase } from './seed';

const day = 24 * 60 * 60_000;
/** The server's default AUDIT_RETENTION_DAYS. */
const retentionDays = 400;
const rowsPerStatement = 100_000;

/** Keeps the statements sent to the audit table, each once, with its first parameters. */
class AuditStatements implements Logger {
  readonly seen = new Map<string, unknown[]>();
  constructor(private readonly table: string) {}
  logQuery(query: string, parameters?: unknown[]): void {
    if (query.includes(this.table) && !this.seen.has(query)) this.seen.set(query, parameters ?? []);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function seedEvents(dataSource: DataSource, events: number, now: Date): Promise<void> {
  const spanMs = (retentionDays + 1) * day;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    for (let from = 1; from <= events; from += rowsPerStatement) {
      const to = Math.min(events, from + rowsPerStatement - 1);
      // event n is n × span / events before now: the oldest day is past the retention
      await insertSelect(
        runner,
        dataSource,
        AuditEvent,
        {
          id: idSql('e0000001', '0000'),
          accountId: idSql('f0000001', '0000', 'seq MOD 100'),
          actorUserId: 'NULL',
          actorIdentityId: 'NULL',
          action: literal('user.updated'),
          targetType: literal('User'),
          targetId: idSql('b0000001', '0000', 'seq MOD 100000'),
          ip: literal('192.0.2.10'),
          details: literal('{"changed":["displayName"]}'),
          createdAt: `${literal(now)} - INTERVAL ROUND(seq * ${spanMs / events}) * 1000 MICROSECOND`,
        },
        `seq_${from}_to_${to}`,
      );
      if (to % 1_000_000 === 0 || to === events) {
        progress(`  audit events: ${to.toLocaleString('en')} of ${events.toLocaleString('en')}`);
      }
    }
  } finally {
    await runner.release();
  }
  await dataSource.query(`ANALYZE TABLE \`${tableName(dataSource, AuditEvent)}\``);
}

function explainTable(rows: Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  return (
    `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n` +
    rows.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`).join('\n')
  );
}

export async function runPurgeScale(options: {
  events: number;
  dataSource: DataSource;
  database: BenchDatabase;
}): Promise<string> {
  const { events, dataSource, database } = options;
  const now = new Date();
  const table = tableName(dataSource, AuditEvent);
  const createdAt = columnName(dataSource, AuditEvent, 'createdAt');
  progress(`seeding ${events.toLocaleString('en')} audit events…`);
  const seedStarted = Date.now();
  // 100,000 rows a statement: past the bound a request's statement has
  await withoutStatementTimeout(dataSource, () => seedEvents(dataSource, events, now));
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  // the purge runs now, not when the seed began: its lease is renewed against the clock
  const purgeNow = new Date();
  const cutoff = new Date(purgeNow.getTime() - retentionDays * day);
  const count = async () => {
    const [row] = await dataSource.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM \`${table}\` WHERE \`${createdAt}\` < ?`,
      [cutoff],
    );
    return Number(row?.n ?? 0);
  };
  const due = await count();

  const log = new AuditStatements(table);
  const purgeSource = createDataSource(database.config, { logger: log, logging: true });
  await purgeSource.initialize();
  const batchMs: number[] = [];
  let purged = 0;
  let last = performance.now();
  const started = last;
  try {
    const purge = new PurgeService({
      dataSource: purgeSource,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      auditRetentionDays: retentionDays,
      longestSessionIdleMs: 30 * 60_000,
      onPurged: (kind, rows) => {
        if (kind !== 'auditEvents') return;
        const at = performance.now();
        batchMs.push(at - last);
        last = at;
        purged += rows;
      },
    });
    last = performance.now();
    const result = await purge.run(purgeNow);
    if (!result.ran) throw new Error('the purge did not take its lease');
  } finally {
    await purgeSource.destroy();
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const left = await count();
  if (purged !== due || left !== 0) {
    throw new Error(
      `the purge removed ${purged} of ${due} events past the retention; ${left} left`,
    );
  }

  const plans: string[] = [];
  for (const [sql, parameters] of log.seen) {
    if (!/^\s*(SELECT|DELETE)\b/i.test(sql)) continue;
    const plan = await dataSource.query<Record<string, unknown>[]>(`EXPLAIN ${sql}`, parameters);
    const shown = sql.replace(/\(\?(, \?)+\)/, '(?, … ?)');
    plans.push('```sql\n' + `${shown}\n` + '```\n\n' + explainTable(plan));
  }
  const sorted = [...batchMs].sort((a, b) => a - b);
  return (
    `\npurge at scale: ${events.toLocaleString('en')} audit events (seeded in ${Math.round(seedSeconds)} s), ` +
    `retention ${retentionDays} days, ${due.toLocaleString('en')} due\n\n` +
    `| events | due | batches | purged | total s | batch median ms | batch max ms |\n|---|---|---|---|---|---|---|\n` +
    `| ${events.toLocaleString('en')} | ${due.toLocaleString('en')} | ${batchMs.length} | ${purged.toLocaleString('en')} | ` +
    `${totalSeconds.toFixed(1)} | ${percentile(sorted, 0.5).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} |\n\n` +
    `${plans.join('\n\n')}\n`
  );
}
