/**
 * `pnpm bench --scale <users> [--explain <file>]`: the console's reads of one account at 1,000
 * users and at `<users>`, against the built server over HTTP with a signed-in owner. Both
 * accounts live in the same database (seeded by scale-seed.ts); each read is measured on the
 * small account then on the large one, so machine noise falls on both alike. Every answer is
 * checked against what the seed holds (a read that answers wrong measures nothing).
 *
 * `--explain <file>` then serves the same reads once more from an in-process server whose
 * TypeORM logger keeps every statement, and writes the distinct SELECTs of each read with
 * MariaDB's `ANALYZE` (the plan with estimated and actual rows) and their time on the large
 * account, as markdown for docs/performance.md.
 *
 * Environment: BENCH_SCALE_SAMPLES (9 measured requests per read and size, after 2 unmeasured).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TwoFactorStatus, UserType } from '@twofold/shared';
import { type DocumentNode, print } from 'graphql';
import pino from 'pino';
import type { DataSource, Logger } from 'typeorm';
import {
  AuditEventsDocument,
  SecurityPolicyImpactDocument,
  TwoFactorComplianceDocument,
  UsersDocument,
} from '../../shared/src/generated/graphql';
import { loadConfig } from '../src/config';
import { Metrics } from '../src/metrics/metrics';
import { buildApp } from '../src/wiring/app';
import { countBound } from '../src/db/paging';
import { withoutStatementTimeout } from '../src/db/mysql-pool';
import { createDataSource } from '../src/wiring/data-source';
import { createServices } from '../src/wiring/services';
import { Api, HttpClient, percentile } from './load';
import { progress } from './processes';
import {
  countShapes,
  finishSeededAccount,
  personTag,
  type SeededAccount,
  seedScaleAccount,
} from './scale-seed';
import { password, type BenchDatabase } from './seed';

/** The size every read is compared with. */
export const referenceSize = 1000;

