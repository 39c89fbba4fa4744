import { ErrorReason, SecondFactorKind, TwoFactorMethod } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import type { Secrets } from '../../../crypto/keys';
import { hashPin } from '../../../crypto/pin-hash';
import { isUniqueViolation } from '../../../db/unique-violation';
import { BadInputError, ConflictError } from '../../../errors';
import type { AuditService } from '../../audit/audit.service';
import {
  auditOwnProfile,
  type Caller,
  type CallerChange,
  type RequestMeta,
  requireProfile,
} from '../../auth/caller';
import {
  changeBucket,
  changeRule,
  type RateLimitService,
} from '../../rate-limit/rate-limit.service';
import type { CodeCheckService } from '../code-check.service';
import { assertMayEnroll, type EnrollmentCompletion, type EnrollmentOutcome } from '../enrollment';
import { PinFactor } from '../two-factor.entities';
import { pinProblems } from './pin';

/**
 * PIN codes (docs/design.md, Second-factor rules, seed 004): chosen at first sign-in (typed twice) or from the profile,
 * changed with the current one. Hashed with a keyed argon2id (crypto/pin-hash.ts) — outside any
 * transaction.
 */
export class PinService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: Pick<Secrets, 'pinKey'>;
      audit: AuditService;
      codes: CodeCheckService;
      completion: EnrollmentCompletion;
      rateLimits: RateLimitService;
    },
  ) {}

  /** Counts one PIN change of the caller's profile (changeRule), given back when it fails. */
  private async countChange<T>(caller: Caller, change: () => Promise<T>): Promise<T> {
    const reservation = await this.deps.rateLimits.reserve([
      { bucket: changeBucket('pin', requireProfile(caller).id), rule: changeRule },
    ]);
    try {
      return await change();
    } catch (error) {
      await this.deps.rateLimits.giveBack(reservation);
      throw error;
    }
  }

  /** Sets the profile's first PIN; the session then counts as past its second factor. */
  async setPin(
    caller: Caller,
    pin: string,
    pinConfirmation: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<EnrollmentOutcome>> {
    const user = requireProfile(caller);
    assertMayEnroll(caller, TwoFactorMethod.PIN);
    const problems = pinProblems(pin, pinConfirmation);
    if (problems.length > 0) throw new BadInputError(problems);
    const backupCodes = await this.countChange(caller, async () => {
      const pinHash = await hashPin(pin, this.deps.secrets.pinKey);
      const vouches = await this.deps.completion.vouches(caller);

      return this.deps.dataSource
        .transaction(async (manager) => {
          // the primary key is the profile: of two PINs set at once, one wins
          await manager.insert(PinFactor, {
            userId: user.id,
            pinHash,
            keyed: true,
            createdAt: now,
            updatedAt: now,
          });
          return this.deps.completion.record(
            manager,
            caller,
            meta,
            now,
            { method: TwoFactorMethod.PIN, replaced: false },
            vouches,
          );
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw new ConflictError(
              'A PIN code is already set up for your profile: change it instead',
              ErrorReason.ALREADY_ENROLLED,
            );
          }
          throw error;
        });
    });
    return this.deps.completion.finish(caller, now, backupCodes, {
      method: TwoFactorMethod.PIN,
      replaced: false,
    });
  }

  /**
   * Replaces the PIN; needs the current one, checked as one attempt of the second-factor lockout
   * (a wrong current PIN is INVALID_CODE and counts like any wrong code).
   */
  async changePin(
    caller: Caller,
    input: { currentPin: string; newPin: string; newPinConfirmation: string },
    meta: RequestMeta,
    now = new Date(),
  ): Promise<boolean> {
    const user = requireProfile(caller);
    const problems = pinProblems(
      input.newPin,
      input.newPinConfirmation,
      'newPin',
      'newPinConfirmation',
    );
    if (problems.length > 0) throw new BadInputError(problems);
    await this.countChange(caller, async () => {
      const { codes, dataSource, audit } = this.deps;
      await codes.attempt(user.id, now, SecondFactorKind.PIN, () =>
        codes.pinCode(user.id, input.currentPin),
      );
      const pinHash = await hashPin(input.newPin, this.deps.secrets.pinKey);
      await dataSource.transaction(async (manager) => {
        const result = await manager.update(
          PinFactor,
          { userId: user.id },
          { pinHash, keyed: true, updatedAt: now },
        );
        // removed meanwhile (an administrator's reset): nothing to change
        if ((result.affected ?? 0) === 0) {
          throw new ConflictError(
            'No PIN code is set up for your profile',
            ErrorReason.NOT_ENROLLED,
          );
        }
        await audit.record(
          { ...auditOwnProfile(caller, meta), action: 'two_factor.pin_changed' },
          manager,
        );
      });
    });
    return true;
  }
}
