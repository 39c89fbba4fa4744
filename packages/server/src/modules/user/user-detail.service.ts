import { ErrorReason, type SecondFactorKind, type TokenTransport } from '@twofold/shared';
import { type DataSource, In, MoreThan } from 'typeorm';
import type { Config } from '../../config';
import type { Secrets } from '../../crypto/keys';
import { BadInputError, ForbiddenError } from '../../errors';
import { AuditEvent } from '../audit/audit-event.entity';
import { type Caller, requireProfile } from '../auth/caller';
import { browserInWords } from '../session/browser-words';
import { Session } from '../session/session.entity';
import { factorIdOf } from '../two-factor/factor-ids';
import {
  factorsOfUsersStatement,
  readFactorsOfUsers,
} from '../two-factor/factors-of-users-statement';
import { maskPhone } from '../two-factor/sms/phone';
import { isLocked } from '../two-factor/status/facts';
import { SecondFactorGuard } from '../two-factor/two-factor.entities';
import { PasskeyFactor } from '../two-factor/passkey/passkey.entities';
import { hasPermission, Permission } from '../auth/permissions';
import type { User } from './user.entity';
import { refuseOversight } from './user-rules';

/** One factor a user holds, as an administrator sees it: no secret, no full number. */
export interface SecondFactorView {
  id: string;
  kind: SecondFactorKind;
  /** The masked number of a phone (`+44 •••• ••3456`), a passkey's name; null for the other kinds. */
  label: string | null;
  addedAt: Date;
  lastUsedAt: Date | null;
  /** Unused backup codes; null for the other kinds. */
  unusedCodes: number | null;
}

/** A user's locked second-factor step (docs/design.md, Second-factor rules). */
export interface LockoutView {
  /** The end of a running lock; null when the step is disabled instead. */
  lockedUntil: Date | null;
  /** 100 consecutive wrong codes: only an administrator's unlock or reset lifts it. */
  disabled: boolean;
  /** Wrong codes since the last right one. */
  failedAttempts: number;
}

/** One open session of a user, as an administrator sees it: the browser in words. */
export interface UserSessionView {
  id: string;
  browser: string;
  transport: TokenTransport;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
}

/** At most this many sessions are listed per user (an API client may open many). */
const sessionsShown = 100;

/** `securityActivity(first)`: how many events, newest first. */
export const activityPage = { default: 10, max: 50 } as const;

/**
 * What an administrator reads on a user's page beyond the users table (docs/design.md,
 * Daily administration): their factors with when they were added and last used,
 * their lockout, their open sessions and the audit events about them. Each read takes a batch of
 * users (a request's loader) in one statement whatever its size, and answers per user: the
 * value, or FORBIDDEN for a user the caller may not look after (their own login, or an owner
 * when the caller is not one).
 */
