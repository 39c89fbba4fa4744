import {
  Enforcement,
  SecondFactorKind,
  TwoFactorMethod,
  TwoFactorRequirement,
} from '@twofold/shared';
import type { Logger } from 'pino';
import { toDataURL } from 'qrcode';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Secrets } from '../../crypto/keys';
import { isUniqueViolation } from '../../db/unique-violation';
import { BadInputError, ConflictError, DomainError, ForbiddenError } from '../../errors';
import type { Account } from '../account/account.entity';
import type { AuditService } from '../audit/audit.service';
import type { AuthService, Caller, RequestMeta, SessionDescription } from '../auth/auth.service';
import { effectiveEnforcement } from '../auth/stage';
import {
  invalidLinkMessage,
  LinkPurpose,
  type LinkTokenService,
} from '../link-token/link-token.service';
import type { MailService } from '../mail/mail.service';
import {
  backupCodeUsedMail,
  type MailContent,
  twoFactorDisabledMail,
  twoFactorEnabledMail,
} from '../mail/templates';
import { Session } from '../session/session.entity';
import type { User } from '../user/user.entity';
import {
  BACKUP_CODE_COUNT,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
} from './backup-codes';
import type { LockoutService } from './lockout.service';
import { generateTotpSecret, manualEntryKey, otpauthUri, verifyTotp } from './totp';
import { InvalidCodeError, notSetUpMessage } from './two-factor.errors';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  SecondFactorGuard,
} from './two-factor.entities';

export interface AuthenticatorEnrollmentView {
  otpauthUri: string;
  qrCodeDataUrl: string;
  manualEntryKey: string;
}

export interface EnrollmentOutcome {
  /** Shown once; empty when the profile still had unused codes. */
  backupCodes: string[];
  /** The caller rebuilt after the change (the resolver hands it to the request context). */
  caller: Caller;
  session: SessionDescription;
}

export interface VerificationOutcome {
  caller: Caller;
  session: SessionDescription;
}

/** The outcome of checking one code; a failure's message is what the user reads. */
type CheckResult = { ok: true } | { ok: false; message?: string };

type Profile = User & { account: Account };

/** The one answer for an unknown, expired, used or someone else's enrollment link. */
function invalidEnrollmentLink(): BadInputError {
  const error = new BadInputError([{ field: 'linkToken', message: invalidLinkMessage }]);
  error.message = invalidLinkMessage;
  return error;
}

/**
 * Authenticator apps, backup codes and the second-factor step (DESIGN §5, §6). Every code a user
 * types goes through `attempt`: counted in the lockout before it is checked. Codes are used up by
 * one conditional UPDATE each, so of two instances seeing the same code, one accepts it.
 */
