import {
  emailSchema,
  ErrorReason,
  resetFactorIdsSchema,
  resetReasonSchema,
  SecondFactorKind,
  toFieldErrors,
} from '@twofold/shared';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../../config';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { Account } from '../account/account.entity';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Identity } from '../identity/identity.entity';
import {
  LinkPurpose,
  linkLifetimes,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import { enrollmentLinkMail, factorsRemovedMail, twoFactorResetMail } from '../mail/templates';
import { User } from '../user/user.entity';
import { type ProfileRef, refuseOversight } from '../user/user-rules';
import type { CodeCheckService } from './code-check.service';
import { type FactorRef, parseFactorId } from './factor-ids';
import { factorsOfUsersStatement, readFactorsOfUsers } from './factors-of-users-statement';
import { SecondFactorGuard } from './two-factor.entities';
import { forgottenDetail } from '../remembered-device/remembered-device-rules';
import type { TwoFactorService } from './two-factor.service';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why an administrator may not act on a user's 2FA, or null when they may (docs/design.md, Permissions). */
export type TwoFactorAdminRefusal = 'SELF' | 'OWNER';

/**
 * Nobody acts on themselves through admin operations (their own reset goes through the profile,
 * with a second factor), and not through another profile of their own login either; only an
 * owner acts on an owner.
 */
export function refuseTwoFactorAdmin(
  actor: ProfileRef & { isOwner: boolean },
  target: ProfileRef & { isOwner: boolean },
): TwoFactorAdminRefusal | null {
  return refuseOversight(actor, target);
}

/** A removed factor, as the mail to its user names it. */
const factorWords: Record<SecondFactorKind, string> = {
  [SecondFactorKind.AUTHENTICATOR_APP]: 'your authenticator app',
  [SecondFactorKind.SMS]: 'your text message number',
  [SecondFactorKind.PIN]: 'your PIN code',
  [SecondFactorKind.BACKUP_CODE]: 'your backup codes',
  [SecondFactorKind.PASSKEY]: 'a passkey',
};

const notHeld = () =>
  new BadInputError([{ field: 'factorIds', message: 'Not a factor this user holds' }]);

/** `factorIds` as the factors they name, without repeats; BAD_USER_INPUT naming `factorIds`. */
function factorRefsOf(factorIds: readonly string[]): FactorRef[] {
  const parsed = resetFactorIdsSchema.safeParse(factorIds);
  if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'factorIds'));
  const refs = new Map<string, FactorRef>();
  for (const id of parsed.data) {
    const ref = parseFactorId(id);
    if (!ref) throw notHeld();
    refs.set(`${ref.kind}:${ref.rowId}`, ref);
  }
  return [...refs.values()];
}

export interface BreakGlassResult {
  email: string;
  accountSlug: string;
  profiles: number;
}

/**
 * Administrators' side of two-factor authentication (docs/design.md, Second-factor rules): resetting a user's factors,
 * re-sending an enrollment link, and the server CLI's break-glass reset.
 */
