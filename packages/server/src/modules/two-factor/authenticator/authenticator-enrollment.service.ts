import {
  ErrorCode,
  ErrorReason,
  SecondFactorKind,
  SessionStage,
  TwoFactorMethod,
} from '@twofold/shared';
import { toDataURL } from 'qrcode';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import type { Secrets } from '../../../crypto/keys';
import { BadInputError, ConflictError, DomainError } from '../../../errors';
import type { AuditService } from '../../audit/audit.service';
import {
  auditOwnProfile,
  type Caller,
  type CallerChange,
  type RequestMeta,
  requireProfile,
} from '../../auth/caller';
import {
  invalidLink,
  LinkPurpose,
  type LinkTokenService,
} from '../../link-token/link-token.service';
import type { CheckResult, CodeCheckService } from '../code-check.service';
import {
  assertMayEnroll,
  rethrowConcurrentBegin,
  type EnrollmentCompletion,
  type EnrollmentOutcome,
} from '../enrollment';
import { Session } from '../../session/session.entity';
import { AuthenticatorFactor, FactorStatus } from '../two-factor.entities';
import { generateTotpSecret, manualEntryKey, otpauthUri } from './totp';

export interface AuthenticatorEnrollmentView {
  otpauthUri: string;
  qrCodeDataUrl: string;
  manualEntryKey: string;
}

/**
 * Linking an authenticator app (docs/design.md, Second-factor rules): a sealed secret in a PENDING factor, shown as QR code
 * and key, confirmed by its first code. With an administrator's enrollment link it may replace a
 * working app.
 */
export class AuthenticatorEnrollmentService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: Secrets;
      audit: AuditService;
      linkTokens: LinkTokenService;
      codes: CodeCheckService;
      completion: EnrollmentCompletion;
    },
  ) {}

  /**
   * Starts (or restarts) linking an authenticator app: a new 160-bit secret, sealed, in the
   * profile's PENDING factor. Without a link only a profile that may use the app and has none
   * yet; an enrollment link (from an administrator) also allows replacing a working one.
   */
  async begin(
    caller: Caller,
    linkToken: string | null | undefined,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<AuthenticatorEnrollmentView> {
    const user = requireProfile(caller);
    const viaLink = linkToken !== null && linkToken !== undefined;
    if (!viaLink && caller.stage === SessionStage.SECOND_FACTOR) {
      // the guard lets SECOND_FACTOR in for the lost-phone link only
      throw new DomainError(ErrorCode.SECOND_FACTOR_REQUIRED, 'Verify your second factor first');
    }
    if (viaLink) {
      // checked before using the link up: someone else's link must stay usable for its owner
      await this.ownLink(caller, linkToken, undefined, now);
    } else {
      assertMayEnroll(caller, TwoFactorMethod.AUTHENTICATOR_APP);
    }

    const secret = generateTotpSecret();
    const secretSealed = this.deps.secrets.box.seal(secret);
    await this.deps.dataSource
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
            viaLink,
          }),
        );
        await this.deps.audit.record(
          {
            ...auditOwnProfile(caller, meta),
            action: 'two_factor.enrollment_started',
            details: { method: TwoFactorMethod.AUTHENTICATOR_APP, viaLink },
          },
          manager,
        );
      })
      .catch(rethrowConcurrentBegin);

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
   * session counts as past its second factor. At SECOND_FACTOR (a lost phone) only a factor begun
   * through an enrollment link may be confirmed.
   */
  async confirm(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<EnrollmentOutcome>> {
    const user = requireProfile(caller);
    const { dataSource, codes } = this.deps;
    const pending = await dataSource
      .getRepository(AuthenticatorFactor)
      .findOneBy({ userId: user.id, status: FactorStatus.PENDING });
    if (caller.stage === SessionStage.SECOND_FACTOR && !pending?.viaLink) {
      // past the guard for the lost-phone link only: anything else waits for the second factor
      throw new DomainError(ErrorCode.SECOND_FACTOR_REQUIRED, 'Verify your second factor first');
    }
    if (!pending) {
      throw new ConflictError(
        'No enrollment is waiting: call beginAuthenticatorEnrollment first',
        ErrorReason.ENROLLMENT_NOT_STARTED,
      );
    }

    type Confirmed = { backupCodes: string[]; replaced: boolean };
    const kind = SecondFactorKind.AUTHENTICATOR_APP;
    const vouches = await this.deps.completion.vouches(caller, pending.viaLink);
    const { backupCodes, replaced } = await codes.attempt(user.id, now, kind, async () => {
      const step = codes.validStep(pending, code, now);
      if (step === null) return { ok: false };
      return dataSource.transaction(async (manager): Promise<CheckResult<Confirmed>> => {
        // the confirming code is used up too; of two concurrent confirmations one wins
        if (!(await codes.useStep(manager, pending, step, now))) return { ok: false };
        const previous = await manager.delete(AuthenticatorFactor, {
          userId: user.id,
          status: FactorStatus.ACTIVE,
        });
        await manager.update(
          AuthenticatorFactor,
          { id: pending.id },
          { status: FactorStatus.ACTIVE, confirmedAt: now },
        );
        const replaced = (previous.affected ?? 0) > 0;
        if (replaced && pending.viaLink) {
          // a lost phone: sessions it may still hold end with the app it carried
          await manager.delete(Session, { userId: user.id, id: Not(caller.session.id) });
        }
        const issued = await this.deps.completion.record(
          manager,
          caller,
          meta,
          now,
          {
            method: TwoFactorMethod.AUTHENTICATOR_APP,
            replaced,
            viaLink: pending.viaLink,
          },
          vouches,
        );
        return { ok: true, value: { backupCodes: issued, replaced } };
      });
    });
    return this.deps.completion.finish(caller, now, backupCodes, {
      method: TwoFactorMethod.AUTHENTICATOR_APP,
      replaced,
    });
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
    const user = requireProfile(caller);
    const { linkTokens } = this.deps;
    let link;
    try {
      link =
        consume && manager
          ? await linkTokens.consume(LinkPurpose.ENROLLMENT, token, manager, now)
          : await linkTokens.peek(LinkPurpose.ENROLLMENT, token, manager, now);
    } catch (error) {
      if (error instanceof BadInputError) throw invalidLink('linkToken');
      throw error;
    }
    // thrown inside the transaction, this gives a consumed link back
    if (link.userId !== user.id || link.identityId !== caller.identity.id) {
      throw invalidLink('linkToken');
    }
  }
}
