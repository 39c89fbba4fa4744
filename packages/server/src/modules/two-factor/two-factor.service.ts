import { Enforcement, ErrorReason, SecondFactorKind } from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { ConflictError, DomainError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { SessionDescription } from '../auth/session-view.service';
import {
  auditOwnProfile,
  type Caller,
  type CallerChange,
  type RequestMeta,
  requireProfile,
} from '../auth/caller';
import type { MailService } from '../mail/mail.service';
import { backupCodeUsedMail, twoFactorDisabledMail } from '../mail/templates';
import { namesOf, notifyCaller } from './notify';
import { forgottenDetail, remembersAfter } from '../remembered-device/remembered-device-rules';
import type {
  DeviceCookie,
  RememberedDeviceService,
} from '../remembered-device/remembered-device.service';
import { Session } from '../session/session.entity';
import type { User } from '../user/user.entity';
import type { CodeCheckService, VerifiedCode } from './code-check.service';
import { acceptedSecondFactors, effectiveEnforcement } from './status/facts';
import type { FactorRef } from './factor-ids';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from './two-factor.entities';
import { PasskeyFactor } from './passkey/passkey.entities';

/**
 * A profile's own two-factor operations (docs/design.md, Sign-in stages and Second-factor rules): the second-factor step of sign-in and
 * turning optional 2FA off. Enrollment and backup codes have services of their own; every code
 * goes through `CodeCheckService.attempt`.
 */
export class TwoFactorService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      sessions: SessionService;
      mail: MailService;
      codes: CodeCheckService;
      rememberedDevices: RememberedDeviceService;
    },
  ) {}

  /**
   * The SECOND_FACTOR step: a code of one of the profile's methods, or a backup code. With
   * `rememberBrowser`, where the profile's type allows it and the session is a browser's, the
   * browser is remembered (docs/design.md, Remembered browsers) and `deviceCookie` is the cookie
   * to set; otherwise `rememberBrowser` is ignored and `deviceCookie` is null.
   */
  async verifySecondFactor(
    caller: Caller,
    kind: SecondFactorKind,
    code: string,
    meta: RequestMeta,
    options: { rememberBrowser?: boolean } = {},
    now = new Date(),
  ): Promise<{ change: CallerChange<SessionDescription>; deviceCookie: DeviceCookie | null }> {
    const user = requireProfile(caller);
    const { codes, dataSource, audit } = this.deps;
    let verified: VerifiedCode;
    try {
      verified = await codes.attempt(
        user.id,
        now,
        kind,
        () =>
          // a method the profile does not hold (or its policy no longer allows) still counts;
          // a phishing-resistant-only type takes a passkey once one is held (docs/design.md, Passkeys)
          kind === SecondFactorKind.BACKUP_CODE ||
          (caller.facts && acceptedSecondFactors(caller.facts).includes(kind))
            ? codes.codeOf(kind, user.id, code, now, caller.session.id)
            : Promise.resolve({ ok: false, reason: ErrorReason.NOT_ENROLLED }),
        caller.guard,
      );
    } catch (error) {
      if (error instanceof DomainError) {
        await audit.record({
          ...auditOwnProfile(caller, meta),
          action: 'auth.second_factor_failed',
          details: { kind, code: error.code },
        });
      }
      throw error;
    }

    const remaining = verified.backupCodesRemaining;
    // a factor the profile held before this session: login assurance too, when it vouches
    const heldFactorVerifiedAt = verified.vouchesForLogin ? now : null;
    const sessions = dataSource.getRepository(Session);
    const marks = { secondFactorVerifiedAt: now, heldFactorVerifiedAt };
    // of verifications of one session at once, the first to mark it remembers the browser
    const first =
      ((await sessions.update({ id: caller.session.id, secondFactorVerifiedAt: IsNull() }, marks))
        .affected ?? 0) > 0;
    if (!first) await sessions.update({ id: caller.session.id }, marks);
    caller.session.secondFactorVerifiedAt = now;
    caller.session.heldFactorVerifiedAt = heldFactorVerifiedAt;
    await audit.record({
      ...auditOwnProfile(caller, meta),
      action: 'auth.second_factor_verified',
      details: { kind, ...(remaining === null ? {} : { backupCodesRemaining: remaining }) },
    });
    const deviceCookie =
      first &&
      options.rememberBrowser === true &&
      remembersAfter(kind, caller.policy?.phishingResistantOnly ?? false)
        ? await this.deps.rememberedDevices.remember(caller, meta, now)
        : null;
    if (remaining !== null) {
      await notifyCaller(
        this.deps.mail,
        caller,
        backupCodeUsedMail({ ...namesOf(caller), remaining }),
      );
    }
    return { change: await this.deps.sessions.verified(caller, remaining, now), deviceCookie };
  }

  /** Turns 2FA off (every method) where it is optional; needs a current code of any method. */
  async disableTwoFactor(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const user = requireProfile(caller);
    const { codes, dataSource, audit } = this.deps;
    if (caller.facts && effectiveEnforcement(caller.facts) === Enforcement.REQUIRED) {
      throw new ConflictError(
        'two-factor authentication is required for you',
        ErrorReason.TWO_FACTOR_REQUIRED,
      );
    }
    const used = await codes.checkCurrentCode(caller, code, now);
    await dataSource.transaction(async (manager) => {
      const browsersForgotten = await this.removeAllFactors(user.id, manager);
      await audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'two_factor.disabled',
          details: {
            methods: caller.facts?.methods ?? [],
            confirmedWith: used.kind,
            ...forgottenDetail(browsersForgotten),
          },
        },
        manager,
      );
    });
    await notifyCaller(this.deps.mail, caller, twoFactorDisabledMail(namesOf(caller)));
    return user;
  }

  /**
   * Deletes the confirmed factors `refs` of a profile (pass the transaction's manager); false
   * when one of them is not (or no longer) the profile's, so the caller rolls back. When nothing
   * confirmed is left, the profile's pending enrollments, backup codes and lockout go too: a
   * profile without a factor sets up anew, like after a full reset. A factor removed forgets
   * the profile's remembered browsers (docs/design.md, Remembered browsers).
   */
  async removeFactors(
    userId: string,
    refs: readonly FactorRef[],
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<{ removed: boolean; nothingLeft: boolean; browsersForgotten: number }> {
    for (const ref of refs) {
      const result = await this.removeFactor(userId, ref, manager);
      if ((result.affected ?? 0) === 0) {
        return { removed: false, nothingLeft: false, browsersForgotten: 0 };
      }
    }
    const left =
      (await manager.countBy(AuthenticatorFactor, { userId, status: FactorStatus.ACTIVE })) +
      (await manager.countBy(SmsFactor, { userId, status: FactorStatus.ACTIVE })) +
      (await manager.countBy(PinFactor, { userId })) +
      (await manager.countBy(PasskeyFactor, { userId }));
    const browsersForgotten =
      left === 0
        ? await this.removeAllFactors(userId, manager)
        : await this.deps.rememberedDevices.forgetForProfiles(manager, [userId]);
    return { removed: true, nothingLeft: left === 0, browsersForgotten };
  }

  private removeFactor(userId: string, ref: FactorRef, manager: EntityManager) {
    switch (ref.kind) {
      case SecondFactorKind.AUTHENTICATOR_APP:
        return manager.delete(AuthenticatorFactor, {
          id: ref.rowId,
          userId,
          status: FactorStatus.ACTIVE,
        });
      case SecondFactorKind.SMS:
        return manager.delete(SmsFactor, { id: ref.rowId, userId, status: FactorStatus.ACTIVE });
      // one PIN and one set of backup codes per profile: their id is the profile's
      case SecondFactorKind.PIN:
        return ref.rowId === userId
          ? manager.delete(PinFactor, { userId })
          : Promise.resolve({ affected: 0 });
      case SecondFactorKind.PASSKEY:
        return manager.delete(PasskeyFactor, { id: ref.rowId, userId });
      case SecondFactorKind.BACKUP_CODE:
        return ref.rowId === userId
          ? manager.delete(BackupCode, { userId })
          : Promise.resolve({ affected: 0 });
    }
  }

  /**
   * Deletes every factor, backup code, the lockout and the remembered browsers of a profile (pass
   * the transaction's manager); answers how many remembered browsers were forgotten.
   */
  async removeAllFactors(
    userId: string,
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<number> {
    await manager.delete(AuthenticatorFactor, { userId });
    await manager.delete(SmsFactor, { userId });
    await manager.delete(PinFactor, { userId });
    await manager.delete(PasskeyFactor, { userId });
    await manager.delete(BackupCode, { userId });
    await manager.delete(SecondFactorGuard, { userId });
    return this.deps.rememberedDevices.forgetForProfiles(manager, [userId]);
  }
}
