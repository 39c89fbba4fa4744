import { ErrorReason, SecondFactorKind, TwoFactorMethod } from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import type { Secrets } from '../../crypto/keys';
import { hashPin, verifyPin } from '../../crypto/pin-hash';
import { ConflictError, TooManyAttemptsError } from '../../errors';
import { type CodeMethod, type CodeOutcome, type MetricsSink, noMetrics } from '../../metrics/sink';
import { type Caller, requireProfile } from '../auth/caller';
import { verifyTotp } from './authenticator/totp';
import { hashBackupCode, normalizeBackupCode } from './backup-codes/backup-codes';
import { attemptsBeforeLock } from './lockout';
import type { LockoutService, Reservation } from './lockout.service';
import type { PasskeyAssertionService } from './passkey/passkey-assertion.service';
import { looksLikePasskeyAnswer } from './passkey/webauthn';
import { plausiblePin } from './pin/pin';
import { hashSmsCode, plausibleSmsCode } from './sms/sms-code';
import {
  type AttemptsLeft,
  InvalidCodeError,
  SecondFactorDisabledError,
} from './two-factor.errors';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  PinFactor,
  type SecondFactorGuard,
  SmsFactor,
} from './two-factor.entities';

/** The outcome of checking one code: its value when right, why not when wrong. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; reason?: ErrorReason };

/** The kind of a current code that was right, and the backup codes left when it was one. */
export interface UsedCode {
  kind: SecondFactorKind;
  backupCodesRemaining: number | null;
}

/**
 * A right code at the second-factor step: the backup codes left when it was one, and whether its
 * factor vouches for the login (docs/design.md, Login assurance; a backup code never does).
 */
export interface VerifiedCode {
  backupCodesRemaining: number | null;
  vouchesForLogin: boolean;
}

const wrong = { ok: false } as const;
const notEnrolled = { ok: false, reason: ErrorReason.NOT_ENROLLED } as const;
/** A right code of a factor: its value says whether that factor vouches for the login. */
const rightOf = (factor: { vouchesForLogin: boolean }) =>
  ({ ok: true, value: factor.vouchesForLogin }) as const;

/**
 * Checking the codes a user types (docs/design.md, Second-factor rules): every check goes through `attempt`, counted in the
 * lockout before it runs. Codes are used up by one conditional UPDATE each, so of two requests
 * (or instances) seeing the same code, one accepts it.
 */
