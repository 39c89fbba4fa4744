import {
  type AuditFilterInput,
  auditFilterSchema,
  toFieldErrors,
  type UsersFilterInput,
  usersFilterSchema,
} from '@twofold/shared';
import { type DataSource, In } from 'typeorm';
import { PreparedSelect } from '../../db/prepared';
import { BadInputError, ForbiddenError } from '../../errors';
import { App } from '../app/app.entity';
import { appsOfUsersStatement, readAppsOfUsers } from '../app/apps-of-users-statement';
import type { AuditEvent } from '../audit/audit-event.entity';
import type { AuditFilter, AuditQueryService } from '../audit/audit-query.service';
import type { AuditService } from '../audit/audit.service';
import { auditActor, type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission, seesAllApps } from '../auth/permissions';
import { summarizeAll } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import {
  filterParameters,
  readUsersPage,
  type UsersFilter,
  usersPageStatement,
} from '../user/users-page-statement';
import { auditColumns, auditRow, exportFilename, userColumns, userRow } from './export-rows';

/** A CSV export, checked and recorded, whose rows are read only as they are asked for. */
export interface CsvExport {
  filename: string;
  header: readonly string[];
  /** Batches of rows in the order of `header`, read from the database one after another. */
  batches: AsyncIterable<string[][]>;
}

/**
 * Rows per statement. Small on purpose: a batch lives while it is written out, and rows that
 * live that long outlast the young generation's collections; with 1,000 rows a batch, exporting
 * 100,000 rows grew the server's heap by 120 MB before a full collection, with 200 by 20 MB
 * (the test of docs/design.md, Exports). 500 statements for 100,000 rows.
 */
export const EXPORT_BATCH_SIZE = 200;

type Profile = ReturnType<typeof requireProfile>;

/**
 * CSV exports of the users table and the audit log (docs/design.md, Exports): the same
 * permission and the same filters as `users(filter:)` and `auditEvents(filter:)`, read in keyset
 * batches so that memory stays flat whatever the account's size; every export is audited.
 */
