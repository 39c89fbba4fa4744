import { randomBytes } from 'node:crypto';
import { ErrorReason } from '@twofold/shared';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { DataSource } from 'typeorm';
import { ConflictError } from '../../../errors';
import type { AuditService } from '../../audit/audit.service';
import { type Caller, requireProfile } from '../../auth/caller';
import { User } from '../../user/user.entity';
import { PasskeyFactor, WebAuthnCeremony } from './passkey.entities';
import type { WebAuthnChallengeService } from './webauthn-challenges';
import {
  challengeLifetimeMs,
  counterMovesForward,
  credentialIdHashOf,
  readPasskeyAnswer,
  reasonOfVerificationError,
  relyingPartyOf,
  credentialDescriptorsOf,
} from './webauthn';

/** An assertion's outcome: the passkey it proved, or the closed reason it did not. */
export type AssertionResult =
  { ok: true; factor: PasskeyFactor } | { ok: false; reason: ErrorReason };

/**
 * Signing in and stepping up with a passkey (docs/design.md, Passkeys): request options bound to
 * a challenge of the session, and the check of the browser's answer — challenge used up first,
 * then the library's verification, then the counter moved by one conditional UPDATE. Callers
 * count each check in the lockout (CodeCheckService.attempt).
 */
export class PasskeyAssertionService {
  private readonly rp: { rpID: string; origin: string };

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      challenges: WebAuthnChallengeService;
      config: { publicUrl: string };
    },
  ) {
    this.rp = relyingPartyOf(deps.config.publicUrl);
  }

  /** The profile's passkeys, oldest first. */
  passkeysOf(userId: string): Promise<PasskeyFactor[]> {
    return this.deps.dataSource
      .getRepository(PasskeyFactor)
      .find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * PublicKeyCredentialRequestOptionsJSON for the caller's passkeys (with their transports), user
   * verification required, as a JSON string; voids the session's earlier authentication challenge.
   */
  async begin(caller: Caller, now = new Date()): Promise<string> {
    const user = requireProfile(caller);
    const passkeys = await this.passkeysOf(user.id);
    if (passkeys.length === 0) {
      throw new ConflictError(
        'No passkey is registered for your profile',
        ErrorReason.NOT_ENROLLED,
      );
    }
    const options = await generateAuthenticationOptions({
      rpID: this.rp.rpID,
      challenge: new Uint8Array(randomBytes(32)),
      allowCredentials: credentialDescriptorsOf(passkeys),
      userVerification: 'required',
      timeout: challengeLifetimeMs,
    });
    await this.deps.challenges.store(
      options.challenge,
      { sessionId: caller.session.id, userId: user.id, ceremony: WebAuthnCeremony.AUTHENTICATION },
      now,
    );
    return JSON.stringify(options);
  }

  /**
   * Checks an AuthenticationResponseJSON string from session `sessionId` for profile `userId`.
   * The challenge is used up before anything else, so a refused answer cannot be retried; a
   * counter that goes backwards refuses it and writes an audit event (a cloned authenticator?).
   */
  async check(
    userId: string,
    sessionId: string,
    json: string,
    now: Date,
  ): Promise<AssertionResult> {
    const answer = readPasskeyAnswer<AuthenticationResponseJSON>(json);
    if (!answer) return { ok: false, reason: ErrorReason.PASSKEY_MALFORMED };
    const refused = await this.deps.challenges.consume(
      answer.challenge,
      { sessionId, userId, ceremony: WebAuthnCeremony.AUTHENTICATION },
      now,
    );
    if (refused) return { ok: false, reason: refused };
    // another profile's passkey, a removed one, or one never registered: all unknown here
    const factor = await this.deps.dataSource
      .getRepository(PasskeyFactor)
      .findOneBy({ userId, credentialIdHash: credentialIdHashOf(answer.credentialId) });
    if (!factor) return { ok: false, reason: ErrorReason.PASSKEY_UNKNOWN_CREDENTIAL };

    let newCounter: number;
    let backedUp: boolean;
    try {
      const verified = await verifyAuthenticationResponse({
        response: answer.response,
        expectedChallenge: answer.challenge,
        expectedOrigin: this.rp.origin,
        expectedRPID: this.rp.rpID,
        requireUserVerification: true,
        credential: {
          id: factor.credentialId,
          publicKey: new Uint8Array(Buffer.from(factor.publicKey, 'base64url')),
          counter: factor.signCount,
          transports: factor.transports,
        },
      });
      if (!verified.verified) return { ok: false, reason: ErrorReason.PASSKEY_SIGNATURE };
      newCounter = verified.authenticationInfo.newCounter;
      backedUp = verified.authenticationInfo.credentialBackedUp;
    } catch (error) {
      const reason = reasonOfVerificationError(error);
      if (reason === ErrorReason.PASSKEY_COUNTER_REGRESSION) {
        await this.counterRegressed(factor, null);
      }
      return { ok: false, reason };
    }

    // the counter moves forward in the same statement that checks it: of two uses with one
    // counter value, one is accepted
    const moved = await this.deps.dataSource
      .createQueryBuilder()
      .update(PasskeyFactor)
      .set({ signCount: newCounter, lastUsedAt: now, backedUp })
      .where('id = :id', { id: factor.id })
      .andWhere('(signCount < :counter OR (signCount = 0 AND :counter = 0))', {
        counter: newCounter,
      })
      .execute();
    if ((moved.affected ?? 0) !== 1 || !counterMovesForward(factor.signCount, newCounter)) {
      await this.counterRegressed(factor, newCounter);
      return { ok: false, reason: ErrorReason.PASSKEY_COUNTER_REGRESSION };
    }
    return { ok: true, factor };
  }

  /** The audit event of a counter that went backwards, in the profile's account. */
  private async counterRegressed(factor: PasskeyFactor, received: number | null): Promise<void> {
    const user = await this.deps.dataSource
      .getRepository(User)
      .findOne({ select: { id: true, accountId: true }, where: { id: factor.userId } });
    await this.deps.audit.record({
      accountId: user?.accountId ?? null,
      targetType: 'User',
      targetId: factor.userId,
      action: 'two_factor.passkey_counter_regression',
      details: {
        passkeyId: factor.id,
        name: factor.name,
        storedCounter: factor.signCount,
        ...(received === null ? {} : { receivedCounter: received }),
      },
    });
  }
}
