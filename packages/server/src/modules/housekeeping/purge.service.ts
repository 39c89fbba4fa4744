import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { type DataSource, type EntityTarget, LessThan, type ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { LinkToken } from '../link-token/link-token.entity';
import { OpenIdAttempt } from '../openid/openid-attempt.entity';
import { RateLimit } from '../rate-limit/rate-limit.entity';
import { RememberedDevice } from '../remembered-device/remembered-device.entity';
import { Session } from '../session/session.entity';
import { AuthenticatorFactor, FactorStatus, SmsFactor } from '../two-factor/two-factor.entities';
import { WebAuthnChallenge } from '../two-factor/passkey/passkey.entities';
import { HousekeepingLease } from './housekeeping-lease.entity';
import { type PurgeCutoffs, purgeCutoffs } from './purge-rules';

/** Rows removed per statement: short statements, so no purge holds a long lock. */
export const purgeBatchSize = 1000;

const leaseName = 'purge';
/** How long a purge may run before another replica may take over; renewed at every batch. */
const leaseMs = 5 * 60_000;

export type PurgeKind =
  | 'sessions'
  | 'linkTokens'
  | 'rateLimits'
  | 'smsCodes'
  | 'pendingFactors'
  | 'openIdAttempts'
  | 'rememberedDevices'
  | 'webAuthnChallenges'
  | 'auditEvents';

export type PurgeCounts = Record<PurgeKind, number>;

export interface PurgeResult {
  /** False when another replica holds the lease: this one did nothing. */
  ran: boolean;
  counts: PurgeCounts;
}

export interface PurgeDeps {
  dataSource: DataSource;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  auditRetentionDays: number;
  /** The longest idle time of any session stage (sessionLifetimes). */
  longestSessionIdleMs: number;
  /** Told how many rows of each kind went, after each batch (metrics); awaited. */
  onPurged?: (kind: PurgeKind, rows: number) => void | Promise<void>;
  batchSize?: number;
}

/** Lost the lease mid-run (another replica took over after it lapsed): stop at once. */
class LeaseLost extends Error {}

/**
 * Deletes what nothing will read again — sessions past their expiry, used or expired link
 * tokens, ended rate-limit windows, expired SMS codes, enrollments never confirmed, expired
 * remembered browsers, WebAuthn challenges, audit events past the retention — in bounded batches,
 * on one replica at a time (a lease row). Every
 * statement re-checks its condition, so a row that came back to life meanwhile stays.
 */
export class PurgeService {
  /** This process, as the lease's holder. */
  private readonly holder = randomUUID();

  constructor(private readonly deps: PurgeDeps) {}

  async run(now = new Date()): Promise<PurgeResult> {
    const counts: PurgeCounts = {
      sessions: 0,
      linkTokens: 0,
      rateLimits: 0,
      smsCodes: 0,
      pendingFactors: 0,
      openIdAttempts: 0,
      rememberedDevices: 0,
      webAuthnChallenges: 0,
      auditEvents: 0,
    };
    if (!(await this.takeLease(now))) return { ran: false, counts };
    const started = Date.now();
    const cut = purgeCutoffs(now, this.deps);
    try {
      for (const [kind, step] of this.steps(cut)) {
        await this.drain(kind, step, now, counts);
      }
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      this.deps.logger.warn({ counts }, 'purge stopped: another replica took the lease over');
      return { ran: true, counts };
    } finally {
      await this.releaseLease();
    }
    this.deps.logger.info({ counts, ms: Date.now() - started }, 'purge finished');
    return { ran: true, counts };
  }

  /** Each kind as one batch: it removes (or clears) up to `limit` rows and says how many. */
  private steps(cut: PurgeCutoffs): [PurgeKind, (limit: number) => Promise<number>][] {
    const steps: [PurgeKind, (limit: number) => Promise<number>][] = [
      [
        'sessions',
        (limit) =>
          this.deleteBatch(Session, 'id', limit, [
            [
              'lastSeenAt < :idle OR absoluteExpiresAt < :expired',
              {
                idle: cut.sessionsIdleBefore,
                expired: cut.sessionsExpiredBefore,
              },
            ],
          ]),
      ],
      [
        'linkTokens',
        (limit) =>
          this.deleteBatch(LinkToken, 'id', limit, [
            ['usedAt IS NOT NULL OR expiresAt < :expired', { expired: cut.linksExpiredBefore }],
          ]),
      ],
      [
        'rateLimits',
        (limit) =>
          this.deleteBatch(RateLimit, 'bucket', limit, [
            ['windowStartedAt < :ended', { ended: cut.rateWindowsStartedBefore }],
          ]),
      ],
      ['smsCodes', (limit) => this.clearSmsCodes(cut.smsCodesExpiredBefore, limit)],
      [
        'pendingFactors',
        async (limit) => {
          const pending = [
            'status = :pending AND createdAt < :before',
            { pending: FactorStatus.PENDING, before: cut.pendingFactorsBefore },
          ] as const;
          const apps = await this.deleteBatch(AuthenticatorFactor, 'id', limit, [pending]);
          const phones = await this.deleteBatch(SmsFactor, 'id', limit, [pending]);
          return apps + phones;
        },
      ],
      [
        'openIdAttempts',
        (limit) =>
          this.deleteBatch(OpenIdAttempt, 'id', limit, [
            ['expiresAt < :expired', { expired: cut.openIdAttemptsExpiredBefore }],
          ]),
      ],
      [
        'rememberedDevices',
        (limit) =>
          this.deleteBatch(RememberedDevice, 'id', limit, [
            ['expiresAt < :expired', { expired: cut.rememberedDevicesExpiredBefore }],
          ]),
      ],
      [
        'webAuthnChallenges',
        (limit) =>
          this.deleteBatch(WebAuthnChallenge, 'id', limit, [
            ['expiresAt < :expired', { expired: cut.webAuthnChallengesExpiredBefore }],
          ]),
      ],
    ];
    const auditBefore = cut.auditBefore;
    if (auditBefore) {
      steps.push([
        'auditEvents',
        (limit) =>
          this.deleteBatch(AuditEvent, 'id', limit, [
            ['createdAt < :before', { before: auditBefore }],
          ]),
      ]);
    }
    return steps;
  }

  /** Runs `step` batch after batch until a batch comes back short; renews the lease between. */
  private async drain(
    kind: PurgeKind,
    step: (limit: number) => Promise<number>,
    now: Date,
    counts: PurgeCounts,
  ): Promise<void> {
    const limit = this.deps.batchSize ?? purgeBatchSize;
    for (;;) {
      const removed = await step(limit);
      counts[kind] += removed;
      if (removed > 0) await this.deps.onPurged?.(kind, removed);
      if (removed < limit) return;
      if (!(await this.renewLease(now))) throw new LeaseLost();
    }
  }

  /**
   * Picks up to `limit` keys matching the condition, then deletes those keys whose row still
   * matches it: two short statements, portable to SQLite and MariaDB (neither `DELETE … LIMIT`
   * nor `IN (SELECT … LIMIT)` works on both).
   */
  private async deleteBatch<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    key: string,
    limit: number,
    conditions: readonly (readonly [string, Record<string, unknown>])[],
  ): Promise<number> {
    const where = (query: { andWhere: (w: string, p: Record<string, unknown>) => unknown }) => {
      for (const [condition, parameters] of conditions)
        query.andWhere(`(${condition})`, parameters);
    };
    const select = this.deps.dataSource
      .getRepository(entity)
      .createQueryBuilder()
      .select(key, 'key')
      .where('1 = 1')
      .limit(limit);
    where(select);
    const keys = (await select.getRawMany<{ key: string }>()).map((row) => row.key);
    if (keys.length === 0) return 0;
    const remove = this.deps.dataSource
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where(`${key} IN (:...keys)`, { keys });
    where(remove);
    const result = await remove.execute();
    return result.affected ?? 0;
  }

  /** An expired SMS code is cleared from its factor (the number stays). */
  private async clearSmsCodes(before: Date, limit: number): Promise<number> {
    const rows = await this.deps.dataSource.getRepository(SmsFactor).find({
      select: { id: true },
      where: { codeExpiresAt: LessThan(before) },
      take: limit,
    });
    if (rows.length === 0) return 0;
    const result = await this.deps.dataSource
      .createQueryBuilder()
      .update(SmsFactor)
      .set({ codeHash: null, codeExpiresAt: null })
      .where('id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .andWhere('codeExpiresAt < :before', { before })
      .execute();
    return result.affected ?? 0;
  }

  /** One conditional write takes the lease when it is free (every dialect, Galera included). */
  private async takeLease(now: Date): Promise<boolean> {
    await this.deps.dataSource
      .createQueryBuilder()
      .insert()
      .into(HousekeepingLease)
      .values({ name: leaseName, holder: null, leasedUntil: new Date(0) })
      .orIgnore()
      .execute();
    const result = await this.deps.dataSource
      .createQueryBuilder()
      .update(HousekeepingLease)
      .set({ holder: this.holder, leasedUntil: new Date(now.getTime() + leaseMs) })
      .where('name = :name AND leasedUntil < :now', { name: leaseName, now })
      .execute();
    return result.affected === 1;
  }

  private async renewLease(now: Date): Promise<boolean> {
    const at = new Date(Math.max(now.getTime(), Date.now()));
    const result = await this.deps.dataSource
      .createQueryBuilder()
      .update(HousekeepingLease)
      .set({ leasedUntil: new Date(at.getTime() + leaseMs) })
      .where('name = :name AND holder = :holder AND leasedUntil >= :at', {
        name: leaseName,
        holder: this.holder,
        at,
      })
      .execute();
    return result.affected === 1;
  }

  private async releaseLease(): Promise<void> {
    await this.deps.dataSource
      .createQueryBuilder()
      .update(HousekeepingLease)
      .set({ leasedUntil: new Date(0) })
      .where('name = :name AND holder = :holder', { name: leaseName, holder: this.holder })
      .execute();
  }
}