export class AdminTwoFactorService {
  private factorsSql: string | undefined;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'publicUrl'>;
      logger: Logger;
      audit: AuditService;
      sessions: SessionService;
      linkTokens: LinkTokenService;
      mail: MailService;
      codes: CodeCheckService;
      twoFactor: TwoFactorService;
    },
  ) {}

  /**
   * Removes another user's factors and backup codes and ends their sessions, in one transaction,
   * then mails them. An administrator who has a factor confirms with their own current `code`.
   * The user's enrollment deadline stays: where 2FA is required they enroll at their next sign-in.
   *
   * With `factorIds` (ids of `User.secondFactors`), only those factors go, and the user's
   * sessions end; a lockout stays (unlocking is its own decision) unless no factor is left, which
   * is then a full reset. An id that is not one of the user's confirmed factors answers
   * BAD_USER_INPUT on `factorIds` and nothing changes (docs/design.md, Daily administration).
   */
  async reset(
    caller: Caller,
    userId: string,
    reason: string,
    code: string | null | undefined,
    meta: RequestMeta,
    factorIds?: readonly string[] | null,
  ): Promise<User> {
    const actor = this.actorOf(caller);
    const parsedReason = resetReasonSchema.safeParse(reason);
    if (!parsedReason.success) {
      throw new BadInputError(toFieldErrors(parsedReason.error, 'reason'));
    }
    const wanted = factorIds === null || factorIds === undefined ? null : factorRefsOf(factorIds);
    const actorHasFactor = caller.facts?.hasActiveFactor ?? false;
    if (actorHasFactor && (code === null || code === undefined || code.trim() === '')) {
      throw new BadInputError([
        { field: 'code', message: 'Confirm with the current code of your own second factor' },
      ]);
    }
    // refusals first, so a refused reset never spends the administrator's code
    const found = await this.targetOf(this.deps.dataSource.manager, actor, userId);
    if (wanted && !(await this.holds(found.id, wanted))) throw notHeld();
    if (actorHasFactor) await this.deps.codes.checkCurrentCode(caller, code ?? '');

    const event = {
      actorUserId: actor.id,
      actorIdentityId: actor.identityId,
      ip: meta.ip,
    };
    const { target, all } = await this.deps.dataSource.transaction(async (manager) => {
      const user = await this.targetOf(manager, actor, userId);
      if (!wanted) {
        await this.wipe(manager, user, {
          ...event,
          accountId: user.accountId,
          details: { reason: parsedReason.data },
        });
        return { target: user, all: true };
      }
      const { removed, nothingLeft, browsersForgotten } = await this.deps.twoFactor.removeFactors(
        user.id,
        wanted,
        manager,
      );
      // removed meanwhile (a parallel reset): nothing of this one stays
      if (!removed) throw notHeld();
      await this.deps.sessions.revokeSessionsOfUser(user.id, manager);
      await this.deps.audit.record(
        {
          ...event,
          accountId: user.accountId,
          action: 'two_factor.reset',
          targetType: 'User',
          targetId: user.id,
          details: {
            reason: parsedReason.data,
            factors: wanted.map((ref) => ref.kind),
            ...(nothingLeft ? { nothingLeft } : {}),
            ...forgottenDetail(browsersForgotten),
          },
        },
        manager,
      );
      return { target: user, all: nothingLeft };
    });
    if (all || !wanted) {
      await this.mailReset(target, actor.account.name, actor.displayName);
    } else {
      await this.mailFactorsRemoved(target, actor.account.name, actor.displayName, wanted);
    }
    target.account = actor.account;
    return target;
  }

  /**
   * Lifts another user's second-factor lockout — a running lock or the disable after 100 wrong
   * codes — and starts their count of wrong codes over; their factors stay. CONFLICT (reason
   * NOT_LOCKED) when nothing is locked: the lock ran out, or another administrator was first.
   */
  async unlock(caller: Caller, userId: string, meta: RequestMeta, now = new Date()): Promise<User> {
    const actor = this.actorOf(caller);
    const target = await this.deps.dataSource.transaction(async (manager) => {
      const user = await this.targetOf(manager, actor, userId);
      const guard = await manager.findOneBy(SecondFactorGuard, { userId: user.id });
      // one conditional write: of two unlocks at once (or an unlock and a lock running out) one
      // finds the lock, the other nothing
      const result = await manager
        .createQueryBuilder()
        .delete()
        .from(SecondFactorGuard)
        .where('userId = :userId', { userId: user.id })
        .andWhere('(disabledAt IS NOT NULL OR lockedUntil > :now)', { now })
        .execute();
      if ((result.affected ?? 0) === 0) {
        throw new ConflictError(
          `${user.displayName}’s second-factor step is not locked`,
          ErrorReason.NOT_LOCKED,
          'userId',
        );
      }
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: actor.id,
          actorIdentityId: actor.identityId,
          action: 'two_factor.unlocked',
          targetType: 'User',
          targetId: user.id,
          ip: meta.ip,
          details: {
            disabled: guard?.disabledAt != null,
            failedAttempts: guard?.consecutiveFailures ?? null,
          },
        },
        manager,
      );
      return user;
    });
    target.account = actor.account;
    return target;
  }

  /** Whether the profile holds every factor `refs` names (confirmed ones). */
  private async holds(userId: string, refs: readonly FactorRef[]): Promise<boolean> {
    const { dataSource } = this.deps;
    this.factorsSql ??= factorsOfUsersStatement(dataSource);
    const held =
      (await readFactorsOfUsers(dataSource, this.factorsSql, [userId])).get(userId) ?? [];
    return refs.every((ref) =>
      held.some((factor) => factor.kind === ref.kind && factor.rowId === ref.rowId),
    );
  }

  /** After the commit: tells the user which factors went (logged when the mail cannot go out). */
  private async mailFactorsRemoved(
    target: User,
    accountName: string,
    adminName: string,
    refs: readonly FactorRef[],
  ): Promise<void> {
    const identity = await this.deps.dataSource
      .getRepository(Identity)
      .findOneBy({ id: target.identityId });
    if (!identity) return;
    await this.deps.mail.notify(
      {
        to: identity.email,
        ...factorsRemovedMail({
          displayName: target.displayName,
          accountName,
          adminName,
          removed: refs.map((ref) => factorWords[ref.kind]),
        }),
      },
      { userId: target.id },
    );
  }

  /**
   * Mails another user a single-use link (72 h) that, once they sign in with their password,
   * starts a fresh authenticator enrollment. Never a secret or a QR image; a new link voids the
   * previous one.
   */
  async resendEnrollment(
    caller: Caller,
    userId: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<boolean> {
    const actor = this.actorOf(caller);
    const { target, identity, token } = await this.deps.dataSource.transaction(async (manager) => {
      const user = await this.targetOf(manager, actor, userId);
      const login = await manager.findOneByOrFail(Identity, { id: user.identityId });
      const issued = await this.deps.linkTokens.issue(
        LinkPurpose.ENROLLMENT,
        user.identityId,
        user.id,
        linkLifetimes.ENROLLMENT,
        manager,
        now,
      );
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: actor.id,
          actorIdentityId: actor.identityId,
          action: 'two_factor.enrollment_link_sent',
          targetType: 'User',
          targetId: user.id,
          ip: meta.ip,
          details: { expiresInHours: linkLifetimes.ENROLLMENT / 3_600_000 },
        },
        manager,
      );
      return { target: user, identity: login, token: issued };
    });
    const link = `${this.deps.config.publicUrl}/enroll/${token}`;
    // the link is the whole point: a failed send is an error the administrator must see
    await this.deps.mail.send({
      to: identity.email,
      ...enrollmentLinkMail({
        displayName: target.displayName,
        accountName: actor.account.name,
        link,
        expiresInHours: linkLifetimes.ENROLLMENT / 3_600_000,
      }),
    });
    return true;
  }

  /**
   * `twofold reset-2fa --email … --account …`: for an owner locked out of their own account. Resets
   * every profile of that login in that account, audited with no actor and `via: cli`.
   */
  async breakGlassReset(email: string, accountSlug: string): Promise<BreakGlassResult> {
    const parsedEmail = emailSchema.safeParse(email);
    if (!parsedEmail.success) throw new BadInputError(toFieldErrors(parsedEmail.error, 'email'));
    const slug = accountSlug.trim().toLowerCase();
    if (slug === '' || slug.length > 64) {
      throw new BadInputError([{ field: 'account', message: 'Give the account’s slug' }]);
    }
    const { dataSource } = this.deps;
    const account = await dataSource.getRepository(Account).findOneBy({ slug });
    if (!account) throw new NotFoundError(`Account "${slug}"`, 'account');
    const identity = await dataSource
      .getRepository(Identity)
      .findOneBy({ email: parsedEmail.data });
    const profiles = identity
      ? await dataSource
          .getRepository(User)
          .findBy({ identityId: identity.id, accountId: account.id })
      : [];
    if (!identity || profiles.length === 0) {
      throw new NotFoundError(`A profile of ${parsedEmail.data} in account "${slug}"`, 'email');
    }

    await dataSource.transaction(async (manager) => {
      for (const profile of profiles) {
        await this.wipe(manager, profile, {
          accountId: account.id,
          actorUserId: null,
          actorIdentityId: null,
          ip: null,
          details: { via: 'cli' },
        });
      }
    });
    for (const profile of profiles) await this.mailReset(profile, account.name, null, identity);
    return { email: identity.email, accountSlug: account.slug, profiles: profiles.length };
  }

  /** Factors, backup codes, lockout and sessions go together with the audit event, or not at all. */
  private async wipe(
    manager: EntityManager,
    target: User,
    event: {
      accountId: string;
      actorUserId: string | null;
      actorIdentityId: string | null;
      ip: string | null;
      details: Record<string, unknown>;
    },
  ): Promise<void> {
    const browsersForgotten = await this.deps.twoFactor.removeAllFactors(target.id, manager);
    await this.deps.sessions.revokeSessionsOfUser(target.id, manager);
    await this.deps.audit.record(
      {
        ...event,
        details: { ...event.details, ...forgottenDetail(browsersForgotten) },
        action: 'two_factor.reset',
        targetType: 'User',
        targetId: target.id,
      },
      manager,
    );
  }

  /** After the commit: the reset stands even when the mail cannot go out (it is logged). */
  private async mailReset(
    target: User,
    accountName: string,
    adminName: string | null,
    login?: Identity,
  ): Promise<void> {
    const identity =
      login ??
      (await this.deps.dataSource.getRepository(Identity).findOneBy({ id: target.identityId }));
    // the profile was removed in the meantime: nobody to tell
    if (!identity) return;
    await this.deps.mail.notify(
      {
        to: identity.email,
        ...twoFactorResetMail({ displayName: target.displayName, accountName, adminName }),
      },
      { userId: target.id },
    );
  }

  private actorOf(caller: Caller): User & { account: Account } {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.TWO_FACTOR_ADMIN)) throw new ForbiddenError();
    return actor;
  }

  /** The target in the actor's account, or NOT_FOUND; then the object-level rules. */
  private async targetOf(manager: EntityManager, actor: User, userId: string): Promise<User> {
    const target = uuidPattern.test(userId)
      ? await manager.findOneBy(User, { id: userId.toLowerCase(), accountId: actor.accountId })
      : null;
    if (!target) throw new NotFoundError('User', 'userId');
    switch (refuseTwoFactorAdmin(actor, target)) {
      case 'SELF':
        throw new ForbiddenError(
          'Manage your own two-factor authentication from your profile, not here',
          ErrorReason.SELF,
        );
      case 'OWNER':
        throw new ForbiddenError(
          'Only an owner can reset an owner’s two-factor authentication',
          ErrorReason.OWNER,
        );
      case null:
        return target;
    }
  }
}
