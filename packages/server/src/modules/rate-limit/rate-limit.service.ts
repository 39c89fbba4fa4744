import type { DataSource } from 'typeorm';
import { RateLimit } from './rate-limit.entity';

export interface RateRule {
  /** Failures allowed inside one window; the next attempt is refused. */
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window failure counters in the database, so every server instance shares them. The
 * increment is one conditional UPDATE (or the INSERT that starts a window): concurrent failures
 * from several instances are all counted.
 */
export class RateLimitService {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until `bucket` may try again, or 0 when it may try now. */
  async retryAfter(bucket: string, rule: RateRule, now = new Date()): Promise<number> {
    const row = await this.dataSource.getRepository(RateLimit).findOneBy({ bucket });
    if (!row || row.count < rule.limit) return 0;
    const endsAt = row.windowStartedAt.getTime() + rule.windowSeconds * 1000;
    return Math.max(0, Math.ceil((endsAt - now.getTime()) / 1000));
  }

  async recordFailure(bucket: string, rule: RateRule, now = new Date()): Promise<void> {
    const cutoff = new Date(now.getTime() - rule.windowSeconds * 1000);
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.dataSource
        .createQueryBuilder()
        .update(RateLimit)
        .set({
          // assignments run left to right on MySQL: count must read the old windowStartedAt
          count: () => 'CASE WHEN windowStartedAt <= :cutoff THEN 1 ELSE count + 1 END',
          windowStartedAt: () =>
            'CASE WHEN windowStartedAt <= :cutoff THEN :now ELSE windowStartedAt END',
        })
        .where('bucket = :bucket', { bucket })
        .setParameters({ cutoff, now })
        .execute();
      if ((result.affected ?? 0) > 0) return;
      try {
        await this.dataSource
          .getRepository(RateLimit)
          .insert({ bucket, count: 1, windowStartedAt: now });
        return;
      } catch {
        // another instance inserted the row first: count on it
      }
    }
    throw new Error(`could not record a failure for ${bucket}`);
  }

  async reset(bucket: string): Promise<void> {
    await this.dataSource.getRepository(RateLimit).delete({ bucket });
  }
}