interface UserNode {
  id: string;
  email: string;
  userType: string;
  twoFactorStatus: string;
}
interface UsersAnswer {
  users: {
    nodes: UserNode[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
    totalCountIsLowerBound: boolean;
  };
}
interface ComplianceAnswer {
  twoFactorCompliance: {
    userType: UserType;
    users: number;
    byStatus: { status: TwoFactorStatus; count: number }[];
  }[];
}
interface ImpactAnswer {
  securityPolicyImpact: { userType: string; users: number };
}
interface AuditAnswer {
  auditEvents: { totalCount: number; totalCountIsLowerBound: boolean; nodes: { id: string }[] };
}

/** A signed-in owner of a seeded account, and what its first users page ended on. */
interface Subject {
  account: SeededAccount;
  token: string;
  firstPageEnd: string;
}

/** How a read is judged (docs/design.md, Targets: at scale). */
type Kind = 'paged' | 'aggregate' | 'search';

interface Read {
  key: string;
  name: string;
  kind: Kind;
  document: DocumentNode;
  variables(subject: Subject): Record<string, unknown>;
  /** What is wrong with the answer for this account, or null. */
  check(data: unknown, subject: Subject): string | null;
}

const expect = (what: string, actual: unknown, expected: unknown): string | null =>
  actual === expected ? null : `${what}: ${String(actual)}, expected ${String(expected)}`;

/** A list's total as the server states it: exact up to `countBound`, a lower bound past it. */
const expectTotal = (
  list: { totalCount: number; totalCountIsLowerBound: boolean },
  expected: number,
): string | null =>
  expect('totalCount', list.totalCount, Math.min(expected, countBound)) ??
  expect('totalCountIsLowerBound', list.totalCountIsLowerBound, expected > countBound);

function usersRead(
  key: string,
  name: string,
  kind: Kind,
  variables: (subject: Subject) => Record<string, unknown>,
  check: (answer: UsersAnswer['users'], subject: Subject) => string | null,
): Read {
  return {
    key,
    name,
    kind,
    document: UsersDocument,
    variables,
    check: (data, subject) => check((data as UsersAnswer).users, subject),
  };
}

/** Every node has `field` = `value`, and the total is the seed's count of them. */
function filtered(
  page: UsersAnswer['users'],
  expectedTotal: number,
  where: Partial<Record<'userType' | 'twoFactorStatus', string>>,
): string | null {
  for (const node of page.nodes) {
    for (const [field, value] of Object.entries(where)) {
      if (node[field as keyof UserNode] !== value)
        return `${node.id} has ${field} ${node[field as keyof UserNode]}`;
    }
  }
  return (
    expect('nodes', page.nodes.length, Math.min(50, expectedTotal)) ??
    expectTotal(page, expectedTotal)
  );
}

const impactInput = {
  userType: UserType.APP_REPORT_VIEWER,
  enforcement: 'REQUIRED',
  allowedMethods: ['AUTHENTICATOR_APP'],
  gracePeriodDays: 14,
};

export const reads: readonly Read[] = [
  usersRead(
    'users',
    'users page (first 50, email, apps, status)',
    'paged',
    () => ({ first: 50 }),
    (page, { account }) =>
      expect('nodes', page.nodes.length, 50) ??
      expectTotal(page, account.size + 1) ??
      expect('hasNextPage', page.pageInfo.hasNextPage, true),
  ),
  usersRead(
    'users-2',
    'users page 2 (after the first page’s cursor)',
    'paged',
    (subject) => ({ first: 50, after: subject.firstPageEnd }),
    (page) => expect('nodes', page.nodes.length, 50),
  ),
  usersRead(
    'overdue',
    'users filtered by status OVERDUE',
    'aggregate',
    () => ({ first: 50, filter: { twoFactorStatus: TwoFactorStatus.OVERDUE } }),
    (page, { account }) =>
      filtered(
        page,
        countShapes(account.size, (s) => s.status === TwoFactorStatus.OVERDUE),
        { twoFactorStatus: TwoFactorStatus.OVERDUE },
      ),
  ),
  usersRead(
    'type-enrolled',
    'users filtered by type APP_ADMINISTRATOR + ENROLLED',
    'aggregate',
    () => ({
      first: 50,
      filter: { userType: UserType.APP_ADMINISTRATOR, twoFactorStatus: TwoFactorStatus.ENROLLED },
    }),
    (page, { account }) =>
      filtered(
        page,
        countShapes(
          account.size,
          (s) => s.userType === UserType.APP_ADMINISTRATOR && s.status === TwoFactorStatus.ENROLLED,
        ),
        { userType: UserType.APP_ADMINISTRATOR, twoFactorStatus: TwoFactorStatus.ENROLLED },
      ),
  ),
  usersRead(
    'search',
    `users search "${personTag(42)}"`,
    'search',
    () => ({ first: 50, filter: { search: personTag(42) } }),
    (page) =>
      expectTotal(page, 1) ??
      (page.nodes[0]?.email.startsWith(`${personTag(42)}@`) ? null : 'not user 42'),
  ),
  {
    key: 'compliance',
    name: 'twoFactorCompliance',
    kind: 'aggregate',
    document: TwoFactorComplianceDocument,
    variables: () => ({}),
    check: (data, { account }) => {
      const rows = (data as ComplianceAnswer).twoFactorCompliance;
      const reviewers = rows.find((r) => r.userType === UserType.APP_REVIEWER);
      return (
        expect(
          'users',
          rows.reduce((n, r) => n + r.users, 0),
          account.size + 1,
        ) ??
        expect(
          'overdue reviewers',
          reviewers?.byStatus.find((s) => s.status === TwoFactorStatus.OVERDUE)?.count,
          countShapes(account.size, (s) => s.status === TwoFactorStatus.OVERDUE),
        )
      );
    },
  },
  {
    key: 'impact',
    name: 'securityPolicyImpact (report viewers → REQUIRED)',
    kind: 'aggregate',
    document: SecurityPolicyImpactDocument,
    variables: () => ({ input: impactInput }),
    check: (data, { account }) =>
      expect(
        'users',
        (data as ImpactAnswer).securityPolicyImpact.users,
        countShapes(account.size, (s) => s.userType === UserType.APP_REPORT_VIEWER),
      ),
  },
  {
    key: 'audit',
    name: 'audit log page (first 50)',
    kind: 'paged',
    document: AuditEventsDocument,
    variables: () => ({ first: 50 }),
    check: (data, { account }) => {
      const events = (data as AuditAnswer).auditEvents;
      return (
        expect('nodes', events.nodes.length, 50) ??
        // two events a seeded user, and a few of the owner's: past the bound it is one
        (2 * account.size > countBound
          ? expectTotal(events, 2 * account.size)
          : events.totalCount >= 2 * account.size && !events.totalCountIsLowerBound
            ? null
            : `totalCount ${events.totalCount}`)
      );
    },
  },
];

interface Timing {
  median: number;
  p99: number;
}

export interface ScaleRow {
  key: string;
  name: string;
  reference: Timing;
  scaled: Timing;
  ratio: number;
  target: string;
  met: boolean;
}

/** docs/design.md, Targets, at scale: the target of a read and whether its timings meet it (medians). */
export function judge(
  kind: Kind,
  reference: number,
  scaled: number,
): { target: string; met: boolean } {
  switch (kind) {
    case 'paged':
      return { target: '≤ 50 ms and ≤ 2×', met: scaled <= 50 && scaled <= 2 * reference };
    case 'aggregate':
      return { target: '≤ 300 ms', met: scaled <= 300 };
    case 'search':
      return { target: '≤ 100 ms', met: scaled <= 100 };
  }
}

async function timeRead(api: Api, read: Read, subject: Subject, samples: number): Promise<Timing> {
  const query = print(read.document);
  const once = async () => {
    const started = performance.now();
    const data = await api.call(read.key, query, read.variables(subject), subject.token);
    const ms = performance.now() - started;
    const problem = read.check(data, subject);
    if (problem) throw new Error(`${read.name} at ${subject.account.size} users: ${problem}`);
    return ms;
  };
  for (let i = 0; i < 2; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function signedIn(api: Api, account: SeededAccount): Promise<Subject> {
  const token = await api.signIn(account.ownerEmail, password, 'ACTIVE');
  const first = await api.call<UsersAnswer>('users', print(UsersDocument), { first: 50 }, token);
  const end = first.users.pageInfo.endCursor;
  if (!end) throw new Error('the first users page has no end cursor');
  return { account, token, firstPageEnd: end };
}

/** Seeds an account of `size` users and finishes it; logs how long that took. */
async function seeded(
  dataSource: DataSource,
  secretKey: Buffer,
  size: number,
  tag: string,
): Promise<SeededAccount> {
  const started = Date.now();
  progress(`seeding ${size.toLocaleString('en')} users (${tag})…`);
  // 100,000 rows a statement: past the bound a request's statement has
  const account = await withoutStatementTimeout(dataSource, () =>
    seedScaleAccount(dataSource, secretKey, size, tag),
  );
  const finished = Date.now();
  await withoutStatementTimeout(dataSource, () =>
    finishSeededAccount(dataSource, account.accountId),
  );
  progress(
    `${tag}: seeded in ${((finished - started) / 1000).toFixed(0)} s, finished in ${((Date.now() - finished) / 1000).toFixed(0)} s`,
  );
  return account;
}

export interface ScaleResult {
  rows: ScaleRow[];
  seedSeconds: number;
}

export async function runScale(options: {
  size: number;
  url: string;
  dataSource: DataSource;
  database: BenchDatabase;
  secretKey: Buffer;
  explainFile: string | undefined;
}): Promise<ScaleResult> {
  const { size, url, dataSource, secretKey } = options;
  const samples = Number(process.env.BENCH_SCALE_SAMPLES ?? 9);
  if (!Number.isInteger(samples) || samples < 1) throw new Error('BENCH_SCALE_SAMPLES must be ≥ 1');
  const seedStarted = Date.now();
  const small = await seeded(dataSource, secretKey, referenceSize, 'small');
  const large = await seeded(dataSource, secretKey, size, 'large');
  const seedSeconds = (Date.now() - seedStarted) / 1000;

  const http = new HttpClient(url, 1);
  const api = new Api(http);
  const rows: ScaleRow[] = [];
  try {
    const subjects = [await signedIn(api, small), await signedIn(api, large)] as const;
    for (const read of reads) {
      progress(`${read.name}…`);
      const reference = await timeRead(api, read, subjects[0], samples);
      const scaled = await timeRead(api, read, subjects[1], samples);
      rows.push({
        key: read.key,
        name: read.name,
        reference,
        scaled,
        ratio: scaled.median / reference.median,
        ...judge(read.kind, reference.median, scaled.median),
      });
    }
    if (options.explainFile) {
      await explainReads(options.database, secretKey, subjects[1], options.explainFile, dataSource);
    }
  } finally {
    http.close();
  }
  return { rows, seedSeconds };
}

/** A TypeORM logger keeping every statement under the name of the read being served. */
class StatementLog implements Logger {
  current: string | undefined;
  /** By read: each distinct SELECT, the parameters of its first run, and how often it ran. */
  readonly statements = new Map<string, Map<string, { parameters: unknown[]; runs: number }>>();

  logQuery(query: string, parameters?: unknown[]): void {
    if (!this.current || !/^\s*(SELECT|WITH)\b/i.test(query)) return;
    let ofRead = this.statements.get(this.current);
    if (!ofRead) {
      ofRead = new Map<string, { parameters: unknown[]; runs: number }>();
      this.statements.set(this.current, ofRead);
    }
    const seen = ofRead.get(query);
    if (seen) seen.runs += 1;
    else ofRead.set(query, { parameters: parameters ?? [], runs: 1 });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const cell = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number'
    ? String(value).replaceAll('|', '\\|')
    : '';

/**
 * Serves each read once from an in-process server (the same code as dist/, on the same
 * database) that logs its statements, then `ANALYZE`s each distinct SELECT on the large account
 * and writes them all to `file`.
 */
async function explainReads(
  database: BenchDatabase,
  secretKey: Buffer,
  subject: Subject,
  file: string,
  dataSource: DataSource,
): Promise<void> {
  progress(`capturing each read's statements for ${file}…`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-bench-explain-'));
  const log = new StatementLog();
  const config = {
    ...loadConfig({
      ...database.env,
      TWOFOLD_DATA_DIR: dataDir,
      TWOFOLD_SECRET_KEY: secretKey.toString('base64'),
      TWOFOLD_CONSOLE_DIR: path.join(dataDir, 'no-console'),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    }),
    database: database.config,
  };
  const captureSource = createDataSource(config.database, { logger: log, logging: true });
  await captureSource.initialize();
  const logger = pino({ level: 'silent' });
  const metrics = new Metrics();
  const services = createServices({ config, logger, dataSource: captureSource, metrics });
  const app = await buildApp({ config, logger, dataSource: captureSource, services, metrics });
  const sections: string[] = [];
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const http = new HttpClient(`http://127.0.0.1:${address.port}`, 1);
    const api = new Api(http);
    try {
      for (const read of reads) {
        // once to warm the server's caches (the caller, prepared statements), once logged
        await api.call(read.key, print(read.document), read.variables(subject), subject.token);
        log.current = read.key;
        await api.call(read.key, print(read.document), read.variables(subject), subject.token);
        log.current = undefined;
      }
    } finally {
      http.close();
    }
    const summary = [
      '| read | statement | runs | ms (ANALYZE, first run) | rows examined (r_rows) |',
      '|---|---|---|---|---|',
    ];
    for (const read of reads) {
      const statements = [...(log.statements.get(read.key)?.entries() ?? [])];
      const parts = [
        `### ${read.name}\n\n${statements.length} distinct SELECT statement(s) at ${subject.account.size.toLocaleString('en')} users.`,
      ];
      for (const [index, [sql, { parameters, runs }]] of statements.entries()) {
        const started = performance.now();
        const analyzed = await dataSource.query<Record<string, unknown>[]>(
          `ANALYZE ${sql}`,
          parameters,
        );
        const ms = performance.now() - started;
        const columns = Object.keys(analyzed[0] ?? {});
        const examined = analyzed.map((row) => `${cell(row.table)} ${cell(row.r_rows)}`).join(', ');
        summary.push(
          `| ${read.key} | ${index + 1}. ${cell(sql.slice(0, 60))}… | ${runs} | ${ms.toFixed(1)} | ${examined} |`,
        );
        parts.push(
          `${index + 1}. ${ms.toFixed(1)} ms (ANALYZE runs it; the read ran it ${runs} time(s))\n\n` +
            '```sql\n' +
            `${sql}\n` +
            '```\n\n' +
            `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n` +
            analyzed.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`).join('\n'),
        );
      }
      sections.push(parts.join('\n\n'));
    }
    sections.unshift(summary.join('\n'));
  } finally {
    await app.close();
    await captureSource.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeFileSync(file, `${sections.join('\n\n')}\n`);
  progress(`wrote ${file}`);
}

/** The table `pnpm bench --scale` prints. */
export function scaleTable(result: ScaleResult, size: number, header: string): string {
  const ms = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));
  const n = size.toLocaleString('en');
  return (
    `\n${header}\n\n` +
    `| read | ${referenceSize.toLocaleString('en')} users median / p99 ms | ${n} users median / p99 ms | ratio | target | met |\n` +
    '|---|---|---|---|---|---|\n' +
    result.rows
      .map(
        (r) =>
          `| ${r.name} | ${ms(r.reference.median)} / ${ms(r.reference.p99)} | ${ms(r.scaled.median)} / ${ms(r.scaled.p99)} | ` +
          `${r.ratio.toFixed(1)} | ${r.target} | ${r.met ? '✓' : '✗'} |`,
      )
      .join('\n') +
    `\n\nseeded both accounts in ${Math.round(result.seedSeconds)} s\n`
  );
}
