import { type DataSource, In } from 'typeorm';
import type { Caller } from '../auth/caller';
import { decodeCursor, type Page, pageSize, toPage } from '../../db/paging';
import { AuditEvent } from './audit-event.entity';

export interface AuditFilter {
  action?: string | null;
  userId?: string | null;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Reads audit events newest first: an account's log, or a login's own security activity. */
export class AuditQueryService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /** The audit log of one account, narrowed by action and by the user who acted or was acted on. */
  list(accountId: string, args: PageArgs, filter: AuditFilter = {}): Promise<Page<AuditEvent>> {
    const where = ['e.accountId = :accountId'];
    const parameters: Record<string, string> = { accountId };
    if (filter.action) {
      where.push('e.action = :action');
      parameters.action = filter.action;
    }
    if (filter.userId) {
      where.push("(e.actorUserId = :userId OR (e.targetType = 'User' AND e.targetId = :userId))");
      parameters.userId = filter.userId;
    }
    return this.page(where.join(' AND '), parameters, args);
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
    parameters: Record<string, string>,
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
      query.andWhere('(e.createdAt < :at OR (e.createdAt = :at AND e.id < :id))', { at: time, id });
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), base().getCount()]);
    return toPage(rows, size, totalCount, (e) => [e.createdAt.getTime(), e.id]);
  }
}
