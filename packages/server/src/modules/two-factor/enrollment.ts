import { Enforcement, ErrorReason, TwoFactorMethod } from '@twofold/shared';
import { type EntityManager, IsNull } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { SessionService } from '../auth/session.service';
import type { SessionDescription } from '../auth/session-view.service';
import {
  auditOwnProfile,
  type Caller,
  CallerChange,
  type RequestMeta,
  requireProfile,
} from '../auth/caller';
import type { MailService } from '../mail/mail.service';
import { type MailContent, twoFactorEnabledMail } from '../mail/templates';
import { Session } from '../session/session.entity';
import type { LoginAssuranceService } from '../auth/login-assurance.service';
import type { BackupCodeService } from './backup-codes/backup-codes.service';
import { isUniqueViolation } from '../../db/unique-violation';
import { ConflictError, ForbiddenError } from '../../errors';
import { namesOf, notifyCaller } from './notify';
import { effectiveEnforcement } from './status/facts';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  SmsFactor,
} from './two-factor.entities';

export interface EnrollmentOutcome {
  /** Shown once; empty when the profile still had unused codes. */
  backupCodes: string[];
  session: SessionDescription;
}

/**
 * What every method's enrollment does once its factor is in place (docs/design.md, Second-factor rules), so the
 * authenticator, SMS and PIN agree: backup codes when none are left, the session counted as past
 * its second factor, one audit event — in the caller's transaction — then, after the commit, the
 * notice mail and the caller rebuilt for the rest of the request.
 */
export class EnrollmentCompletion {
  constructor(
    private readonly deps: {
      audit: AuditService;
      sessions: SessionService;
      mail: MailService;
      backupCodes: BackupCodeService;
      loginAssurance: LoginAssuranceService;
    },
  ) {}

  /**
   * Whether the factor about to be set up will vouch for the login (docs/design.md,
   * Login assurance): through an administrator's emailed enrollment link, or when the session verified
   * a vouching factor, or while the login holds no factor at all. Asked before the enrollment's
   * transaction, which changes the answer.
   */
  async vouches(caller: Caller, viaLink = false): Promise<boolean> {
    return viaLink || (await this.deps.loginAssurance.newFactorVouches(caller));
  }

  /** Inside the enrollment's transaction; returns the backup codes to show (maybe none). */
  async record(
    manager: EntityManager,
    caller: Caller,
    meta: RequestMeta,
    now: Date,
    details: { method: TwoFactorMethod; replaced: boolean } & Record<string, unknown>,
    vouches: boolean,
  ): Promise<string[]> {
    const userId = requireProfile(caller).id;
    // the factor just confirmed: whether verifying it later gives login assurance
    const confirmed = { userId, status: FactorStatus.ACTIVE };
    const vouching = { vouchesForLogin: vouches };
    if (details.method === TwoFactorMethod.AUTHENTICATOR_APP) {
      await manager.update(AuthenticatorFactor, confirmed, vouching);
    } else if (details.method === TwoFactorMethod.SMS) {
      await manager.update(SmsFactor, confirmed, vouching);
    } else if (details.method === TwoFactorMethod.PIN) {
      await manager.update(PinFactor, { userId }, vouching);
    }
    // a passkey is inserted with its vouching already: the profile may hold several
    const unused = await manager.countBy(BackupCode, { userId, usedAt: IsNull() });
    const issued = unused === 0 ? await this.deps.backupCodes.replace(manager, userId, now) : [];
    await manager.update(Session, { id: caller.session.id }, { secondFactorVerifiedAt: now });
    await this.deps.audit.record(
      {
        ...auditOwnProfile(caller, meta),
        action: 'two_factor.enabled',
        details: { ...details, backupCodesIssued: issued.length },
      },
      manager,
    );
    return issued;
  }

  /** After the commit: the notice, and the caller as the rest of the request sees it. */
  async finish(
    caller: Caller,
    now: Date,
    backupCodes: string[],
    enabled: { method: TwoFactorMethod; replaced: boolean },
    /** The notice to send instead of the method's "enabled" one. */
    notice?: MailContent,
  ): Promise<CallerChange<EnrollmentOutcome>> {
    caller.session.secondFactorVerifiedAt = now;
    await notifyCaller(
      this.deps.mail,
      caller,
      notice ?? twoFactorEnabledMail({ ...namesOf(caller), ...enabled }),
    );
    const change = await this.deps.sessions.changed(caller, now);
    return new CallerChange(change.caller, { backupCodes, session: change.value });
  }
}

const methodNames: Record<TwoFactorMethod, string> = {
  [TwoFactorMethod.AUTHENTICATOR_APP]: 'An authenticator app',
  [TwoFactorMethod.SMS]: 'A phone number',
  [TwoFactorMethod.PIN]: 'A PIN code',
  [TwoFactorMethod.PASSKEY]: 'A passkey',
};

/**
 * May the caller set up `method` on their own (docs/design.md, Second-factor rules)? Not where 2FA is off for them, not a
 * method their type does not allow, and not a second one of a method they hold (an
 * administrator's enrollment link replaces an authenticator; a PIN is changed with changePin).
 */
export function assertMayEnroll(caller: Caller, method: TwoFactorMethod): void {
  const facts = caller.facts;
  if (facts?.methods.includes(method)) {
    throw new ConflictError(
      `${methodNames[method]} is already set up for your profile`,
      ErrorReason.ALREADY_ENROLLED,
    );
  }
  if (!facts || effectiveEnforcement(facts) === Enforcement.OFF) {
    throw new ForbiddenError(
      'Two-factor authentication is off for your user type',
      ErrorReason.TWO_FACTOR_OFF,
    );
  }
  if (!facts.allowedMethods.includes(method)) {
    throw new ForbiddenError(
      `${methodNames[method]} is not allowed for your user type`,
      ErrorReason.METHOD_NOT_ALLOWED,
    );
  }
}

/** Two begins raced for a profile's one PENDING slot: the other one's secret or number stands. */
export function rethrowConcurrentBegin(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw new ConflictError(
      'An enrollment was started at the same time; start again',
      ErrorReason.CONCURRENT_CHANGE,
    );
  }
  throw error;
}
