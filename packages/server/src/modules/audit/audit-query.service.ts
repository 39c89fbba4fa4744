import { type DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../auth/caller';
import {
  boundedTotal,
  boundedUnionCountQuery,
  decodeCursor,
  type Page,
  pageSize,
  readBoundedCount,
  type TotalCount,
  toPage,
} from '../../db/paging';
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
  /** Count the events the filter leaves (bounded, docs/design.md, Lists at scale); true when left out. */
  count?: boolean;
}

/** Events (query-builder alias `p`) read newest first along one index. */
interface Branch {
  where: string;
  parameters: Record<string, unknown>;
}

/**
 * The events of one account's log that `filter` leaves, as branches each read along an index
 * that matches the order and the filter (docs/design.md, Lists at scale): the account's time, its
 * action's, or, for a user, the events they did and those done to them, merged.
 */
function accountBranches(accountId: string, filter: AuditFilter): Branch[] {
  const where = ['p.accountId = :accountId'];
  const parameters: Record<string, unknown> = { accountId };
  if (filter.action) {
    where.push('p.action = :action');
    parameters.action = filter.action;
  }
  if (filter.from) {
    where.push('p.createdAt >= :from');
    parameters.from = filter.from;
  }
  if (filter.to) {
    where.push('p.createdAt <= :to');
    parameters.to = filter.to;
  }
  if (!filter.userId) return [{ where: where.join(' AND '), parameters }];
  parameters.userId = filter.userId;
  return [
    { where: [...where, 'p.actorUserId = :userId'].join(' AND '), parameters },
    {
      where: [...where, 'p.targetId = :userId', "p.targetType = 'User'"].join(' AND '),
      parameters,
    },
  ];
}

/**
 * After the event at `:at` with id `:id`, newest first. Written as a range on the time (`<=`)
 * that the branch's index can seek to.
 */
const olderThan = 'p.createdAt <= :at AND (p.createdAt < :at OR p.id < :id)';

/** Reads audit events newest first: an account's log, or a login's own security activity. */
export class AuditQueryService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * The audit log of one account, narrowed by action, by the user who acted or was acted on and
   * by a date range.
   */
  list(accountId: string, args: PageArgs, filter: AuditFilter = {}): Promise<Page<AuditEvent>> {
    return this.page(accountBranches(accountId, filter), args);
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
    const branches = accountBranches(accountId, filter);
    let last: AuditEvent | undefined;
    for (;;) {
      const rows = await this.read(
        branches,
        last ? { at: last.createdAt, id: last.id } : null,
        batchSize,
      );
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
      [
        {
          where:
            "((p.targetType = 'Identity' AND p.targetId = :identityId) OR (p.targetType = 'User'" +
            ' AND p.targetId IN (SELECT u.id FROM users u WHERE u.identityId = :identityId)' +
            // (`_` matches any one character: no other action starts like this)
            " AND (p.action = 'auth.signed_in' OR p.action LIKE 'two_factor.%')))",
          parameters: { identityId },
        },
      ],
      args,
    );
  }

  private async page(branches: Branch[], args: PageArgs): Promise<Page<AuditEvent>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    let after: { at: Date; id: string } | null = null;
    if (cursor) {
      const [at, id] = cursor;
      const time = typeof at === 'number' ? new Date(at) : new Date(Number.NaN);
      if (Number.isNaN(time.getTime()) || typeof id !== 'string') {
        return toPage([], size, args.count === false ? null : boundedTotal(0), () => []);
      }
      after = { at: time, id };
    }
    const [rows, total] = await Promise.all([
      this.read(branches, after, size + 1),
      args.count === false ? null : this.count(branches),
    ]);
    return toPage(rows, size, total, (e) => [e.createdAt.getTime(), e.id]);
  }

  /** The ids of the events of `branch`, newest first from the index of the branch. */
  private branchIds(branch: Branch): SelectQueryBuilder<AuditEvent> {
    return this.deps.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(branch.where, branch.parameters);
  }

  /**
   * The ids of the first `limit` events of `branches` after `after`, newest first: each branch a
   * range of its index read from the cursor on and stopped at `limit`, then merged.
   */
  private ids(
    branches: Branch[],
    after: { at: Date; id: string } | null,
    limit: number,
  ): { sql: string; parameters: Record<string, unknown> } {
    const queries = branches.map((branch) => {
      const query = this.branchIds(branch)
        .orderBy('p.createdAt', 'DESC')
        .addOrderBy('p.id', 'DESC')
        .limit(limit);
      if (after) query.andWhere(olderThan, after);
      return query;
    });
    const parameters = queries.reduce<Record<string, unknown>>(
      (all, query) => ({ ...all, ...query.getParameters() }),
      {},
    );
    // SQLite takes no ORDER BY or LIMIT in a UNION's own SELECTs: each one reads a subquery
    const sql = queries
      .map((query, i) => `SELECT b${i}.id FROM (${query.getQuery()}) b${i}`)
      .join(' UNION ');
    return { sql, parameters };
  }

  /**
   * The events of `ids`, newest first. The ids come from the indexes alone, then their rows:
   * asked for whole rows at once, MariaDB walks the account's index back from its newest event to
   * the cursor, a read that grows with every page (400 ms a batch, 45,000 events in).
   */
  private read(
    branches: Branch[],
    after: { at: Date; id: string } | null,
    limit: number,
  ): Promise<AuditEvent[]> {
    const ids = this.ids(branches, after, limit);
    return this.deps.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .innerJoin(`(${ids.sql})`, 'picked', 'picked.id = e.id')
      .setParameters(ids.parameters)
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** How many events `branches` hold, reading at most `countBound + 1` of each. */
  private async count(branches: Branch[]): Promise<TotalCount> {
    return readBoundedCount(
      await boundedUnionCountQuery(branches.map((branch) => this.branchIds(branch))).getRawMany(),
    );
  }
}
