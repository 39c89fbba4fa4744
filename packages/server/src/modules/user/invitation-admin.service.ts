import { ErrorCode, ErrorReason } from '@twofold/shared';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../../config';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Identity } from '../identity/identity.entity';
import {
  LinkPurpose,
  linkLifetimes,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import { invitationMail } from '../mail/templates';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import { type InvitationAction, refuseInvitationAction } from './invitation-rules';
import { lockedProfile, User } from './user.entity';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Invitations one profile may be sent in an hour, counted per profile (never per email, which
 * would tell one account of another's invitations): enough to correct a typo or a lost mail,
 * useless for flooding a mailbox through Twofold (docs/design.md, Invitations).
 */
export const invitationSendRule: RateRule = { limit: 5, windowSeconds: 60 * 60 };

export function invitationSendBucket(userId: string): string {
  return `invitation:send:${userId}`;
}

const hours = linkLifetimes.INVITATION / 3_600_000;

/**
 * Administrators' side of invitations (docs/design.md, Invitations): sending a new link to an
 * invited profile (a first one, or one that voids the last) and revoking the pending one.
 */
export class InvitationAdminService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'publicUrl'>;
      logger: Logger;
      audit: AuditService;
      rateLimits: RateLimitService;
      linkTokens: LinkTokenService;
      mail: MailService;
    },
  ) {}

  /**
   * Mails an invited profile a new 72-hour link; an earlier link stops working in the same
   * transaction, so however many sends race, one link works. A profile created without an
   * invitation gets its first one this way.
   */
  async resend(caller: Caller, userId: string, meta: RequestMeta, now = new Date()): Promise<User> {
    const actor = this.actorOf(caller);
    const { dataSource, linkTokens, rateLimits } = this.deps;
    // refusals first, so a refused send spends nothing of the profile's sends
    const checked = await this.targetOf(dataSource.manager, actor, userId, 'send');
    const reservation = await rateLimits.reserve(
      [{ bucket: invitationSendBucket(checked.id), rule: invitationSendRule }],
      now,
    );

    let sent: { user: User; identity: Identity; token: string; resent: boolean };
    try {
      sent = await dataSource.transaction(async (manager) => {
        const user = await this.targetOf(manager, actor, userId, 'send', true);
        const identity = await manager.findOneByOrFail(Identity, { id: user.identityId });
        const resent = user.invitedAt !== null;
        const replacedPending = user.invitationExpiresAt !== null;
        const token = await linkTokens.issue(
          LinkPurpose.INVITATION,
          user.identityId,
          user.id,
          linkLifetimes.INVITATION,
          manager,
          now,
        );
        const invitation = {
          invitedAt: now,
          invitationExpiresAt: new Date(now.getTime() + linkLifetimes.INVITATION),
        };
        await manager.update(User, { id: user.id }, invitation);
        Object.assign(user, invitation);
        await this.deps.audit.record(
          {
            accountId: user.accountId,
            actorUserId: actor.id,
            actorIdentityId: actor.identityId,
            action: 'user.invitation_sent',
            targetType: 'User',
            targetId: user.id,
            ip: meta.ip,
            details: { resent, replacedPending, expiresInHours: hours },
          },
          manager,
        );
        return { user, identity, token, resent };
      });
    } catch (error) {
      await rateLimits.giveBack(reservation);
      throw error;
    }

    const { user, identity, token, resent } = sent;
    try {
      await this.deps.mail.send({
        to: identity.email,
        ...invitationMail({
          displayName: user.displayName,
          accountName: actor.account.name,
          inviterName: actor.displayName,
          link: `${this.deps.config.publicUrl}/invitation/${token}`,
          expiresInHours: hours,
          hasLogin: identity.passwordHash !== null,
          replacesEarlier: resent,
        }),
      });
    } catch (error) {
      // the link is the whole point: the administrator must know it did not go, and may try again
      await rateLimits.giveBack(reservation);
      this.deps.logger.error({ err: error, userId: user.id }, 'could not mail an invitation');
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        'The invitation could not be mailed, and any earlier link no longer works. Try again in a moment.',
      );
    }
    user.account = actor.account;
    return user;
  }

  /**
   * Voids the pending invitation link of an invited profile. The profile stays INVITED, with
   * its apps and settings, and can be sent a new invitation later; nobody is mailed.
   */
  async revoke(caller: Caller, userId: string, meta: RequestMeta, now = new Date()): Promise<User> {
    const actor = this.actorOf(caller);
    const user = await this.deps.dataSource.transaction(async (manager) => {
      const target = await this.targetOf(manager, actor, userId, 'revoke', true);
      const expiredAt = target.invitationExpiresAt;
      await this.deps.linkTokens.voidForProfile(LinkPurpose.INVITATION, target.id, manager, now);
      await manager.update(User, { id: target.id }, { invitationExpiresAt: null });
      target.invitationExpiresAt = null;
      await this.deps.audit.record(
        {
          accountId: target.accountId,
          actorUserId: actor.id,
          actorIdentityId: actor.identityId,
          action: 'user.invitation_revoked',
          targetType: 'User',
          targetId: target.id,
          ip: meta.ip,
          details: { expired: expiredAt !== null && expiredAt <= now },
        },
        manager,
      );
      return target;
    });
    user.account = actor.account;
    return user;
  }

  private actorOf(caller: Caller): NonNullable<Caller['user']> {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.USERS_MANAGE)) throw new ForbiddenError();
    return actor;
  }

  /**
   * The target in the actor's account, or NOT_FOUND; then the rules of `refuseInvitationAction`.
   * `lock`: inside the transaction, the row stays locked until it ends.
   */
  private async targetOf(
    manager: EntityManager,
    actor: NonNullable<Caller['user']>,
    userId: string,
    action: InvitationAction,
    lock = false,
  ): Promise<User> {
    const where = { id: userId.toLowerCase(), accountId: actor.accountId };
    const target = !uuidPattern.test(userId)
      ? null
      : lock
        ? await lockedProfile(manager, where)
        : await manager.findOneBy(User, where);
    if (!target) throw new NotFoundError('User', 'userId');
    switch (refuseInvitationAction(action, actor, target)) {
      case 'SELF':
        throw new ForbiddenError(
          'You cannot invite a profile of your own login: it signs in already',
          ErrorReason.SELF,
        );
      case 'OWNER':
        throw new ForbiddenError('Only an owner can manage an owner', ErrorReason.OWNER);
      case 'NOT_INVITED':
        throw new ConflictError(
          'This user is not waiting for an invitation: only invited users who have not accepted one can be sent or revoked one',
          ErrorReason.NOT_INVITED,
          'userId',
        );
      case 'NO_PENDING_INVITATION':
        throw new ConflictError(
          'This user has no pending invitation to revoke',
          ErrorReason.NO_PENDING_INVITATION,
          'userId',
        );
      case null:
        return target;
    }
  }
}