export class CodeCheckService {
  private readonly metrics: MetricsSink;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: Secrets;
      lockout: LockoutService;
      /** Passkey assertions (docs/design.md, Passkeys); without it every one is refused. */
      passkeys?: PasskeyAssertionService;
      metrics?: MetricsSink;
    },
  ) {
    this.metrics = deps.metrics ?? noMetrics;
  }

  /**
   * One code attempt: reserved in the lockout (throws TOO_MANY_ATTEMPTS when locked), checked,
   * and given back only when right; returns the check's value. Anything thrown by `check`
   * leaves the attempt counted (fails closed). `method` labels it in the metrics (a function of
   * the value when only a right code tells which method it was). `guard`: the lockout row as
   * the caller's statement read it, if it did (LockoutService.reserve).
   */
  async attempt<T>(
    userId: string,
    now: Date,
    method: CodeMethod | ((value: T) => CodeMethod),
    check: () => Promise<CheckResult<T>>,
    guard?: SecondFactorGuard | null,
  ): Promise<T> {
    const failedAs = typeof method === 'function' ? 'ANY' : method;
    let reservation: Reservation;
    try {
      reservation = await this.deps.lockout.reserve(userId, now, guard);
    } catch (error) {
      this.metrics.secondFactor(failedAs, refusalOf(error));
      throw error;
    }
    let result: CheckResult<T>;
    try {
      result = await check();
    } catch (error) {
      this.failed(reservation, failedAs, 'error');
      throw error;
    }
    if (!result.ok) {
      this.failed(
        reservation,
        failedAs,
        result.reason === ErrorReason.NOT_ENROLLED ? 'not_enrolled' : 'invalid',
      );
      throw new InvalidCodeError(result.reason ?? null, attemptsLeft(reservation, now));
    }
    await this.deps.lockout.succeeded(reservation);
    this.metrics.secondFactor(
      typeof method === 'function' ? method(result.value) : method,
      'success',
    );
    return result.value;
  }

  /** A counted attempt that was not right: the lock or disable it reserved now stands. */
  private failed(reservation: Reservation, method: CodeMethod, outcome: CodeOutcome): void {
    this.metrics.secondFactor(method, outcome);
    if (reservation.imposes) this.metrics.lockout(reservation.imposes);
  }

  /**
   * Checks a current code of any of the caller's own methods — authenticator, SMS, PIN, a backup
   * code, or a passkey's answer (JSON, to a challenge of this session from
   * beginPasskeyAuthentication) — as one attempt in the lockout (e.g. regenerating backup codes,
   * disabling 2FA, an administrator confirming a reset). Throws CONFLICT when nothing is set up,
   * else INVALID_CODE (with a passkey's refusal reason) or TOO_MANY_ATTEMPTS; the code is used up.
   */
  async checkCurrentCode(caller: Caller, code: string, now = new Date()): Promise<UsedCode> {
    const user = requireProfile(caller);
    const methods = caller.facts?.methods ?? [];
    if (methods.length === 0) {
      throw new ConflictError('Two-factor authentication is not set up', ErrorReason.NOT_ENROLLED);
    }
    // which method a right code was of is known only once it is found
    const usedKind = (used: UsedCode) => used.kind;
    return this.attempt(user.id, now, usedKind, async (): Promise<CheckResult<UsedCode>> => {
      // a passkey's answer is JSON, never a typed code (docs/design.md, Passkeys)
      if (looksLikePasskeyAnswer(code)) {
        if (!methods.includes(TwoFactorMethod.PASSKEY)) return notEnrolled;
        const passkey = await this.passkeyAssertion(user.id, caller.session.id, code, now);
        return passkey.ok
          ? { ok: true, value: { kind: SecondFactorKind.PASSKEY, backupCodesRemaining: null } }
          : passkey;
      }
      const tries: [TwoFactorMethod, SecondFactorKind][] = [
        [TwoFactorMethod.AUTHENTICATOR_APP, SecondFactorKind.AUTHENTICATOR_APP],
        [TwoFactorMethod.SMS, SecondFactorKind.SMS],
        [TwoFactorMethod.PIN, SecondFactorKind.PIN],
      ];
      for (const [method, kind] of tries) {
        if (!methods.includes(method)) continue;
        if ((await this.codeOf(kind, user.id, code, now)).ok) {
          return { ok: true, value: { kind, backupCodesRemaining: null } };
        }
      }
      const backup = await this.backupCode(user.id, code, now);
      if (!backup.ok) return wrong;
      return {
        ok: true,
        value: { kind: SecondFactorKind.BACKUP_CODE, backupCodesRemaining: backup.value },
      };
    });
  }

  /**
   * One code of `kind`, checked (not counted: callers run it inside `attempt`). Backup codes
   * report how many are left.
   */
  async codeOf(
    kind: SecondFactorKind,
    userId: string,
    code: string,
    now: Date,
    /** The session asking: a passkey's challenge must be its own. */
    sessionId = '',
  ): Promise<CheckResult<VerifiedCode>> {
    switch (kind) {
      case SecondFactorKind.AUTHENTICATOR_APP:
        return ofFactor(await this.authenticatorCode(userId, code, now));
      case SecondFactorKind.SMS:
        return ofFactor(await this.smsCode(userId, code, now));
      case SecondFactorKind.PIN:
        return ofFactor(await this.pinCode(userId, code, now));
      case SecondFactorKind.BACKUP_CODE: {
        const backup = await this.backupCode(userId, code, now);
        return backup.ok
          ? { ok: true, value: { backupCodesRemaining: backup.value, vouchesForLogin: false } }
          : backup;
      }
      case SecondFactorKind.PASSKEY:
        return ofFactor(await this.passkeyAssertion(userId, sessionId, code, now));
    }
  }

  /**
   * The profile's PIN, against its keyed argon2id hash (a malformed one costs no hashing). A hash
   * stored before PINs were keyed still verifies, and is then replaced by a keyed one.
   */
  async pinCode(userId: string, pin: string, now = new Date()): Promise<CheckResult<boolean>> {
    const repository = this.deps.dataSource.getRepository(PinFactor);
    const factor = await repository.findOneBy({ userId });
    if (!factor) return notEnrolled;
    if (!plausiblePin(pin)) return wrong;
    const { pinKey } = this.deps.secrets;
    if (!(await verifyPin(factor, pin, pinKey))) return wrong;
    const lastUsedAt = now;
    if (!factor.keyed) {
      const pinHash = await hashPin(pin, pinKey);
      // only over the hash just verified: of two checks at once (or a change meanwhile), the first
      // write stands and the others change nothing
      await repository.update(
        { userId, pinHash: factor.pinHash, keyed: false },
        { pinHash, keyed: true, lastUsedAt },
      );
    } else {
      await repository.update({ userId }, { lastUsedAt });
    }
    return rightOf(factor);
  }

  /** The live code sent to the profile's confirmed number, used up if right. */
  async smsCode(userId: string, code: string, now: Date): Promise<CheckResult<boolean>> {
    const factor = await this.deps.dataSource
      .getRepository(SmsFactor)
      .findOneBy({ userId, status: FactorStatus.ACTIVE });
    if (!factor) return notEnrolled;
    if (!plausibleSmsCode(code)) return wrong;
    const used = await this.useSmsCode(this.deps.dataSource.manager, factor, code, now);
    return used ? rightOf(factor) : wrong;
  }

  /**
   * Uses up `code` of `factor` if it is the live one and not expired: the check and the write are
   * one statement, so of two requests with the same code one wins.
   */
  async useSmsCode(
    manager: EntityManager,
    factor: Pick<SmsFactor, 'id' | 'status'>,
    code: string,
    now: Date,
  ): Promise<boolean> {
    const codeHash = hashSmsCode(factor.id, code.trim(), this.deps.secrets.smsCodePepper);
    const result = await manager.update(
      SmsFactor,
      { id: factor.id, codeHash, codeExpiresAt: MoreThan(now) },
      // a confirmed number's use is shown to administrators; the code confirming it is no use
      factor.status === FactorStatus.ACTIVE
        ? { codeHash: null, codeExpiresAt: null, lastUsedAt: now }
        : { codeHash: null, codeExpiresAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** A TOTP code of the ACTIVE factor, accepted only for a step later than any used before. */
  async authenticatorCode(userId: string, code: string, now: Date): Promise<CheckResult<boolean>> {
    const factor = await this.deps.dataSource
      .getRepository(AuthenticatorFactor)
      .findOneBy({ userId, status: FactorStatus.ACTIVE });
    if (!factor) return notEnrolled;
    const step = this.validStep(factor, code, now);
    if (step === null) return wrong;
    const used = await this.useStep(this.deps.dataSource.manager, factor, step, now);
    return used ? rightOf(factor) : wrong;
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
    now: Date,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(AuthenticatorFactor)
      // a confirmed app's use is shown to administrators; the code confirming it is no use
      .set(
        factor.status === FactorStatus.ACTIVE
          ? { lastUsedStep: step, lastUsedAt: now }
          : { lastUsedStep: step },
      )
      .where('id = :factorId AND status = :status', { factorId: factor.id, status: factor.status })
      .andWhere('(lastUsedStep IS NULL OR lastUsedStep < :step)', { step })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A passkey's answer to a challenge of session `sessionId` (PasskeyAssertionService.check). */
  async passkeyAssertion(
    userId: string,
    sessionId: string,
    response: string,
    now: Date,
  ): Promise<CheckResult<boolean>> {
    if (!this.deps.passkeys) return { ok: false, reason: ErrorReason.PASSKEY_MALFORMED };
    const result = await this.deps.passkeys.check(userId, sessionId, response, now);
    return result.ok ? rightOf(result.factor) : result;
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

/**
 * What a wrong code's answer tells of the lockout, from the state its reservation wrote: the count
 * is the database's, so of requests released together each learns its own place in the round.
 */
function attemptsLeft({ state }: Reservation, now: Date): AttemptsLeft {
  const attemptsRemaining = attemptsBeforeLock(state);
  if (attemptsRemaining > 0 || state.lockedUntil === null) return { attemptsRemaining };
  // rounded up, as TOO_MANY_ATTEMPTS rounds it: retrying at that second is checked
  const retryAfterSeconds = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
  return { attemptsRemaining, retryAfterSeconds };
}

/** Why the lockout refused to count an attempt, as a metrics outcome. */
function refusalOf(error: unknown): CodeOutcome {
  if (error instanceof SecondFactorDisabledError) return 'disabled';
  if (error instanceof TooManyAttemptsError) return 'locked';
  return 'error';
}

function ofFactor(result: CheckResult<boolean>): CheckResult<VerifiedCode> {
  return result.ok
    ? { ok: true, value: { backupCodesRemaining: null, vouchesForLogin: result.value } }
    : result;
}
