import type { DataSource } from 'typeorm';
import { decodeCursor, type Page, pageSize, toPage } from '../../db/paging';
import { AuditEvent } from './audit-event.entity';

/** Reads the audit log of one account, newest first. */
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    accountId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Page<AuditEvent>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const repo = this.dataSource.getRepository(AuditEvent);
    const query = repo
      .createQueryBuilder('e')
      .where('e.accountId = :accountId', { accountId })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(size + 1);
    if (cursor) {
      const [at, id] = cursor;
      const time = typeof at === 'number' ? new Date(at) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime()) || typeof id !== 'string') {
        return toPage([], size, 0, () => []);
      }
      query.andWhere('(e.createdAt < :at OR (e.createdAt = :at AND e.id < :id))', { at: time, id });
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), repo.countBy({ accountId })]);
    return toPage(rows, size, totalCount, (e) => [e.createdAt.getTime(), e.id]);
  }
}
