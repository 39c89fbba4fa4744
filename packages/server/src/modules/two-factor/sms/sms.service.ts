import { randomUUID } from 'node:crypto';
import { ErrorReason, SecondFactorKind, SessionStage, TwoFactorMethod } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import type { Config } from '../../../config';
import type { Secrets } from '../../../crypto/keys';
import { BadInputError, ConflictError, TooManyAttemptsError } from '../../../errors';
import { type MetricsSink, noMetrics } from '../../../metrics/sink';
import type { AuditService } from '../../audit/audit.service';
import {
  auditOwnProfile,
  type Caller,
  type CallerChange,
  type RequestMeta,
  requireProfile,
} from '../../auth/caller';
import type { RateLimitService } from '../../rate-limit/rate-limit.service';
import type { CheckResult, CodeCheckService } from '../code-check.service';
import {
  assertMayEnroll,
  rethrowConcurrentBegin,
  type EnrollmentCompletion,
  type EnrollmentOutcome,
} from '../enrollment';
import { FactorStatus, SmsFactor } from '../two-factor.entities';
import { maskPhone, normalizePhone } from './phone';
import { type SmsCountryRule, smsCountryVerdict } from './sms-countries';
import {
  generateSmsCode,
  hashPhone,
  hashSmsCode,
  SMS_CODE_TTL_MS,
  smsIpRule,
  smsNumberRule,
  smsProfileRule,
  smsText,
} from './sms-code';
import type { SmsSender } from './sms-sender';

/**
 * Refuses, before anything is sent, a new number whose country the account does not allow. Only
 * new numbers are checked: a number already confirmed keeps receiving sign-in codes when the
 * owner narrows the list, so narrowing never locks anyone out (taking SMS off the type's policy,
 * or resetting the user's 2FA, is how an owner retires a number).
 */
function assertCountryAllowed(account: SmsCountryRule, country: string): void {
  const verdict = smsCountryVerdict(account, country);
  if (verdict === 'ALLOWED') return;
  const message =
    verdict === 'NO_COUNTRY'
      ? 'Your account allows text messages to no country yet: ask its owner to allow yours, or use another method'
      : 'Text messages cannot be sent to this country for your account';
  throw new BadInputError([{ field: 'countryCode', message }], {
    reason: ErrorReason.SMS_COUNTRY_NOT_ALLOWED,
  });
}

/**
 * SMS codes (docs/design.md, Second-factor rules): a mobile number per profile, confirmed by a first code; codes sent at
 * sign-in on request. Every send is reserved in the limits before it goes out (3 per number per
 * 15 minutes, a daily cap per account) and given back when the provider does not take it; a new
 * code voids the previous one, never the failure counter (that is the shared lockout's).
 */
