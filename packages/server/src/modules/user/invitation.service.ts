import {
  type CreateUserInput,
  createUserSchema,
  Enforcement,
  ErrorReason,
  limits,
  passwordSchema,
  toFieldErrors,
  TwoFactorRequirement,
  UserStatus,
} from '@twofold/shared';
import type { Logger } from 'pino';
import { type DataSource, In, IsNull } from 'typeorm';
import type { Config } from '../../config';
import { hashPassword, verifyPassword } from '../../crypto/password';
import { isUniqueViolation } from '../../db/unique-violation';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { App, UserApp } from '../app/app.entity';
import type { AuditService } from '../audit/audit.service';
import type { Caller, RequestMeta } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { Identity } from '../identity/identity.entity';
import type { LinkToken } from '../link-token/link-token.entity';
import {
  invalidLink,
  LinkPurpose,
  linkLifetimes,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import { invitationMail } from '../mail/templates';
import { enrollmentDeadline } from '../two-factor/status/facts';
import { SecurityPolicy } from '../policy/security-policy.entity';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import { lockedProfile, User } from './user.entity';
import { searchKeysOf } from './search-keys';

/** Wrong current passwords given with one invitation link, before it is locked for a while. */
export const invitationPasswordRule: RateRule = { limit: 10, windowSeconds: 15 * 60 };

/**
 * The status of a new profile. It waits for its invitation to be accepted, unless its login
 * already signs in to this very account (another active profile here) and no invitation is
 * wanted. A login that exists only in other accounts is treated exactly like a new email
 * (docs/design.md, Permissions): the account learns nothing of it, and its owner decides by accepting.
 */
export function initialStatus(activeInThisAccount: boolean, sendInvitation: boolean): UserStatus {
  return activeInThisAccount && !sendInvitation ? UserStatus.ACTIVE : UserStatus.INVITED;
}

/** Creating profiles and accepting invitations (docs/design.md, Logins, profiles and accounts and GraphQL contract). */
export class InvitationService {
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
   * Creates a profile in the caller's account. An email that already signs in (in any account)
   * keeps its one login and gains this profile. With `sendInvitation`, mails a 72-hour link after
   * the commit; the profile stays INVITED until it is accepted.
   */
  async createUser(
    caller: Pick<Caller, 'user'>,
    input: CreateUserInput,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const actor = caller.user;
    if (!actor || !hasPermission(actor, Permission.USERS_MANAGE)) throw new ForbiddenError();
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const { email, displayName, userType, appIds, requireTwoFactor, sendInvitation } = parsed.data;
    const accountId = actor.accountId;

    let created: { user: User; identity: Identity; token: string | null };
    try {
      created = await this.deps.dataSource.transaction(async (manager) => {
        if (appIds.length > 0) {
          const found = await manager.count(App, { where: { id: In(appIds), accountId } });
          if (found !== appIds.length) throw new NotFoundError('App', 'input.appIds');
        }
        const identity =
          (await manager.findOneBy(Identity, { email })) ??
          (await manager.save(
            manager.create(Identity, {
              email,
              passwordHash: null,
              emailVerifiedAt: null,
              createdAt: now,
            }),
          ));
        if (await manager.existsBy(User, { accountId, identityId: identity.id, userType })) {
          throw duplicateProfile();
        }
        const activeHere = await manager.existsBy(User, {
          accountId,
          identityId: identity.id,
          status: UserStatus.ACTIVE,
        });
        const policy = await manager.findOneBy(SecurityPolicy, { accountId, userType });
        const user = await manager.save(
          manager.create(User, {
            accountId,
            identityId: identity.id,
            displayName,
            ...searchKeysOf(displayName, identity.email),
            userType,
            isOwner: false,
            status: initialStatus(activeHere, sendInvitation),
            acceptedAt:
              initialStatus(activeHere, sendInvitation) === UserStatus.ACTIVE ? now : null,
            twoFactorRequirement: requireTwoFactor
              ? TwoFactorRequirement.REQUIRED
              : TwoFactorRequirement.INHERIT,
            // 2FA becomes required for this profile now (its own flag or its type's policy):
            // the deadline is fixed at creation, with the type's grace period
            twoFactorDeadline:
              requireTwoFactor || policy?.enforcement === Enforcement.REQUIRED
                ? enrollmentDeadline(policy, now)
                : null,
            lastSignInAt: null,
            createdAt: now,
            invitedAt: sendInvitation ? now : null,
            invitationExpiresAt: sendInvitation
              ? new Date(now.getTime() + linkLifetimes.INVITATION)
              : null,
          }),
        );
        if (appIds.length > 0) {
          await manager.insert(
            UserApp,
            appIds.map((appId) => ({ userId: user.id, appId })),
          );
        }
        await this.deps.audit.record(
          {
            accountId,
            actorUserId: actor.id,
            actorIdentityId: actor.identityId,
            action: 'user.created',
            targetType: 'User',
            targetId: user.id,
            ip: meta.ip,
            details: { userType, appIds, requireTwoFactor, sendInvitation },
          },
          manager,
        );
        const token = sendInvitation
          ? await this.deps.linkTokens.issue(
              LinkPurpose.INVITATION,
              identity.id,
              user.id,
              linkLifetimes.INVITATION,
              manager,
              now,
            )
          : null;
        return { user, identity, token };
      });
    } catch (error) {
      // a concurrent createUser for the same email and type won the unique index
      if (isUniqueViolation(error)) throw duplicateProfile();
      throw error;
    }

    const { user, identity, token } = created;
    if (token !== null) {
      const link = `${this.deps.config.publicUrl}/invitation/${token}`;
      // the profile exists either way; an administrator can invite again once mail works
      await this.deps.mail.notify(
        {
          to: identity.email,
          ...invitationMail({
            displayName: user.displayName,
            accountName: actor.account?.name ?? '',
            inviterName: actor.displayName,
            link,
            expiresInHours: linkLifetimes.INVITATION / 3_600_000,
            hasLogin: identity.passwordHash !== null,
          }),
        },
        { userId: user.id },
      );
    }
    user.account = actor.account;
    return user;
  }

  /**
   * Accepts an invitation: a login without a password gets `password`; a login that already has
   * one must give it (one login, one password, several profiles). The profile becomes ACTIVE.
   */
  async acceptInvitation(
    token: string,
    password: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<boolean> {
    const { dataSource, linkTokens } = this.deps;
    const link = await linkTokens.peek(LinkPurpose.INVITATION, token, undefined, now);
    const identity = await dataSource.getRepository(Identity).findOneBy({ id: link.identityId });
    if (!identity) throw invalidLink();

    let newHash: string | null = null;
    if (identity.passwordHash === null) {
      const parsed = passwordSchema.safeParse(password);
      if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'password'));
      newHash = await hashPassword(parsed.data);
    } else {
      await this.checkLoginPassword(link.id, identity.passwordHash, password, now);
    }

    const accepted = await this.consumeInvitation(link, token, identity, newHash, meta, now);
    if (accepted) return true;
    // another invitation of this login set its first password meanwhile (nothing was written):
    // the password typed here must be that one, checked outside any transaction, like any other
    const current = await dataSource.getRepository(Identity).findOneBy({ id: identity.id });
    await this.checkLoginPassword(link.id, current?.passwordHash ?? null, password, now);
    if (!(await this.consumeInvitation(link, token, identity, null, meta, now))) {
      throw wrongCurrentPassword();
    }
    return true;
  }

  /**
   * An invitation to a login that has a password needs that password; the link must not become
   * a way around the sign-in attempt limits, so each guess is reserved before it is checked.
   */
  private async checkLoginPassword(
    linkId: string,
    passwordHash: string | null,
    password: string,
    now: Date,
  ): Promise<void> {
    const { rateLimits } = this.deps;
    const reservation = await rateLimits.reserve(
      [{ bucket: `pw:invitation:${linkId}`, rule: invitationPasswordRule }],
      now,
    );
    if (password.length > limits.passwordMax || !(await verifyPassword(passwordHash, password))) {
      throw wrongCurrentPassword();
    }
    await rateLimits.giveBack(reservation);
  }

  /**
   * Uses the link up and activates its profile, in one transaction with no await but SQL. With
   * `newHash`, also sets the login's first password — unless another invitation set one
   * meanwhile: then nothing is written and the answer is false.
   */
  private async consumeInvitation(
    link: Pick<LinkToken, 'userId'>,
    token: string,
    identity: Identity,
    newHash: string | null,
    meta: RequestMeta,
    now: Date,
  ): Promise<boolean> {
    const { dataSource, linkTokens } = this.deps;
    const passwordTaken = new Error('first password set meanwhile');
    try {
      await dataSource.transaction(async (manager) => {
        // the profile before its link, as a resend or revocation takes them: no deadlock between them
        const user = link.userId ? await lockedProfile(manager, { id: link.userId }) : null;
        if (!user) throw invalidLink();
        await linkTokens.consume(LinkPurpose.INVITATION, token, manager, now);
        if (newHash !== null) {
          const set = await manager.update(
            Identity,
            { id: identity.id, passwordHash: IsNull() },
            { passwordHash: newHash },
          );
          // rolls the consumed link back: the caller checks the password and comes again
          if ((set.affected ?? 0) === 0) throw passwordTaken;
        }
        if (identity.emailVerifiedAt === null) {
          await manager.update(Identity, { id: identity.id }, { emailVerifiedAt: now });
        }
        // accepted now, whatever happened meanwhile; a profile suspended meanwhile stays suspended
        await manager.update(
          User,
          { id: user.id },
          user.status === UserStatus.INVITED
            ? { status: UserStatus.ACTIVE, acceptedAt: now, invitationExpiresAt: null }
            : { acceptedAt: now, invitationExpiresAt: null },
        );
        await this.deps.audit.record(
          {
            accountId: user.accountId,
            actorUserId: user.id,
            actorIdentityId: identity.id,
            action: 'user.invitation_accepted',
            targetType: 'User',
            targetId: user.id,
            ip: meta.ip,
          },
          manager,
        );
      });
      return true;
    } catch (error) {
      if (error === passwordTaken) return false;
      throw error;
    }
  }
}

function duplicateProfile(): ConflictError {
  return new ConflictError(
    'This email already has a profile of this user type in the account',
    ErrorReason.DUPLICATE_PROFILE,
    'input.email',
  );
}

function wrongCurrentPassword(): BadInputError {
  return new BadInputError([
    {
      field: 'password',
      message: 'This email already signs in to Twofold: enter that password',
    },
  ]);
}
