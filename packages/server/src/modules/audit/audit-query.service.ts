import { type DataSource, In } from 'typeorm';
import type { Caller } from '../auth/caller';
import { isSqlite } from '../../db/dialect';
import { decodeCursor, type Page, pageSize, toPage } from '../../db/paging';
import { AuditEvent } from './audit-event.entity';

export interface AuditFilter {
  action?: string | null;
  userId?: string | null;
  /** Events at or after this instant. */
  from?: Date | null;
  /** Events at or before this instant. */
  to?: Date | null;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

interface Conditions {
  where: string;
  parameters: Record<string, unknown>;
}

/** The events (query-builder alias `e`) of one account's log that `filter` leaves. */
function accountConditions(accountId: string, filter: AuditFilter, e = 'e'): Conditions {
  const where = [`${e}.accountId = :accountId`];
  const parameters: Record<string, unknown> = { accountId };
  if (filter.action) {
    where.push(`${e}.action = :action`);
    parameters.action = filter.action;
  }
  if (filter.userId) {
    where.push(
      `(${e}.actorUserId = :userId OR (${e}.targetType = 'User' AND ${e}.targetId = :userId))`,
    );
    parameters.userId = filter.userId;
  }
  if (filter.from) {
    where.push(`${e}.createdAt >= :from`);
    parameters.from = filter.from;
  }
  if (filter.to) {
    where.push(`${e}.createdAt <= :to`);
    parameters.to = filter.to;
  }
  return { where: where.join(' AND '), parameters };
}

/**
 * After the event at `:at` with id `:id`, newest first. Written as a range on the time (`<=`)
 * that `ix_audit_events_account_time` can seek to.
 */
const olderThan = (e: string) =>
  `${e}.createdAt <= :at AND (${e}.createdAt < :at OR ${e}.id < :id)`;
const olderThanCursor = olderThan('e');

/** Reads audit events newest first: an account's log, or a login's own security activity. */
export class AuditQueryService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * The audit log of one account, narrowed by action, by the user who acted or was acted on and
   * by a date range.
   */
  list(accountId: string, args: PageArgs, filter: AuditFilter = {}): Promise<Page<AuditEvent>> {
    const { where, parameters } = accountConditions(accountId, filter);
    return this.page(where, parameters, args);
  }

  /**
   * Every event of `list` for `filter`, newest first, in batches of `batchSize` read one after
   * another (a keyset on time and id, the log's index), for exports: memory holds one batch
   * whatever the length of the log, and nothing more is read once the consumer stops asking.
   */
  async *batches(
    accountId: string,
    filter: AuditFilter,
    batchSize: number,
  ): AsyncGenerator<AuditEvent[]> {
    const { dataSource } = this.deps;
    const { where, parameters } = accountConditions(accountId, filter, 'p');
    let last: AuditEvent | undefined;
    for (;;) {
      const batch = dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('p')
        .where(where, parameters)
        .orderBy('p.createdAt', 'DESC')
        .addOrderBy('p.id', 'DESC')
        .limit(batchSize);
      if (last) batch.andWhere(olderThan('p'), { at: last.createdAt, id: last.id });
      const rows = isSqlite(dataSource)
        ? await batch.getMany()
        : // the batch's ids from the index alone, then their rows: asked for whole rows at once,
          // MariaDB walks the account's index back from its newest event to the cursor, a read
          // that grows with every batch (400 ms a batch, 45,000 events in)
          await dataSource
            .getRepository(AuditEvent)
            .createQueryBuilder('e')
            .innerJoin(`(${batch.select('p.id', 'id').getQuery()})`, 'batch', 'batch.id = e.id')
            .setParameters(batch.getParameters())
            .orderBy('e.createdAt', 'DESC')
            .addOrderBy('e.id', 'DESC')
            .getMany();
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      last = rows[rows.length - 1];
    }
  }

  /**
   * The newest `first` events of one account whose action is one of `actions`, newest first, in
   * one statement (the overview's recent security events; the log's index on the account and time
   * serves it).
   */
  recent(accountId: string, actions: readonly string[], first: number): Promise<AuditEvent[]> {
    return this.deps.dataSource.getRepository(AuditEvent).find({
      where: { accountId, action: In([...actions]) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: first,
    });
  }

  /**
   * The caller's login, to read its activity; null for a session opened through an account's
   * identity provider, which vouches for that account's profiles, not for the whole login.
   */
  loginOf(
    caller: Pick<Caller, 'session' | 'identity'>,
  ): { identityId: string; email: string } | null {
    if (caller.session.identityProviderId !== null) return null;
    return { identityId: caller.identity.id, email: caller.identity.email };
  }

  /**
   * A login's security activity (docs/design.md, Permissions): failed sign-ins, password resets and changes of the
   * login, which no tenant's audit log holds, and the sign-ins and 2FA changes of its profiles in
   * every account. Only its owner reads it.
   */
  listForLogin(identityId: string, args: PageArgs): Promise<Page<AuditEvent>> {
    return this.page(
      "((e.targetType = 'Identity' AND e.targetId = :identityId) OR (e.targetType = 'User'" +
        ' AND e.targetId IN (SELECT u.id FROM users u WHERE u.identityId = :identityId)' +
        // (`_` matches any one character: no other action starts like this)
        " AND (e.action = 'auth.signed_in' OR e.action LIKE 'two_factor.%')))",
      { identityId },
      args,
    );
  }

  private async page(
    where: string,
    parameters: Record<string, unknown>,
    args: PageArgs,
  ): Promise<Page<AuditEvent>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const base = () =>
      this.deps.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where(where, parameters);
    const query = base()
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(size + 1);
    if (cursor) {
      const [at, id] = cursor;
      const time = typeof at === 'number' ? new Date(at) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime()) || typeof id !== 'string') {
        return toPage([], size, 0, () => []);
      }
      query.andWhere(olderThanCursor, { at: time, id });
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), base().getCount()]);
    return toPage(rows, size, totalCount, (e) => [e.createdAt.getTime(), e.id]);
  }
}