export class ExportService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      auditQueries: AuditQueryService;
      batchSize?: number;
    },
  ) {}

  private get batchSize(): number {
    return this.deps.batchSize ?? EXPORT_BATCH_SIZE;
  }

  /**
   * The account's users that `filter` leaves, ordered as the table orders them (name, then id).
   * Bad input is refused before anything is recorded or read; field names are the filter's.
   */
  async users(
    caller: Caller,
    filter: UsersFilterInput,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CsvExport> {
    const actor = this.permitted(caller, Permission.USERS_MANAGE);
    const parsed = usersFilterSchema.safeParse(filter);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    await this.deps.audit.record({
      ...auditActor(caller, meta),
      action: 'users.exported',
      targetType: 'Account',
      targetId: actor.accountId,
      details: { filter: parsed.data },
    });
    return {
      filename: exportFilename('users', now),
      header: userColumns,
      batches: this.userBatches(actor, parsed.data, now),
    };
  }

  /** The account's audit log that `filter` leaves (action, user, date range), newest first. */
  async auditLog(
    caller: Caller,
    filter: AuditFilterInput,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CsvExport> {
    const actor = this.permitted(caller, Permission.AUDIT_READ);
    const parsed = auditFilterSchema.safeParse(filter);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    await this.deps.audit.record({
      ...auditActor(caller, meta),
      action: 'audit_log.exported',
      targetType: 'Account',
      targetId: actor.accountId,
      details: { filter: parsed.data },
    });
    return {
      filename: exportFilename('audit-log', now),
      header: auditColumns,
      batches: this.auditBatches(actor.accountId, parsed.data),
    };
  }

  /** The caller's profile when it holds `permission` (the guard's rule, checked again here). */
  private permitted(caller: Caller, permission: Permission): Profile {
    const actor = requireProfile(caller);
    if (!hasPermission(actor, permission)) throw new ForbiddenError();
    return actor;
  }

  private async *userBatches(
    actor: Profile,
    filter: UsersFilter,
    now: Date,
  ): AsyncGenerator<string[][]> {
    const { dataSource } = this.deps;
    const size = this.batchSize;
    // the first batch and the ones after a name: two statements, each built once
    const [first, next] = [false, true].map(
      (after) =>
        new PreparedSelect<Record<string, unknown>>(dataSource, () =>
          usersPageStatement(dataSource, actor.accountId, filter, now, { size, after }),
        ),
    ) as [PreparedSelect<Record<string, unknown>>, PreparedSelect<Record<string, unknown>>];
    const assigned = appsOfUsersStatement(dataSource, true);
    const parameters = filterParameters(actor.accountId, filter, now);
    let last: User | undefined;
    for (;;) {
      const raw = await (last ? next : first).rows({
        ...parameters,
        afterName: last?.displayName,
        afterId: last?.id,
      });
      // the statement reads one row more than a batch, to tell whether another follows
      const { users, states, policies } = readUsersPage(dataSource, raw.slice(0, size));
      if (users.length === 0) return;
      const summaries = summarizeAll(users, states, policies, now);
      const limited = users.filter((user) => !seesAllApps(user)).map((user) => user.id);
      const appsOf = new Map<string, App[]>();
      if (limited.length > 0) {
        const rows = await assigned.rows({ userIds: limited, accountId: actor.accountId, me: '' });
        readAppsOfUsers(dataSource, rows, limited).forEach((apps, i) =>
          appsOf.set(limited[i]!, apps),
        );
      }
      yield users.map((user) => {
        const summary = summaries.get(user.id)!;
        return userRow(user, {
          email: user.identity?.email ?? '',
          twoFactorStatus: summary.status,
          twoFactorMethods: summary.methods,
          enrollmentDeadline: summary.enrollmentDeadline,
          apps: seesAllApps(user) ? 'all' : (appsOf.get(user.id) ?? []).map((app) => app.name),
        });
      });
      if (raw.length <= size) return;
      last = users[users.length - 1];
    }
  }

  private async *auditBatches(accountId: string, filter: AuditFilter): AsyncGenerator<string[][]> {
    for await (const events of this.deps.auditQueries.batches(accountId, filter, this.batchSize)) {
      const names = await this.namesOf(accountId, events);
      yield events.map((event) =>
        auditRow(event, {
          actor: event.actorUserId ? (names.users.get(event.actorUserId) ?? null) : null,
          target: !event.targetId
            ? null
            : event.targetType === 'User'
              ? (names.users.get(event.targetId) ?? null)
              : event.targetType === 'App'
                ? (names.apps.get(event.targetId) ?? null)
                : null,
        }),
      );
    }
  }

  /**
   * The current names of the users and apps a batch of events mentions, of the account only (as
   * `AuditEvent.actorName` and `targetName` give them): two statements a batch.
   */
  private async namesOf(
    accountId: string,
    events: readonly AuditEvent[],
  ): Promise<{ users: Map<string, string>; apps: Map<string, string> }> {
    const userIds = new Set<string>();
    const appIds = new Set<string>();
    for (const event of events) {
      if (event.actorUserId) userIds.add(event.actorUserId);
      if (event.targetId && event.targetType === 'User') userIds.add(event.targetId);
      if (event.targetId && event.targetType === 'App') appIds.add(event.targetId);
    }
    const { manager } = this.deps.dataSource;
    const [users, apps] = await Promise.all([
      userIds.size === 0
        ? []
        : manager.find(User, {
            select: { id: true, displayName: true },
            where: { id: In([...userIds]), accountId },
          }),
      appIds.size === 0
        ? []
        : manager.find(App, {
            select: { id: true, name: true },
            where: { id: In([...appIds]), accountId },
          }),
    ]);
    return {
      users: new Map(users.map((user) => [user.id, user.displayName])),
      apps: new Map(apps.map((app) => [app.id, app.name])),
    };
  }
}