export class TwoFactorService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      logger: Logger;
      secrets: Secrets;
      audit: AuditService;
      auth: AuthService;
      mail: MailService;
      linkTokens: LinkTokenService;
      lockout: LockoutService;
    },
  ) {}

  private get dataSource(): DataSource {
    return this.deps.dataSource;
  }

  // ---------------------------------------------------------------- used by the admin side

  /**
   * Checks a current authenticator code of the caller's own profile (e.g. an administrator
   * confirming a reset). Counts in the lockout, uses the step up; throws INVALID_CODE or
   * TOO_MANY_ATTEMPTS.
   */
  async checkCurrentCode(caller: Caller, code: string, now = new Date()): Promise<void> {
    const user = this.profileOf(caller);
    await this.attempt(user.id, now, () => this.useAuthenticatorCode(user.id, code, now));
  }

  /** Deletes every factor, backup code and the lockout of a profile (pass the transaction's manager). */
  async removeAllFactors(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.delete(AuthenticatorFactor, { userId });
    await manager.delete(BackupCode, { userId });
    await manager.delete(SecondFactorGuard, { userId });
  }

  // ---------------------------------------------------------------- enrollment

  /**
   * Starts (or restarts) linking an authenticator app: a new 160-bit secret, sealed, in the
   * profile's PENDING factor. Without a link only a profile that may use the app and has none
   * yet; an enrollment link (from an administrator) also allows replacing a working one.
   */
  async beginAuthenticatorEnrollment(
    caller: Caller,
    linkToken: string | null | undefined,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<AuthenticatorEnrollmentView> {
    const user = this.profileOf(caller);
    const viaLink = linkToken !== null && linkToken !== undefined;
    if (viaLink) {
      // checked before using the link up: someone else's link must stay usable for its owner
      await this.ownLink(caller, linkToken, undefined, now);
    } else {
      this.assertMayEnrollOnOwn(caller);
    }

    const secret = generateTotpSecret();
    const secretSealed = this.deps.secrets.box.seal(secret);
    await this.dataSource
      .transaction(async (manager) => {
        if (viaLink) await this.ownLink(caller, linkToken, manager, now, true);
        // beginning again replaces the pending secret: an unconfirmed QR code stops working
        await manager.delete(AuthenticatorFactor, {
          userId: user.id,
          status: FactorStatus.PENDING,
        });
        await manager.insert(
          AuthenticatorFactor,
          manager.create(AuthenticatorFactor, {
            userId: user.id,
            secretSealed,
            status: FactorStatus.PENDING,
            lastUsedStep: null,
            createdAt: now,
            confirmedAt: null,
          }),
        );
        await this.deps.audit.record(
          {
            ...this.actorOf(caller, meta),
            action: 'two_factor.enrollment_started',
            details: { method: TwoFactorMethod.AUTHENTICATOR_APP, viaLink },
          },
          manager,
        );
      })
      .catch((error: unknown) => {
        // two begins raced for the one PENDING slot: the other one's secret stands
        if (isUniqueViolation(error)) {
          throw new ConflictError('An enrollment was started at the same time; start again');
        }
        throw error;
      });

    const uri = otpauthUri({ issuer: user.account.name, label: caller.identity.email, secret });
    return {
      otpauthUri: uri,
      qrCodeDataUrl: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 256 }),
      manualEntryKey: manualEntryKey(secret),
    };
  }

  /**
   * Confirms the PENDING factor with its first code (which is then used up): it becomes the
   * ACTIVE one (replacing an earlier one), backup codes are issued when none are left, and the
   * session counts as past its second factor.
   */
  async confirmAuthenticatorEnrollment(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<EnrollmentOutcome> {
    const user = this.profileOf(caller);
    const pending = await this.dataSource
      .getRepository(AuthenticatorFactor)
      .findOneBy({ userId: user.id, status: FactorStatus.PENDING });
    if (!pending) {
      throw new ConflictError('No enrollment is waiting: call beginAuthenticatorEnrollment first');
    }

    let backupCodes: string[] = [];
    let replaced = false;
    await this.attempt(user.id, now, async () => {
      const result = verifyTotp(this.deps.secrets.box.open(pending.secretSealed), code, now, {
        afterStep: pending.lastUsedStep,
      });
      if (!result.valid) return { ok: false };
      return this.dataSource.transaction(async (manager): Promise<CheckResult> => {
        // the confirming code is used up too; of two concurrent confirmations one wins
        if (!(await this.useStep(manager, pending.id, FactorStatus.PENDING, result.step))) {
          return { ok: false };
        }
        const previous = await manager.delete(AuthenticatorFactor, {
          userId: user.id,
          status: FactorStatus.ACTIVE,
        });
        replaced = (previous.affected ?? 0) > 0;
        await manager.update(
          AuthenticatorFactor,
          { id: pending.id },
          { status: FactorStatus.ACTIVE, confirmedAt: now },
        );
        const unused = await manager.countBy(BackupCode, { userId: user.id, usedAt: IsNull() });
        if (unused === 0) backupCodes = await this.replaceBackupCodes(manager, user.id, now);
        await manager.update(Session, { id: caller.session.id }, { secondFactorVerifiedAt: now });
        await this.deps.audit.record(
          {
            ...this.actorOf(caller, meta),
            action: 'two_factor.enabled',
            details: {
              method: TwoFactorMethod.AUTHENTICATOR_APP,
              replaced,
              backupCodesIssued: backupCodes.length,
            },
          },
          manager,
        );
        return { ok: true };
      });
    });

    caller.session.secondFactorVerifiedAt = now;
    await this.notify(caller, twoFactorEnabledMail({ ...this.namesOf(user), replaced }));
    const next = await this.deps.auth.refresh(caller, now);
    return { backupCodes, caller: next, session: await this.deps.auth.describe(next) };
  }

  // ---------------------------------------------------------------- sign-in

  /** The SECOND_FACTOR step: a code of the authenticator app or a backup code. */
  async verifySecondFactor(
    caller: Caller,
    kind: SecondFactorKind,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<VerificationOutcome> {
    const user = this.profileOf(caller);
    let remaining: number | null = null;
    try {
      await this.attempt(user.id, now, async () => {
        switch (kind) {
          case SecondFactorKind.AUTHENTICATOR_APP:
            return this.useAuthenticatorCode(user.id, code, now);
          case SecondFactorKind.BACKUP_CODE: {
            const used = await this.useBackupCode(user.id, code, now);
            if (used.ok) remaining = used.remaining;
            return used;
          }
          default:
            // SMS and PIN come later; the attempt still counts, so probing them buys nothing
            return { ok: false, message: notSetUpMessage };
        }
      });
    } catch (error) {
      if (error instanceof DomainError) {
        await this.deps.audit.record({
          ...this.actorOf(caller, meta),
          action: 'auth.second_factor_failed',
          details: { kind, code: error.code },
        });
      }
      throw error;
    }

    await this.dataSource
      .getRepository(Session)
      .update({ id: caller.session.id }, { secondFactorVerifiedAt: now });
    caller.session.secondFactorVerifiedAt = now;
    await this.deps.audit.record({
      ...this.actorOf(caller, meta),
      action: 'auth.second_factor_verified',
      details: { kind, ...(remaining === null ? {} : { backupCodesRemaining: remaining }) },
    });
    if (remaining !== null) {
      await this.notify(caller, backupCodeUsedMail({ ...this.namesOf(user), remaining }));
    }
    const next = await this.deps.auth.refresh(caller, now);
    return { caller: next, session: await this.deps.auth.describe(next) };
  }

  // ---------------------------------------------------------------- own profile

  /** Voids every backup code and returns ten new ones; needs a current authenticator code. */
  async regenerateBackupCodes(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<string[]> {
    const user = this.profileOf(caller);
    await this.assertHasFactor(user.id);
    await this.attempt(user.id, now, () => this.useAuthenticatorCode(user.id, code, now));
    return this.dataSource.transaction(async (manager) => {
      const codes = await this.replaceBackupCodes(manager, user.id, now);
      await this.deps.audit.record(
        { ...this.actorOf(caller, meta), action: 'two_factor.backup_codes_regenerated' },
        manager,
      );
      return codes;
    });
  }

  /** Turns 2FA off for the caller's profile where it is optional; needs a current code. */
  async disableTwoFactor(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const user = this.profileOf(caller);
    if (caller.facts && effectiveEnforcement(caller.facts) === Enforcement.REQUIRED) {
      throw new ConflictError('two-factor authentication is required for you');
    }
    await this.assertHasFactor(user.id);
    await this.attempt(user.id, now, () => this.useAuthenticatorCode(user.id, code, now));
    await this.dataSource.transaction(async (manager) => {
      await this.removeAllFactors(user.id, manager);
      await this.deps.audit.record(
        {
          ...this.actorOf(caller, meta),
          action: 'two_factor.disabled',
          details: { method: TwoFactorMethod.AUTHENTICATOR_APP },
        },
        manager,
      );
    });
    await this.notify(caller, twoFactorDisabledMail(this.namesOf(user)));
    return user;
  }

  // ---------------------------------------------------------------- internals

  /**
   * One code attempt: reserved in the lockout (throws TOO_MANY_ATTEMPTS when locked), checked,
   * and given back only when right. Anything thrown by `check` leaves it counted (fails closed).
   */
  private async attempt(
    userId: string,
    now: Date,
    check: () => Promise<CheckResult>,
  ): Promise<void> {
    const reservation = await this.deps.lockout.reserve(userId, now);
    const result = await check();
    if (!result.ok) throw new InvalidCodeError(result.message);
    await this.deps.lockout.succeeded(reservation);
  }

  /** A TOTP code of the ACTIVE factor, accepted only for a step later than any used before. */
  private async useAuthenticatorCode(
    userId: string,
    code: string,
    now: Date,
  ): Promise<CheckResult> {
    const factor = await this.dataSource
      .getRepository(AuthenticatorFactor)
      .findOneBy({ userId, status: FactorStatus.ACTIVE });
    if (!factor) return { ok: false, message: notSetUpMessage };
    const result = verifyTotp(this.deps.secrets.box.open(factor.secretSealed), code, now, {
      afterStep: factor.lastUsedStep,
    });
    if (!result.valid) return { ok: false };
    const used = await this.useStep(
      this.dataSource.manager,
      factor.id,
      FactorStatus.ACTIVE,
      result.step,
    );
    return used ? { ok: true } : { ok: false };
  }

  /**
   * Records `step` as used, only if it is later than the stored one: the check and the write are
   * one statement, so two requests (or instances) cannot both accept the same step.
   */
  private async useStep(
    manager: EntityManager,
    factorId: string,
    status: FactorStatus,
    step: number,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(AuthenticatorFactor)
      .set({ lastUsedStep: step })
      .where('id = :factorId AND status = :status', { factorId, status })
      .andWhere('(lastUsedStep IS NULL OR lastUsedStep < :step)', { step })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A backup code, used up by one conditional UPDATE; reports how many are left. */
  private async useBackupCode(
    userId: string,
    code: string,
    now: Date,
  ): Promise<{ ok: true; remaining: number } | { ok: false }> {
    const normalized = normalizeBackupCode(code);
    if (normalized === null) return { ok: false };
    const codeHash = hashBackupCode(normalized, this.deps.secrets.backupCodePepper);
    const result = await this.dataSource
      .getRepository(BackupCode)
      .update({ userId, codeHash, usedAt: IsNull() }, { usedAt: now });
    if ((result.affected ?? 0) === 0) return { ok: false };
    const remaining = await this.dataSource
      .getRepository(BackupCode)
      .countBy({ userId, usedAt: IsNull() });
    return { ok: true, remaining };
  }

  /** Deletes the profile's codes and stores ten new ones (hashed); returns them for display. */
  private async replaceBackupCodes(
    manager: EntityManager,
    userId: string,
    now: Date,
  ): Promise<string[]> {
    const codes = generateBackupCodes(BACKUP_CODE_COUNT);
    const pepper = this.deps.secrets.backupCodePepper;
    await manager.delete(BackupCode, { userId });
    await manager.insert(
      BackupCode,
      codes.map((shown) =>
        manager.create(BackupCode, {
          userId,
          codeHash: hashBackupCode(normalizeBackupCode(shown) ?? '', pepper),
          usedAt: null,
          createdAt: now,
        }),
      ),
    );
    return codes;
  }

  /** Without a link: DESIGN §6 "where the user type's enforcement is OPTIONAL, users enable 2FA themselves". */
  private assertMayEnrollOnOwn(caller: Caller): void {
    if (caller.twoFactor?.hasActiveFactor ?? caller.facts?.hasActiveFactor) {
      throw new ConflictError('An authenticator app is already linked to your profile');
    }
    const facts = caller.facts;
    if (!facts || effectiveEnforcement(facts) === Enforcement.OFF) {
      throw new ForbiddenError('Two-factor authentication is off for your user type');
    }
    const individuallyRequired = facts.requirement === TwoFactorRequirement.REQUIRED;
    const allowed = caller.policy?.allowedMethods ?? [];
    if (!individuallyRequired && !allowed.includes(TwoFactorMethod.AUTHENTICATOR_APP)) {
      throw new ForbiddenError('Authenticator apps are not allowed for your user type');
    }
  }

  /**
   * The enrollment link, checked to belong to the caller's profile; with `consume`, used up in
   * `manager`'s transaction. Every failure is the same invalid-link answer on `linkToken`.
   */
  private async ownLink(
    caller: Caller,
    token: string,
    manager: EntityManager | undefined,
    now: Date,
    consume = false,
  ): Promise<void> {
    const user = this.profileOf(caller);
    let link;
    try {
      link =
        consume && manager
          ? await this.deps.linkTokens.consume(LinkPurpose.ENROLLMENT, token, manager, now)
          : await this.deps.linkTokens.peek(LinkPurpose.ENROLLMENT, token, manager, now);
    } catch (error) {
      if (error instanceof BadInputError) throw invalidEnrollmentLink();
      throw error;
    }
    // thrown inside the transaction, this gives a consumed link back
    if (link.userId !== user.id || link.identityId !== caller.identity.id) {
      throw invalidEnrollmentLink();
    }
  }

  private async assertHasFactor(userId: string): Promise<void> {
    const exists = await this.dataSource
      .getRepository(AuthenticatorFactor)
      .existsBy({ userId, status: FactorStatus.ACTIVE });
    if (!exists) throw new ConflictError('Two-factor authentication is not set up');
  }

  private profileOf(caller: Caller): Profile {
    // the guard lets only sessions with a selected profile reach these operations
    if (!caller.user) throw new ForbiddenError('Select a profile first');
    return caller.user;
  }

  private actorOf(caller: Caller, meta: RequestMeta) {
    const user = this.profileOf(caller);
    return {
      accountId: user.accountId,
      actorUserId: user.id,
      actorIdentityId: user.identityId,
      targetType: 'User',
      targetId: user.id,
      ip: meta.ip,
    };
  }

  private namesOf(user: Profile): { displayName: string; accountName: string } {
    return { displayName: user.displayName, accountName: user.account.name };
  }

  /** Security notices go out after the commit; a mail failure never undoes the change. */
  private async notify(caller: Caller, content: MailContent): Promise<void> {
    const user = this.profileOf(caller);
    await this.deps.mail.notify({ to: caller.identity.email, ...content }, { userId: user.id });
  }
}
