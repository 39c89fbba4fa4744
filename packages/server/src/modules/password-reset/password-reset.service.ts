import { createHash } from 'node:crypto';
import { emailSchema, passwordSchema, toFieldErrors } from '@twofold/shared';
import type { Logger } from 'pino';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Config } from '../../config';
import { hashPassword } from '../../crypto/password';
import { BadInputError, TooManyAttemptsError } from '../../errors';
import type { AuditEntry, AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { RequestMeta } from '../auth/caller';
import { Identity } from '../identity/identity.entity';
import { LinkToken } from '../link-token/link-token.entity';
import {
  LinkPurpose,
  linkLifetimes,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import { passwordResetMail } from '../mail/templates';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import type { RememberedDeviceService } from '../remembered-device/remembered-device.service';

/** Reset mails per email address: enough for a forgetful person, useless for mail-bombing. */
export const resetRequestRule: RateRule = { limit: 5, windowSeconds: 60 * 60 };

function requestBucket(email: string): string {
  return `reset:email:${createHash('sha256').update(email).digest('hex')}`;
}

/** Forgotten passwords: a one-hour emailed link that sets a new one and ends every session. */
export class PasswordResetService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'publicUrl'>;
      logger: Logger;
      audit: AuditService;
      sessions: SessionService;
      rememberedDevices: RememberedDeviceService;
      rateLimits: RateLimitService;
      linkTokens: LinkTokenService;
      mail: MailService;
    },
  ) {}

  /**
   * Mails a reset link when the email belongs to a login with a password. Answers the same for
   * every input (unknown, malformed, rate-limited), so it tells nobody which emails exist; the mail
   * goes out in the background for the same reason.
   */
  async requestPasswordReset(email: string, meta: RequestMeta, now = new Date()): Promise<true> {
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) return true;
    const { rateLimits, linkTokens, dataSource } = this.deps;
    const bucket = requestBucket(parsed.data);
    try {
      await rateLimits.reserve([{ bucket, rule: resetRequestRule }], now);
    } catch (error) {
      // rate-limited answers like every other request: nothing tells which emails exist
      if (error instanceof TooManyAttemptsError) return true;
      throw error;
    }

    const identity = await dataSource.getRepository(Identity).findOneBy({ email: parsed.data });
    if (!identity?.passwordHash) return true;
    const token = await dataSource.transaction(async (manager) => {
      const issued = await linkTokens.issue(
        LinkPurpose.PASSWORD_RESET,
        identity.id,
        null,
        linkLifetimes.PASSWORD_RESET,
        manager,
        now,
      );
      await this.recordForLogin(manager, identity.id, {
        action: 'auth.password_reset_requested',
        ip: meta.ip,
      });
      return issued;
    });
    const link = `${this.deps.config.publicUrl}/reset-password/${token}`;
    // not awaited: the answer's timing must not tell whether the email exists
    void this.deps.mail.notify({
      to: identity.email,
      ...passwordResetMail({ link, expiresInMinutes: linkLifetimes.PASSWORD_RESET / 60_000 }),
    });
    return true;
  }

  /** Sets a new password through a reset link and signs the login out everywhere. */
  async resetPassword(
    token: string,
    password: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<true> {
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'password'));
    const { dataSource, linkTokens } = this.deps;
    // cheap check first: an invalid link costs no argon2 hash
    await linkTokens.peek(LinkPurpose.PASSWORD_RESET, token, undefined, now);
    const passwordHash = await hashPassword(parsed.data);

    await dataSource.transaction(async (manager) => {
      const link = await linkTokens.consume(LinkPurpose.PASSWORD_RESET, token, manager, now);
      const identityId = link.identityId;
      await manager.update(Identity, { id: identityId }, { passwordHash });
      await manager.update(
        Identity,
        { id: identityId, emailVerifiedAt: IsNull() },
        { emailVerifiedAt: now },
      );
      // other reset links of this login are now pointless
      await manager.update(
        LinkToken,
        { identityId, purpose: LinkPurpose.PASSWORD_RESET, usedAt: IsNull() },
        { usedAt: now },
      );
      await this.deps.sessions.revokeSessionsOfIdentity(identityId, manager);
      // a browser remembered on the old password's word is not one on the new one's
      const forgotten = await this.deps.rememberedDevices.forgetForLogin(manager, identityId);
      await this.recordForLogin(manager, identityId, {
        action: 'auth.password_reset',
        ip: meta.ip,
        details: forgotten > 0 ? { rememberedBrowsersForgotten: forgotten } : null,
      });
    });
    return true;
  }

  /** A password reset belongs to the login's own security activity, no tenant's audit log. */
  private async recordForLogin(
    manager: EntityManager,
    identityId: string,
    entry: Pick<AuditEntry, 'action' | 'ip' | 'details'>,
  ): Promise<void> {
    await this.deps.audit.record(
      {
        ...entry,
        accountId: null,
        actorIdentityId: identityId,
        targetType: 'Identity',
        targetId: identityId,
      },
      manager,
    );
  }
}