export class SmsService {
  private readonly metrics: MetricsSink;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      config: Pick<Config, 'sms'>;
      secrets: Secrets;
      audit: AuditService;
      rateLimits: RateLimitService;
      sender: SmsSender;
      codes: CodeCheckService;
      completion: EnrollmentCompletion;
      metrics?: MetricsSink;
    },
  ) {
    this.metrics = deps.metrics ?? noMetrics;
  }

  /**
   * Sends a first code to a new number, held PENDING until `confirmEnrollment`. Changing a
   * confirmed number needs a current code of any method (`code`). Answers the masked number.
   */
  async beginEnrollment(
    caller: Caller,
    input: { countryCode: string; phoneNumber: string; code?: string | null },
    meta: RequestMeta,
    now = new Date(),
  ): Promise<string> {
    const user = requireProfile(caller);
    const { codes, dataSource, secrets } = this.deps;
    const changing = caller.facts?.methods.includes(TwoFactorMethod.SMS) ?? false;
    if (!changing) assertMayEnroll(caller, TwoFactorMethod.SMS);
    const parsed = normalizePhone(input.countryCode, input.phoneNumber);
    if (!parsed.ok) throw new BadInputError(parsed.problems);
    assertCountryAllowed(user.account, parsed.phone.country);
    if (changing) {
      if (!input.code?.trim()) {
        throw new BadInputError([
          {
            field: 'code',
            message: 'Confirm the change with a current code of your second factor',
          },
        ]);
      }
      await codes.checkCurrentCode(caller, input.code, now);
    }

    const { e164 } = parsed.phone;
    const factor = dataSource.getRepository(SmsFactor).create({
      // known before the insert: the code's hash is bound to it
      id: randomUUID(),
      userId: user.id,
      phoneSealed: secrets.box.seal(e164),
      phoneHash: hashPhone(e164, secrets.phoneKey),
      status: FactorStatus.PENDING,
      createdAt: now,
      confirmedAt: null,
    });
    const code = generateSmsCode();
    factor.codeHash = hashSmsCode(factor.id, code, secrets.smsCodePepper);
    factor.codeExpiresAt = new Date(now.getTime() + SMS_CODE_TTL_MS);
    // sent first: when the provider is down nothing is stored and nothing stays counted
    await this.send(caller, meta, factor.phoneHash, e164, code, now);
    await dataSource
      .transaction(async (manager) => {
        await manager.delete(SmsFactor, { userId: user.id, status: FactorStatus.PENDING });
        await manager.insert(SmsFactor, factor);
        await this.deps.audit.record(
          {
            ...auditOwnProfile(caller, meta),
            action: 'two_factor.enrollment_started',
            details: { method: TwoFactorMethod.SMS, country: parsed.phone.country },
          },
          manager,
        );
      })
      .catch(rethrowConcurrentBegin);
    return maskPhone(e164);
  }

  /** Confirms the PENDING number with the code it received; it replaces an earlier number. */
  async confirmEnrollment(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<EnrollmentOutcome>> {
    const user = requireProfile(caller);
    const { dataSource, codes } = this.deps;
    const pending = await dataSource
      .getRepository(SmsFactor)
      .findOneBy({ userId: user.id, status: FactorStatus.PENDING });
    if (!pending) {
      throw new ConflictError(
        'No phone number is waiting: call beginSmsEnrollment first',
        ErrorReason.ENROLLMENT_NOT_STARTED,
      );
    }
    type Confirmed = { backupCodes: string[]; replaced: boolean };
    const vouches = await this.deps.completion.vouches(caller);
    const { backupCodes, replaced } = await codes.attempt(user.id, now, SecondFactorKind.SMS, () =>
      dataSource.transaction(async (manager): Promise<CheckResult<Confirmed>> => {
        if (!(await codes.useSmsCode(manager, pending, code, now))) return { ok: false };
        const previous = await manager.delete(SmsFactor, {
          userId: user.id,
          status: FactorStatus.ACTIVE,
        });
        await manager.update(
          SmsFactor,
          { id: pending.id },
          { status: FactorStatus.ACTIVE, confirmedAt: now },
        );
        const replaced = (previous.affected ?? 0) > 0;
        const issued = await this.deps.completion.record(
          manager,
          caller,
          meta,
          now,
          { method: TwoFactorMethod.SMS, replaced },
          vouches,
        );
        return { ok: true, value: { backupCodes: issued, replaced } };
      }),
    );
    return this.deps.completion.finish(caller, now, backupCodes, {
      method: TwoFactorMethod.SMS,
      replaced,
    });
  }

  /**
   * Sends a sign-in code to the profile's confirmed number (at SECOND_FACTOR, or to confirm a
   * change once signed in). Voids the previous code.
   */
  async sendCode(caller: Caller, meta: RequestMeta, now = new Date()): Promise<boolean> {
    const user = requireProfile(caller);
    const { dataSource, secrets, audit } = this.deps;
    const factor = caller.facts?.methods.includes(TwoFactorMethod.SMS)
      ? await dataSource
          .getRepository(SmsFactor)
          .findOneBy({ userId: user.id, status: FactorStatus.ACTIVE })
      : null;
    if (!factor) {
      throw new ConflictError(
        'No phone number is set up for your profile',
        ErrorReason.NOT_ENROLLED,
      );
    }
    const e164 = secrets.box.open(factor.phoneSealed);
    const code = generateSmsCode();
    await this.send(caller, meta, factor.phoneHash, e164, code, now);
    // the factor may have been replaced or removed meanwhile: then this code is void too
    await dataSource.getRepository(SmsFactor).update(
      { id: factor.id, status: FactorStatus.ACTIVE },
      {
        codeHash: hashSmsCode(factor.id, code, secrets.smsCodePepper),
        codeExpiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
      },
    );
    await audit.record({
      ...auditOwnProfile(caller, meta),
      action: 'two_factor.sms_code_sent',
      details: { stage: caller.stage === SessionStage.SECOND_FACTOR ? 'sign_in' : 'signed_in' },
    });
    return true;
  }

  /** The masked confirmed number of a profile, or null. */
  async maskedNumber(userId: string): Promise<string | null> {
    const factor = await this.deps.dataSource
      .getRepository(SmsFactor)
      .findOne({ where: { userId, status: FactorStatus.ACTIVE }, select: { phoneSealed: true } });
    return factor ? maskPhone(this.deps.secrets.box.open(factor.phoneSealed)) : null;
  }

  /**
   * Reserves the send in every limit, sends, and gives the reservation back if it failed. Besides
   * the number and the account's daily cap, one profile and one client IP are limited too, so no
   * single member can spend the account's allowance (or send to many numbers they do not own).
   */
  private async send(
    caller: Caller,
    meta: RequestMeta,
    phoneHash: string,
    e164: string,
    code: string,
    now: Date,
  ): Promise<void> {
    const { rateLimits, config, sender } = this.deps;
    const user = requireProfile(caller);
    const reservation = await rateLimits
      .reserve(
        [
          { bucket: `sms:number:${phoneHash}`, rule: smsNumberRule },
          { bucket: `sms:user:${user.id}`, rule: smsProfileRule },
          ...(meta.ip ? [{ bucket: `sms:ip:${meta.ip}`, rule: smsIpRule }] : []),
          {
            bucket: `sms:account:${user.accountId}`,
            rule: { limit: config.sms.dailyLimitPerAccount, windowSeconds: 24 * 60 * 60 },
          },
        ],
        now,
      )
      .catch((error: unknown) => {
        if (error instanceof TooManyAttemptsError) this.metrics.sms('rate_limited');
        throw error;
      });
    try {
      await sender.send(e164, smsText(code, user.account.name));
    } catch (error) {
      this.metrics.sms('failed');
      await rateLimits.giveBack(reservation);
      throw error;
    }
    this.metrics.sms('sent');
  }
}
