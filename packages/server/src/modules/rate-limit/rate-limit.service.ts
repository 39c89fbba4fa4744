import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../db/unique-violation';
import { TooManyAttemptsError } from '../../errors';
import { RateLimit } from './rate-limit.entity';

export interface RateRule {
  /** Failures allowed inside one window; the next attempt is refused. */
  limit: number;
  windowSeconds: number;
}

/**
 * Successful changes of a password or a PIN: each costs two hashes and right answers give their
 * failure reservations back, so the changes themselves are counted too — a password per login, a
 * PIN per profile (so a session of one profile cannot use up another profile's changes).
 */
export const changeRule: RateRule = { limit: 10, windowSeconds: 60 * 60 };

/** The bucket of a login's password changes, or of a profile's PIN changes (`changeRule`). */
export function changeBucket(secret: 'password' | 'pin', ownerId: string): string {
  return `change:${secret}:${ownerId}`;
}

/** One attempt counted in advance on each of its buckets; give it back when it succeeds. */
export interface AttemptReservation {
  buckets: readonly string[];
}

/**
 * Fixed-window attempt counters in the database, so every server instance shares them. An
 * attempt is *reserved* before it is checked (docs/design.md, Security baseline): one conditional UPDATE counts it only
 * while the window has room, so of 60 parallel guesses at most `limit` get checked, whichever
 * instance they reach. A right answer gives its reservation back.
 */
export class RateLimitService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * Counts one attempt on every bucket, or throws TOO_MANY_ATTEMPTS (with the longest wait) when
   * any of them is full; then nothing stays counted.
   */
  async reserve(
    rules: readonly { bucket: string; rule: RateRule }[],
    now = new Date(),
  ): Promise<AttemptReservation> {
    const taken: string[] = [];
    for (const { bucket, rule } of rules) {
      if (await this.take(bucket, rule, now)) {
        taken.push(bucket);
        continue;
      }
      await this.giveBack({ buckets: taken });
      const waits = await Promise.all(rules.map((r) => this.retryAfter(r.bucket, r.rule, now)));
      throw new TooManyAttemptsError(Math.max(1, ...waits));
    }
    return { buckets: taken };
  }

  /** The attempt was right: it does not count against its buckets. */
  async giveBack(reservation: AttemptReservation): Promise<void> {
    for (const bucket of reservation.buckets) {
      await this.deps.dataSource
        .createQueryBuilder()
        .update(RateLimit)
        .set({ count: () => 'count - 1' })
        .where('bucket = :bucket AND count > 0', { bucket })
        .execute();
    }
  }

  /** One conditional write: counts an attempt while the window has room (or starts a new one). */
  private async take(bucket: string, rule: RateRule, now: Date): Promise<boolean> {
    const cutoff = new Date(now.getTime() - rule.windowSeconds * 1000);
    for (let round = 0; round < 5; round++) {
      const result = await this.deps.dataSource
        .createQueryBuilder()
        .update(RateLimit)
        .set({
          // assignments run left to right on MySQL: count must read the old windowStartedAt
          count: () => 'CASE WHEN windowStartedAt <= :cutoff THEN 1 ELSE count + 1 END',
          windowStartedAt: () =>
            'CASE WHEN windowStartedAt <= :cutoff THEN :now ELSE windowStartedAt END',
        })
        .where('bucket = :bucket AND (windowStartedAt <= :cutoff OR count < :limit)', {
          bucket,
          limit: rule.limit,
        })
        .setParameters({ cutoff, now })
        .execute();
      if ((result.affected ?? 0) > 0) return true;
      const row = await this.deps.dataSource.getRepository(RateLimit).findOneBy({ bucket });
      if (row) {
        // full for now; or another request started the window after our UPDATE: count again
        if (row.count >= rule.limit && row.windowStartedAt.getTime() > cutoff.getTime())
          return false;
        continue;
      }
      try {
        await this.deps.dataSource
          .getRepository(RateLimit)
          .insert({ bucket, count: 1, windowStartedAt: now });
        return true;
      } catch (error) {
        // another request or instance started the window first: count on its row
        if (!isUniqueViolation(error)) throw error;
      }
    }
    // fail closed: a bucket this contended is not worth a check
    return false;
  }

  /** Seconds until `bucket` may try again, or 0 when it may try now. */
  async retryAfter(bucket: string, rule: RateRule, now = new Date()): Promise<number> {
    const row = await this.deps.dataSource.getRepository(RateLimit).findOneBy({ bucket });
    if (!row || row.count < rule.limit) return 0;
    const endsAt = row.windowStartedAt.getTime() + rule.windowSeconds * 1000;
    return Math.max(0, Math.ceil((endsAt - now.getTime()) / 1000));
  }

  /**
   * Ends a reservation whose attempt was right, in one statement: `cleared` buckets start over
   * (a new window from `now` with no attempt counted; the row stays, so the next attempt is one
   * UPDATE again), the reservation's other buckets get the attempt back.
   */
  async settle(
    reservation: AttemptReservation,
    cleared: readonly string[],
    now = new Date(),
  ): Promise<void> {
    const buckets = [...new Set([...reservation.buckets, ...cleared])];
    if (buckets.length === 0) return;
    const clears = cleared.length > 0;
    await this.deps.dataSource
      .createQueryBuilder()
      .update(RateLimit)
      .set({
        count: () =>
          clears
            ? 'CASE WHEN bucket IN (:...cleared) THEN 0 WHEN count > 0 THEN count - 1 ELSE 0 END'
            : 'CASE WHEN count > 0 THEN count - 1 ELSE 0 END',
        ...(clears
          ? {
              windowStartedAt: () =>
                'CASE WHEN bucket IN (:...cleared) THEN :now ELSE windowStartedAt END',
            }
          : {}),
      })
      .where('bucket IN (:...buckets)', { buckets, cleared: clears ? cleared : [''], now })
      .execute();
  }
}
