import { securityEventActions } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { ForbiddenError } from '../../errors';
import { pageSize } from '../../db/paging';
import type { AuditEvent } from '../audit/audit-event.entity';
import type { AuditQueryService } from '../audit/audit-query.service';
import { type Caller, requireProfile } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { summarizeAll } from '../two-factor/status/state';
import type { User } from '../user/user.entity';
import type { KnownTwoFactor } from '../user/user.service';
import { graceDeadlinesStatement, readUsersPage } from '../user/users-page-statement';

/** Users with the 2FA summaries read along with them. */
export interface UsersWithTwoFactor {
  users: User[];
  twoFactor: Map<string, KnownTwoFactor>;
}

/**
 * The overview of an account (docs/design.md, The overview): lists that need another order or
 * selection than the users table and the audit log give, each in one statement whatever the
 * account's size.
 */
export class OverviewService {
  constructor(private readonly deps: { dataSource: DataSource; auditQueries: AuditQueryService }) {}

  /** The first `first` users in their grace period, soonest deadline first, with their 2FA. */
  async usersInGracePeriod(
    caller: Pick<Caller, 'user'>,
    first: number,
    now = new Date(),
  ): Promise<UsersWithTwoFactor> {
    const actor = requireProfile(caller);
    if (!hasPermission(actor, Permission.USERS_MANAGE)) {
      throw new ForbiddenError('Only owners and administrators see the account’s users');
    }
    const size = pageSize(first);
    const { dataSource } = this.deps;
    const raw = await graceDeadlinesStatement(dataSource, actor.accountId, now, size).getRawMany<
      Record<string, unknown>
    >();
    const { users, states, policies } = readUsersPage(dataSource, raw);
    for (const user of users) user.account = actor.account;
    const summaries = summarizeAll(users, states, policies, now);
    return {
      users,
      twoFactor: new Map(
        [...summaries].map(([id, { backupCodesRemaining: _notRead, ...summary }]) => [id, summary]),
      ),
    };
  }

  /** The newest `first` security events of the caller's account. */
  recentSecurityEvents(caller: Pick<Caller, 'user'>, first: number): Promise<AuditEvent[]> {
    const actor = requireProfile(caller);
    if (!hasPermission(actor, Permission.AUDIT_READ)) {
      throw new ForbiddenError('Only owners and administrators read the audit log');
    }
    return this.deps.auditQueries.recent(actor.accountId, securityEventActions, pageSize(first));
  }
}