export class UserDetailService {
  private factorsSql: string | undefined;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: Pick<Secrets, 'box'>;
      config: Pick<Config, 'sessionLifetimes'>;
    },
  ) {}

  async secondFactors(
    caller: Caller,
    users: readonly User[],
  ): Promise<(SecondFactorView[] | ForbiddenError)[]> {
    const { dataSource, secrets } = this.deps;
    return this.forEach(caller, users, async (ids) => {
      this.factorsSql ??= factorsOfUsersStatement(dataSource);
      const held = await readFactorsOfUsers(dataSource, this.factorsSql, ids);
      return ids.map((id) =>
        (held.get(id) ?? []).map((factor) => ({
          id: factorIdOf(factor),
          kind: factor.kind,
          label:
            factor.phoneSealed === null
              ? factor.name
              : maskPhone(secrets.box.open(factor.phoneSealed)),
          addedAt: factor.addedAt,
          lastUsedAt: factor.lastUsedAt,
          unusedCodes: factor.unused,
        })),
      );
    });
  }

  /**
   * The passkeys of each user (docs/design.md, Passkeys), oldest first: the caller's own profile
   * reads its own; owners and administrators those of the users they look after, else FORBIDDEN.
   */
  async passkeys(
    caller: Caller,
    users: readonly User[],
  ): Promise<(PasskeyFactor[] | ForbiddenError)[]> {
    const actor = requireProfile(caller);
    const refusals = users.map((user) =>
      user.id === actor.id
        ? null
        : hasPermission(actor, Permission.TWO_FACTOR_ADMIN)
          ? this.refusalOf(actor, user)
          : new ForbiddenError('Only the user and their administrators see their passkeys'),
    );
    const ids = [...new Set(users.filter((_user, i) => !refusals[i]).map((user) => user.id))];
    const byUser = new Map<string, PasskeyFactor[]>(ids.map((id) => [id, []]));
    if (ids.length > 0) {
      const rows = await this.deps.dataSource.getRepository(PasskeyFactor).find({
        where: { userId: In(ids) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      for (const row of rows) byUser.get(row.userId)?.push(row);
    }
    return users.map((user, i) => refusals[i] ?? byUser.get(user.id) ?? []);
  }

  async lockouts(
    caller: Caller,
    users: readonly User[],
    now = new Date(),
  ): Promise<(LockoutView | null | ForbiddenError)[]> {
    return this.forEach(caller, users, async (ids) => {
      const guards = await this.deps.dataSource
        .getRepository(SecondFactorGuard)
        .findBy({ userId: In(ids) });
      const byUser = new Map(guards.map((guard) => [guard.userId, guard]));
      return ids.map((id) => {
        const guard = byUser.get(id);
        if (!guard || !isLocked(guard, now)) return null;
        return {
          lockedUntil: guard.disabledAt === null ? guard.lockedUntil : null,
          disabled: guard.disabledAt !== null,
          failedAttempts: guard.consecutiveFailures,
        };
      });
    });
  }

  /** Sessions not yet past the longest idle limit nor their absolute end, last seen first. */
  async sessions(
    caller: Caller,
    users: readonly User[],
    now = new Date(),
  ): Promise<(UserSessionView[] | ForbiddenError)[]> {
    const { idleMs, enrollmentIdleMs } = this.deps.config.sessionLifetimes;
    const idleSince = new Date(now.getTime() - Math.max(idleMs, enrollmentIdleMs));
    return this.forEach(caller, users, async (ids) => {
      const sessions = await this.deps.dataSource.getRepository(Session).find({
        where: {
          userId: In(ids),
          lastSeenAt: MoreThan(idleSince),
          absoluteExpiresAt: MoreThan(now),
        },
        order: { lastSeenAt: 'DESC', id: 'DESC' },
      });
      const byUser = new Map<string, UserSessionView[]>(ids.map((id) => [id, []]));
      for (const session of sessions) {
        const list = byUser.get(session.userId ?? '');
        if (!list || list.length >= sessionsShown) continue;
        list.push({
          id: session.id,
          browser: browserInWords(session.userAgent),
          transport: session.transport,
          createdAt: session.createdAt,
          lastSeenAt: session.lastSeenAt,
          ip: session.ip,
        });
      }
      return ids.map((id) => byUser.get(id) ?? []);
    });
  }

  /**
   * The newest `first` audit events of the account about each user (its target), in one
   * statement whatever the number of users: a window per user over the target index.
   */
  async securityActivity(
    caller: Caller,
    users: readonly User[],
    first: number,
  ): Promise<(AuditEvent[] | ForbiddenError)[]> {
    if (!Number.isInteger(first) || first < 1 || first > activityPage.max) {
      throw new BadInputError([{ field: 'first', message: `Between 1 and ${activityPage.max}` }]);
    }
    const accountId = requireProfile(caller).accountId;
    return this.forEach(caller, users, async (ids) => {
      const repository = this.deps.dataSource.getRepository(AuditEvent);
      const events = await repository
        .createQueryBuilder('event')
        .innerJoin(
          (ranked) =>
            ranked
              .select('e.id', 'id')
              .addSelect(
                'ROW_NUMBER() OVER (PARTITION BY e.targetId ORDER BY e.createdAt DESC, e.id DESC)',
                'position',
              )
              .from(AuditEvent, 'e')
              .where("e.targetType = 'User'")
              .andWhere('e.targetId IN (:...ids)', { ids })
              .andWhere('e.accountId = :accountId', { accountId }),
          'ranked',
          'ranked.id = event.id',
        )
        .where('ranked.position <= :first', { first })
        .orderBy('event.createdAt', 'DESC')
        .addOrderBy('event.id', 'DESC')
        .getMany();
      const byUser = new Map<string, AuditEvent[]>(ids.map((id) => [id, []]));
      for (const event of events) byUser.get(event.targetId ?? '')?.push(event);
      return ids.map((id) => byUser.get(id) ?? []);
    });
  }

  /**
   * Runs `read` once for the users the caller may look after (by their ids, deduplicated) and
   * answers in the order of `users`, with FORBIDDEN for the others.
   */
  private async forEach<T>(
    caller: Caller,
    users: readonly User[],
    read: (ids: string[]) => Promise<T[]>,
  ): Promise<(T | ForbiddenError)[]> {
    const actor = requireProfile(caller);
    const refusals = users.map((user) => this.refusalOf(actor, user));
    const ids = [...new Set(users.filter((_user, i) => !refusals[i]).map((user) => user.id))];
    const values = ids.length > 0 ? await read(ids) : [];
    const byId = new Map(ids.map((id, i) => [id, values[i] as T]));
    return users.map((user, i) => refusals[i] ?? (byId.get(user.id) as T));
  }

  private refusalOf(actor: ReturnType<typeof requireProfile>, user: User): ForbiddenError | null {
    // a User object is of the caller's account; should another ever reach here, it shows nothing
    if (user.accountId !== actor.accountId) return new ForbiddenError();
    switch (refuseOversight(actor, user)) {
      case 'SELF':
        return new ForbiddenError(
          'Your own factors, sessions and activity are on your profile page',
          ErrorReason.SELF,
        );
      case 'OWNER':
        return new ForbiddenError(
          'Only an owner sees an owner’s factors, sessions and activity',
          ErrorReason.OWNER,
        );
      case null:
        return null;
    }
  }
}
