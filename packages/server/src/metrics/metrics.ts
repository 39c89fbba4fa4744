import { SecondFactorKind } from '@twofold/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { poolStats } from '../db/pool-stats';
import type {
  CodeMethod,
  CodeOutcome,
  EmailOutcome,
  LockoutKind,
  MetricsSink,
  SignInOutcome,
  SmsOutcome,
} from './sink';

const signInOutcomes: SignInOutcome[] = [
  'success',
  'unknown_email',
  'wrong_password',
  'no_active_profile',
  'rate_limited',
  'invalid_input',
  'openid_success',
  'openid_refused',
  'error',
];
const codeMethods: CodeMethod[] = [...Object.values(SecondFactorKind), 'ANY'];
const codeOutcomes: CodeOutcome[] = [
  'success',
  'invalid',
  'not_enrolled',
  'locked',
  'disabled',
  'error',
];
const lockoutKinds: LockoutKind[] = ['locked', 'disabled'];
const smsOutcomes: SmsOutcome[] = ['sent', 'failed', 'rate_limited'];
const emailOutcomes: EmailOutcome[] = ['sent', 'failed'];

/**
 * The server's Prometheus metrics, on a registry of its own (not prom-client's global one), so
 * several servers in one process (tests, replicas) each count their own. Labels hold closed sets
 * of words and operation labels from a set the console and the schema fix (`operationLabel`):
 * no email, id, code, IP or name a client made up.
 */
export class Metrics implements MetricsSink {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'operation' | 'status'>;
  readonly httpRequestDuration: Histogram<'operation'>;
  readonly signIns: Counter<'outcome'>;
  readonly secondFactorVerifications: Counter<'method' | 'outcome'>;
  readonly lockouts: Counter<'kind'>;
  readonly smsSends: Counter<'outcome'>;
  readonly emails: Counter<'outcome'>;
  readonly dbPoolConnections: Gauge<'state'>;
  readonly purgedRows: Counter<'kind'>;
  private database: DataSource | undefined;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'twofold_http_requests_total',
      help: 'HTTP requests answered, by GraphQL operation name (or route) and status code.',
      labelNames: ['operation', 'status'],
      registers,
    });
    this.httpRequestDuration = new Histogram({
      name: 'twofold_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by GraphQL operation name (or route).',
      labelNames: ['operation'],
      registers,
    });
    this.signIns = new Counter({
      name: 'twofold_sign_ins_total',
      help: 'Password sign-ins, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.secondFactorVerifications = new Counter({
      name: 'twofold_second_factor_verifications_total',
      help: 'Codes checked through the second-factor lockout, by method and outcome.',
      labelNames: ['method', 'outcome'],
      registers,
    });
    this.lockouts = new Counter({
      name: 'twofold_lockouts_total',
      help: 'Second-factor locks begun (locked) and second factors disabled after 100 failures.',
      labelNames: ['kind'],
      registers,
    });
    this.smsSends = new Counter({
      name: 'twofold_sms_sends_total',
      help: 'Text messages with a code, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.emails = new Counter({
      name: 'twofold_emails_total',
      help: 'Emails, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.purgedRows = new Counter({
      name: 'twofold_purged_rows_total',
      help: 'Rows removed by the purge of expired data, by kind.',
      labelNames: ['kind'],
      registers,
    });
    const pool: Gauge<'state'> = new Gauge({
      name: 'twofold_db_pool_connections',
      help: 'Database connections by state (max, open, idle, in_use) and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect: (): void => this.collectPool(pool),
    });
    this.dbPoolConnections = pool;

    // every known series from 0, so a rate() sees the first event
    for (const outcome of signInOutcomes) this.signIns.inc({ outcome }, 0);
    for (const method of codeMethods) {
      for (const outcome of codeOutcomes)
        this.secondFactorVerifications.inc({ method, outcome }, 0);
    }
    for (const kind of lockoutKinds) this.lockouts.inc({ kind }, 0);
    for (const outcome of smsOutcomes) this.smsSends.inc({ outcome }, 0);
    for (const outcome of emailOutcomes) this.emails.inc({ outcome }, 0);
  }

  /** The database whose connection pool `twofold_db_pool_connections` reports. */
  watchDatabase(dataSource: DataSource): void {
    this.database = dataSource;
  }

  /** One answered HTTP request; `operation` is already a bounded label value. */
  httpRequest(operation: string, status: number, seconds: number): void {
    this.httpRequests.inc({ operation, status: String(status) });
    this.httpRequestDuration.observe({ operation }, seconds);
  }

  signIn(outcome: SignInOutcome): void {
    this.signIns.inc({ outcome });
  }

  secondFactor(method: CodeMethod, outcome: CodeOutcome): void {
    this.secondFactorVerifications.inc({ method, outcome });
  }

  lockout(kind: LockoutKind): void {
    this.lockouts.inc({ kind });
  }

  sms(outcome: SmsOutcome): void {
    this.smsSends.inc({ outcome });
  }

  email(outcome: EmailOutcome): void {
    this.emails.inc({ outcome });
  }

  purged(kind: string, rows: number): void {
    // 0 too: the kind's series exists from the first purge on
    this.purgedRows.inc({ kind }, Math.max(0, rows));
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private collectPool(gauge: Gauge<'state'>): void {
    gauge.reset();
    // a scrape must answer even when the pool cannot be read
    let stats: ReturnType<typeof poolStats> = null;
    try {
      stats = this.database ? poolStats(this.database) : null;
    } catch {
      stats = null;
    }
    if (!stats) return;
    gauge.set({ state: 'max' }, stats.max);
    gauge.set({ state: 'open' }, stats.open);
    gauge.set({ state: 'idle' }, stats.idle);
    gauge.set({ state: 'in_use' }, stats.inUse);
    gauge.set({ state: 'waiting' }, stats.waiting);
  }
}
