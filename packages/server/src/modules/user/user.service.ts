import {
  Enforcement,
  ErrorReason,
  toFieldErrors,
  TwoFactorRequirement,
  updateUserSchema,
  type UsersFilterInput,
  usersFilterSchema,
  UserStatus,
  type UserType,
} from '@twofold/shared';
import {
  type DataSource,
  type EntityManager,
  MoreThan,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import type { Config } from '../../config';
import { isSqlite } from '../../db/dialect';
import { PreparedSelect } from '../../db/prepared';
import { decodeCursor, type Page, pageSize, readBoundedCount, toPage } from '../../db/paging';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import { changesOf } from '../audit/changes';
import type { SessionService } from '../auth/session.service';
import { forgottenDetail } from '../remembered-device/remembered-device-rules';
import type { RememberedDeviceService } from '../remembered-device/remembered-device.service';
import { type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { Identity } from '../identity/identity.entity';
import { SecurityPolicy } from '../policy/security-policy.entity';
import { refuseAdminAction, refuseOversight, staysOwner } from './user-rules';
import { Session } from '../session/session.entity';
import { enrollmentDeadline, type TwoFactorSummary } from '../two-factor/status/facts';
import { summarizeAll } from '../two-factor/status/state';
import { searchKey } from './search-keys';
import { User } from './user.entity';
import {
  filterParameters,
  readUsersPage,
  usersCountStatement,
  usersPageStatement,
} from './users-page-statement';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a client sends; validated by `updateUserSchema` (INVITED, empty names, … are refused). */
export interface UpdateUserArgs {
  displayName?: string | null;
  userType?: UserType | null;
  status?: UserStatus | null;
  requireTwoFactor?: boolean | null;
}

/** A page of users, with the 2FA summary of each node by user id. */
/**
 * A page of users, with what it read of each node's 2FA by user id: the whole summary but the
 * unused backup codes, which only their own field counts (a batched loader).
 */
export type UserPage = Page<User> & { twoFactor: Map<string, KnownTwoFactor> };

/** A 2FA summary, perhaps without the backup codes count. */
export type KnownTwoFactor = Omit<TwoFactorSummary, 'backupCodesRemaining'> &
  Partial<Pick<TwoFactorSummary, 'backupCodesRemaining'>>;

export interface ListUsersArgs {
  filter?: UsersFilterInput | null;
  first?: number | null;
  after?: string | null;
  /** Count the users the filter leaves (bounded, docs/design.md, Lists at scale); true when left out. */
  count?: boolean;
}

/** Users administration (docs/design.md, Permissions): list, read, edit, suspend and remove profiles. */
export class UserService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'sessionLifetimes'>;
      audit: AuditService;
      sessions: SessionService;
      rememberedDevices: RememberedDeviceService;
    },
  ) {}

  /**
   * A page of the caller's account's users, ordered by display name then id, with their 2FA
   * summaries, in one statement whatever the page size (each user with its login's email, its
   * type's policy and what it holds), and a second for the total when `count` asks for it. Lists
   * read many profiles: nothing here is loaded per user.
   */
  async list(caller: Caller, args: ListUsersArgs, now = new Date()): Promise<UserPage> {
    const actor = requireProfile(caller);
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    if (cursor && !cursor.every((part) => typeof part === 'string')) {
      throw new BadInputError([{ field: 'after', message: 'Not a cursor returned by this list' }]);
    }
    const parsed = usersFilterSchema.safeParse(args.filter ?? {});
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'filter'));
    const filter = parsed.data;

    // each 2FA status is its own condition (users-page-statement.ts)
    const shape = [filter.userType, filter.search, filter.twoFactorStatus, filter.status, cursor]
      .map((part) => (part ? 1 : 0))
      .join('')
      .concat(filter.twoFactorStatus ?? '');
    const page = this.prepared(`page:${shape}:${size}`, () =>
      usersPageStatement(this.deps.dataSource, actor.accountId, filter, now, {
        size,
        after: cursor !== null,
      }),
    );
    const count =
      args.count === false
        ? null
        : this.prepared(`count:${shape}`, () =>
            usersCountStatement(this.deps.dataSource, actor.accountId, filter, now),
          );
    const parameters = {
      ...filterParameters(actor.accountId, filter, now),
      afterName: cursor?.[0],
      afterId: cursor?.[1],
    };
    const [raw, total] = await Promise.all([page.rows(parameters), count?.rows(parameters)]);
    const { users: rows, states, policies } = readUsersPage(this.deps.dataSource, raw);
    // every node is in the caller's account: no query needed for `account`
    for (const row of rows) row.account = actor.account;
    return {
      ...toPage(rows, size, total ? readBoundedCount(total) : null, (user) => [
        user.displayName,
        user.id,
      ]),
      twoFactor: new Map(
        [...summarizeAll(rows, states, policies, now)].map(
          ([id, { backupCodesRemaining: _notRead, ...summary }]) => [id, summary],
        ),
      ),
    };
  }

  /** A user of the caller's account; anything else does not exist for the caller. */
  async get(caller: Caller, id: string, field = 'id'): Promise<User> {
    const actor = requireProfile(caller);
    const user = await this.findInAccount(this.deps.dataSource.manager, actor.accountId, id);
    if (!user) throw new NotFoundError('User', field);
    user.account = actor.account;
    return user;
  }

  /**
   * Edits a user's name, type, status or 2FA requirement. Suspension ends their sessions; the 2FA
   * deadline is fixed the first time 2FA is required and never moved afterwards.
   */
  async update(
    caller: Caller,
    id: string,
    input: UpdateUserArgs,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const actor = requireProfile(caller);
    const parsed = updateUserSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const changes = parsed.data;

    const user = await this.deps.dataSource.transaction(async (manager) => {
      const target = await this.findInAccount(manager, actor.accountId, id);
      if (!target) throw new NotFoundError('User', 'id');

      const userType = changes.userType ?? target.userType;
      const status = changes.status ?? target.status;
      await this.checkAllowed(manager, actor, target, { userType, status });
      // INVITED → SUSPENDED → ACTIVE must not become a way around the login owner's consent
      if (changes.status === UserStatus.ACTIVE && target.acceptedAt === null) {
        throw new ConflictError(
          'An invited user becomes active by accepting the invitation',
          ErrorReason.INVITATION_PENDING,
          'input.status',
        );
      }

      const values: Partial<User> = {};
      const changed: Record<string, unknown> = {};
      if (changes.displayName !== undefined && changes.displayName !== target.displayName) {
        values.displayName = changed.displayName = changes.displayName;
        values.searchName = searchKey(changes.displayName);
      }
      if (userType !== target.userType) {
        values.userType = changed.userType = userType;
      }
      if (target.isOwner && !staysOwner(target, { userType, status })) {
        values.isOwner = changed.isOwner = false;
      }
      if (changes.requireTwoFactor !== undefined) {
        const requirement = changes.requireTwoFactor
          ? TwoFactorRequirement.REQUIRED
          : TwoFactorRequirement.INHERIT;
        if (requirement !== target.twoFactorRequirement) {
          values.twoFactorRequirement = requirement;
          changed.requireTwoFactor = changes.requireTwoFactor;
        }
      }
      // 2FA becomes required for the profile (its own flag, or a move into a REQUIRED type):
      // fix the deadline once, with the type's grace period; never move an existing one
      if (
        target.twoFactorDeadline === null &&
        (changes.requireTwoFactor || userType !== target.userType)
      ) {
        const policy = await manager
          .getRepository(SecurityPolicy)
          .findOneBy({ accountId: target.accountId, userType });
        if (changes.requireTwoFactor || policy?.enforcement === Enforcement.REQUIRED) {
          values.twoFactorDeadline = enrollmentDeadline(policy, now);
          changed.twoFactorDeadline = values.twoFactorDeadline.toISOString();
        }
      }
      // a new type, or 2FA required of the profile itself, may ask more than the rule its
      // browsers were remembered under (docs/design.md, Remembered browsers)
      const browsersForgotten =
        values.userType !== undefined ||
        values.twoFactorRequirement === TwoFactorRequirement.REQUIRED
          ? await this.deps.rememberedDevices.forgetForProfiles(manager, [target.id])
          : 0;
      const statusChanged = status !== target.status;
      if (statusChanged) values.status = status;
      // the event says what each changed field was, so it is read before the update
      const fromTo = changesOf(
        {
          displayName: target.displayName,
          userType: target.userType,
          isOwner: target.isOwner,
          requireTwoFactor: target.twoFactorRequirement === TwoFactorRequirement.REQUIRED,
          twoFactorDeadline: target.twoFactorDeadline,
        },
        changed,
      );

      if (Object.keys(values).length > 0) {
        await manager.getRepository(User).update({ id: target.id }, values);
        Object.assign(target, values);
      }
      if (statusChanged && status === UserStatus.SUSPENDED) {
        await this.deps.sessions.revokeSessionsOfUser(target.id, manager);
      }

      const event = {
        accountId: target.accountId,
        actorUserId: actor.id,
        actorIdentityId: actor.identityId,
        targetType: 'User',
        targetId: target.id,
        ip: meta.ip,
      };
      if (Object.keys(changed).length > 0) {
        await this.deps.audit.record(
          {
            ...event,
            action: 'user.updated',
            details: {
              changed: Object.keys(changed),
              changes: fromTo,
              ...forgottenDetail(browsersForgotten),
            },
          },
          manager,
        );
      }
      if (statusChanged) {
        await this.deps.audit.record(
          {
            ...event,
            action: status === UserStatus.SUSPENDED ? 'user.suspended' : 'user.reactivated',
          },
          manager,
        );
      }
      return target;
    });
    user.account = actor.account;
    return user;
  }

  /** Deletes the profile (its app assignments go with it); the login stays for its other profiles. */
  async remove(caller: Caller, id: string, meta: RequestMeta): Promise<boolean> {
    const actor = requireProfile(caller);
    await this.deps.dataSource.transaction(async (manager) => {
      const target = await this.findInAccount(manager, actor.accountId, id);
      if (!target) throw new NotFoundError('User', 'id');
      await this.checkAllowed(manager, actor, target, null);
      await this.deps.sessions.revokeSessionsOfUser(target.id, manager);
      await manager.getRepository(User).delete({ id: target.id });
      const identity = await manager.getRepository(Identity).findOneBy({ id: target.identityId });
      await this.deps.audit.record(
        {
          accountId: target.accountId,
          actorUserId: actor.id,
          actorIdentityId: actor.identityId,
          action: 'user.removed',
          targetType: 'User',
          targetId: target.id,
          ip: meta.ip,
          details: {
            displayName: target.displayName,
            email: identity?.email ?? null,
            userType: target.userType,
          },
        },
        manager,
      );
    });
    return true;
  }

  /**
   * Ends every session of another user's profile; answers how many were open (sessions past their
   * limits are cleared too, uncounted). Audited when any was open: of two calls at once, one ends
   * them and the other finds none.
   */
  async endSessions(
    caller: Caller,
    userId: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<number> {
    const actor = requireProfile(caller);
    const { idleMs, enrollmentIdleMs } = this.deps.config.sessionLifetimes;
    const idleSince = new Date(now.getTime() - Math.max(idleMs, enrollmentIdleMs));
    return this.deps.dataSource.transaction(async (manager) => {
      const target = await this.findInAccount(manager, actor.accountId, userId);
      if (!target) throw new NotFoundError('User', 'userId');
      switch (refuseOversight(actor, target)) {
        case 'SELF':
          throw new ForbiddenError(
            'End your own sessions from your profile page, not here',
            ErrorReason.SELF,
          );
        case 'OWNER':
          throw new ForbiddenError('Only an owner can end an owner’s sessions', ErrorReason.OWNER);
        case null:
          break;
      }
      const open = await manager.delete(Session, {
        userId: target.id,
        lastSeenAt: MoreThan(idleSince),
        absoluteExpiresAt: MoreThan(now),
      });
      await this.deps.sessions.revokeSessionsOfUser(target.id, manager);
      const ended = open.affected ?? 0;
      if (ended > 0) {
        await this.deps.audit.record(
          {
            accountId: target.accountId,
            actorUserId: actor.id,
            actorIdentityId: actor.identityId,
            action: 'user.sessions_ended',
            targetType: 'User',
            targetId: target.id,
            ip: meta.ip,
            details: { sessions: ended },
          },
          manager,
        );
      }
      return ended;
    });
  }

  private async findInAccount(
    manager: EntityManager,
    accountId: string,
    id: string,
  ): Promise<User | null> {
    if (!uuidPattern.test(id)) return null;
    return manager.getRepository(User).findOneBy({ id: id.toLowerCase(), accountId });
  }

  /** Applies the rules of `refuseAdminAction`, counting owners under a lock where the dialect has one. */
  private async checkAllowed(
    manager: EntityManager,
    actor: NonNullable<Caller['user']>,
    target: User,
    after: { userType: UserType; status: UserStatus } | null,
  ): Promise<void> {
    let owners: User[] = [];
    if (target.isOwner) {
      const query = manager
        .getRepository(User)
        .createQueryBuilder('user')
        .where('user.accountId = :accountId', { accountId: target.accountId })
        .andWhere('user.isOwner = :isOwner', { isOwner: true });
      // two owners demoting each other at once must not both succeed; SQLite serializes writers
      if (!isSqlite(this.deps.dataSource)) query.setLock('pessimistic_write');
      owners = await query.getMany();
    }
    const refusal = refuseAdminAction({
      actor,
      target,
      after,
      otherActiveOwners: owners.filter((o) => o.id !== target.id && o.status === UserStatus.ACTIVE)
        .length,
    });
    switch (refusal) {
      case 'SELF':
        throw new ForbiddenError(
          'Change your own profile from your profile page, not here',
          ErrorReason.SELF,
        );
      case 'OWNER':
        throw new ForbiddenError('Only an owner can change or remove an owner', ErrorReason.OWNER);
      case 'LAST_OWNER':
        throw new ConflictError(
          'The account must keep an active owner: make someone else owner first',
          ErrorReason.LAST_OWNER,
          after ? (after.userType !== target.userType ? 'input.userType' : 'input.status') : 'id',
        );
      case null:
        return;
    }
  }

  /** Statements of `list`, built once per shape (PreparedSelect). */
  private readonly statements = new Map<string, PreparedSelect<Record<string, unknown>>>();

  private prepared(
    key: string,
    build: () => SelectQueryBuilder<ObjectLiteral>,
  ): PreparedSelect<Record<string, unknown>> {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = new PreparedSelect(this.deps.dataSource, build);
      this.statements.set(key, statement);
    }
    return statement;
  }
}
