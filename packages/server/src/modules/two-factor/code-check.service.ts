import { ErrorReason } from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Secrets } from '../../crypto/keys';
import { ConflictError } from '../../errors';
import { type Caller, requireProfile } from '../auth/caller';
import { verifyTotp } from './authenticator/totp';
import { hashBackupCode, normalizeBackupCode } from './backup-codes/backup-codes';
import type { LockoutService } from './lockout.service';
import { InvalidCodeError } from './two-factor.errors';
import { AuthenticatorFactor, BackupCode, FactorStatus } from './two-factor.entities';

/** The outcome of checking one code: its value when right, why not when wrong. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; reason?: ErrorReason };

const wrong = { ok: false } as const;
const notEnrolled = { ok: false, reason: ErrorReason.NOT_ENROLLED } as const;

/**
 * Checking the codes a user types (DESIGN §6): every check goes through `attempt`, counted in the
 * lockout before it runs. Codes are used up by one conditional UPDATE each, so of two requests
 * (or instances) seeing the same code, one accepts it.
 */
export class CodeCheckService {
  constructor(
    private readonly deps: { dataSource: DataSource; secrets: Secrets; lockout: LockoutService },
  ) {}

  /**
   * One code attempt: reserved in the lockout (throws TOO_MANY_ATTEMPTS when locked), checked,
   * and given back only when right; returns the check's value. Anything thrown by `check`
   * leaves the attempt counted (fails closed).
   */
  async attempt<T>(userId: string, now: Date, check: () => Promise<CheckResult<T>>): Promise<T> {
    const reservation = await this.deps.lockout.reserve(userId, now);
    const result = await check();
    if (!result.ok) throw new InvalidCodeError(result.reason ?? null);
    await this.deps.lockout.succeeded(reservation);
    return result.value;
  }

  /**
   * Checks a current authenticator code of the caller's own profile (e.g. an administrator
   * confirming a reset). Counts in the lockout, uses the step up; throws INVALID_CODE or
   * TOO_MANY_ATTEMPTS.
   */
  async checkCurrentCode(caller: Caller, code: string, now = new Date()): Promise<void> {
    const user = requireProfile(caller);
    await this.attempt(user.id, now, () => this.authenticatorCode(user.id, code, now));
  }

  /** CONFLICT unless the profile has a confirmed authenticator (before spending an attempt). */
  async assertAuthenticatorActive(userId: string): Promise<void> {
    const exists = await this.deps.dataSource
      .getRepository(AuthenticatorFactor)
      .existsBy({ userId, status: FactorStatus.ACTIVE });
    if (!exists) {
      throw new ConflictError('Two-factor authentication is not set up', ErrorReason.NOT_ENROLLED);
    }
  }

  /** A TOTP code of the ACTIVE factor, accepted only for a step later than any used before. */
  async authenticatorCode(userId: string, code: string, now: Date): Promise<CheckResult<void>> {
    const factor = await this.deps.dataSource
      .getRepository(AuthenticatorFactor)
      .findOneBy({ userId, status: FactorStatus.ACTIVE });
    if (!factor) return notEnrolled;
    const step = this.validStep(factor, code, now);
    if (step === null) return wrong;
    const used = await this.useStep(this.deps.dataSource.manager, factor, step);
    return used ? { ok: true, value: undefined } : wrong;
  }

  /** The step `code` is valid for on `factor`, if later than its last used one; else null. */
  validStep(factor: AuthenticatorFactor, code: string, now: Date): number | null {
    const result = verifyTotp(this.deps.secrets.box.open(factor.secretSealed), code, now, {
      afterStep: factor.lastUsedStep,
    });
    return result.valid ? result.step : null;
  }

  /**
   * Records `step` as used on `factor` (in its current status), only if it is later than the
   * stored one: the check and the write are one statement, so two requests (or instances)
   * cannot both accept the same step.
   */
  async useStep(
    manager: EntityManager,
    factor: Pick<AuthenticatorFactor, 'id' | 'status'>,
    step: number,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(AuthenticatorFactor)
      .set({ lastUsedStep: step })
      .where('id = :factorId AND status = :status', { factorId: factor.id, status: factor.status })
      .andWhere('(lastUsedStep IS NULL OR lastUsedStep < :step)', { step })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A backup code, used up by one conditional UPDATE; its value is how many are left. */
  async backupCode(userId: string, code: string, now: Date): Promise<CheckResult<number>> {
    const normalized = normalizeBackupCode(code);
    if (normalized === null) return wrong;
    const codeHash = hashBackupCode(normalized, this.deps.secrets.backupCodePepper);
    const repository = this.deps.dataSource.getRepository(BackupCode);
    const result = await repository.update({ userId, codeHash, usedAt: IsNull() }, { usedAt: now });
    if ((result.affected ?? 0) === 0) return wrong;
    return { ok: true, value: await repository.countBy({ userId, usedAt: IsNull() }) };
  }
}
