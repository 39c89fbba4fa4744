import { randomBytes, randomUUID } from 'node:crypto';
import { Enforcement, ErrorReason, SecondFactorKind, TwoFactorMethod } from '@twofold/shared';
import {
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../../db/unique-violation';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../errors';
import type { AuditService } from '../../audit/audit.service';
import {
  auditOwnProfile,
  type Caller,
  type CallerChange,
  type RequestMeta,
  requireProfile,
} from '../../auth/caller';
import type { MailService } from '../../mail/mail.service';
import { passkeyAddedMail, passkeyRemovedMail } from '../../mail/templates';
import type { User } from '../../user/user.entity';
import type { CodeCheckService } from '../code-check.service';
import type { EnrollmentCompletion, EnrollmentOutcome } from '../enrollment';
import { parseFactorId } from '../factor-ids';
import { namesOf, notifyCaller } from '../notify';
import { effectiveEnforcement } from '../status/facts';
import type { TwoFactorService } from '../two-factor.service';
import { PasskeyFactor, WebAuthnCeremony } from './passkey.entities';
import type { PasskeyAssertionService } from './passkey-assertion.service';
import type { WebAuthnChallengeService } from './webauthn-challenges';
import {
  challengeLifetimeMs,
  credentialIdHashOf,
  passkeyNameOf,
  readPasskeyAnswer,
  reasonOfVerificationError,
  relyingPartyOf,
  credentialDescriptorsOf,
} from './webauthn';

const notFound = () => new NotFoundError('Passkey', 'id');

/** An answer the server refuses to register: BAD_USER_INPUT on `response` with its reason. */
const refused = (reason: ErrorReason) =>
  new BadInputError([{ field: 'response', message: 'The passkey could not be registered' }], {
    reason,
  });

/**
 * Registering and managing a profile's passkeys (docs/design.md, Passkeys): creation options
 * bound to a challenge of the session, the browser's answer checked by @simplewebauthn/server
 * (user verification required, attestation "none"), and rename and removal by the profile itself.
 */
export class PasskeyService {
  private readonly rp: { rpID: string; origin: string };

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      mail: MailService;
      codes: CodeCheckService;
      completion: EnrollmentCompletion;
      challenges: WebAuthnChallengeService;
      assertions: PasskeyAssertionService;
      twoFactor: TwoFactorService;
      config: { publicUrl: string };
    },
  ) {
    this.rp = relyingPartyOf(deps.config.publicUrl);
  }

  /** The profile's passkeys, oldest first. */
  list(userId: string): Promise<PasskeyFactor[]> {
    return this.deps.assertions.passkeysOf(userId);
  }

  /** Refuses where the caller may not register a passkey: 2FA off, or a type without passkeys. */
  private assertMayRegister(caller: Caller): void {
    const facts = caller.facts;
    if (!facts || effectiveEnforcement(facts) === Enforcement.OFF) {
      throw new ForbiddenError(
        'Two-factor authentication is off for your user type',
        ErrorReason.TWO_FACTOR_OFF,
      );
    }
    if (!facts.allowedMethods.includes(TwoFactorMethod.PASSKEY)) {
      throw new ForbiddenError(
        'Passkeys are not allowed for your user type',
        ErrorReason.METHOD_NOT_ALLOWED,
      );
    }
  }

  /**
   * PublicKeyCredentialCreationOptionsJSON as a JSON string: RP = PUBLIC_URL's host and the
   * account's name, the user its login email, user verification required, a discoverable
   * credential preferred, no attestation, and the profile's passkeys excluded.
   */
  async beginRegistration(caller: Caller, now = new Date()): Promise<string> {
    const user = requireProfile(caller);
    this.assertMayRegister(caller);
    const passkeys = await this.list(user.id);
    const options = await generateRegistrationOptions({
      rpName: user.account.name,
      rpID: this.rp.rpID,
      // the profile's id: an authenticator keeps one discoverable credential per profile
      userID: new Uint8Array(Buffer.from(user.id, 'utf8')),
      userName: caller.identity.email,
      userDisplayName: user.displayName,
      challenge: new Uint8Array(randomBytes(32)),
      timeout: challengeLifetimeMs,
      attestationType: 'none',
      excludeCredentials: credentialDescriptorsOf(passkeys),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    });
    await this.deps.challenges.store(
      options.challenge,
      { sessionId: caller.session.id, userId: user.id, ceremony: WebAuthnCeremony.REGISTRATION },
      now,
    );
    return JSON.stringify(options);
  }

  /**
   * Registers the browser's answer (RegistrationResponseJSON as a string) under `name`. The
   * first factor of a profile issues backup codes and moves the session on, as every enrollment.
   */
  async finishRegistration(
    caller: Caller,
    name: string,
    response: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<EnrollmentOutcome>> {
    const user = requireProfile(caller);
    this.assertMayRegister(caller);
    const named = passkeyNameOf(name);
    if ('problem' in named) throw new BadInputError([named.problem]);
    const answer = readPasskeyAnswer<RegistrationResponseJSON>(response);
    if (!answer) throw refused(ErrorReason.PASSKEY_MALFORMED);
    const challengeRefused = await this.deps.challenges.consume(
      answer.challenge,
      { sessionId: caller.session.id, userId: user.id, ceremony: WebAuthnCeremony.REGISTRATION },
      now,
    );
    if (challengeRefused) throw refused(challengeRefused);

    let info;
    try {
      const verified = await verifyRegistrationResponse({
        response: answer.response,
        expectedChallenge: answer.challenge,
        expectedOrigin: this.rp.origin,
        expectedRPID: this.rp.rpID,
        requireUserVerification: true,
      });
      if (!verified.verified || !verified.registrationInfo) {
        throw refused(ErrorReason.PASSKEY_MALFORMED);
      }
      info = verified.registrationInfo;
    } catch (error) {
      if (error instanceof BadInputError) throw error;
      throw refused(reasonOfVerificationError(error));
    }

    const credentialId = info.credential.id;
    const vouches = await this.deps.completion.vouches(caller);
    const backupCodes = await this.deps.dataSource
      .transaction(async (manager) => {
        await manager.insert(PasskeyFactor, {
          id: randomUUID(),
          userId: user.id,
          credentialIdHash: credentialIdHashOf(credentialId),
          credentialId,
          publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
          signCount: info.credential.counter,
          transports: info.credential.transports ?? answer.response.response.transports ?? [],
          aaguid: info.aaguid,
          name: named.name,
          multiDevice: info.credentialDeviceType === 'multiDevice',
          backedUp: info.credentialBackedUp,
          createdAt: now,
          lastUsedAt: null,
          vouchesForLogin: vouches,
        });
        return this.deps.completion.record(
          manager,
          caller,
          meta,
          now,
          { method: TwoFactorMethod.PASSKEY, replaced: false, name: named.name },
          vouches,
        );
      })
      .catch((error: unknown) => {
        // the credential id is unique across every profile
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            'This passkey is registered already',
            ErrorReason.PASSKEY_ALREADY_REGISTERED,
            'response',
          );
        }
        throw error;
      });
    return this.deps.completion.finish(
      caller,
      now,
      backupCodes,
      { method: TwoFactorMethod.PASSKEY, replaced: false },
      passkeyAddedMail({
        ...namesOf(caller),
        name: named.name,
        first: (caller.facts?.methods.length ?? 0) === 0,
      }),
    );
  }

  /** Renames one of the caller's own passkeys (1–64 characters, trimmed). */
  async rename(
    caller: Caller,
    id: string,
    name: string,
    meta: RequestMeta,
  ): Promise<PasskeyFactor> {
    const user = requireProfile(caller);
    const named = passkeyNameOf(name);
    if ('problem' in named) throw new BadInputError([named.problem]);
    const repository = this.deps.dataSource.getRepository(PasskeyFactor);
    const passkey = await this.deps.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(PasskeyFactor, { id: uuidOrNone(id), userId: user.id });
      if (!found) throw notFound();
      await manager.update(PasskeyFactor, { id: found.id, userId: user.id }, { name: named.name });
      await this.deps.audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'two_factor.passkey_renamed',
          details: { passkeyId: found.id, from: found.name, name: named.name },
        },
        manager,
      );
      return found;
    });
    return repository.findOneByOrFail({ id: passkey.id });
  }

  /**
   * Removes one of the caller's own passkeys, confirmed with a current second factor (`code`:
   * any method's code, a backup code, or a passkey's answer). CONFLICT (TWO_FACTOR_REQUIRED) when
   * 2FA is required of the profile, or its type is phishing-resistant only, and nothing that
   * counts would be left.
   */
  async remove(
    caller: Caller,
    id: string,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<User> {
    const user = requireProfile(caller);
    const facts = caller.facts;
    const passkey = await this.deps.dataSource
      .getRepository(PasskeyFactor)
      .findOneBy({ id: uuidOrNone(id), userId: user.id });
    if (!passkey) throw notFound();
    // refused before the code is spent
    const passkeys = await this.list(user.id);
    const leftCounts =
      passkeys.length > 1 ||
      (facts?.methods ?? []).some(
        (m) => m !== TwoFactorMethod.PASSKEY && facts?.allowedMethods.includes(m),
      );
    const kept =
      facts &&
      (effectiveEnforcement(facts) === Enforcement.REQUIRED ||
        (facts.phishingResistantOnly && effectiveEnforcement(facts) !== Enforcement.OFF));
    if (kept && !leftCounts) {
      throw new ConflictError(
        'Two-factor authentication is required for you: add another factor before removing this one',
        ErrorReason.TWO_FACTOR_REQUIRED,
        'id',
      );
    }
    const used = await this.deps.codes.checkCurrentCode(caller, code, now);
    await this.deps.dataSource.transaction(async (manager) => {
      const { removed } = await this.deps.twoFactor.removeFactors(
        user.id,
        [{ kind: SecondFactorKind.PASSKEY, rowId: passkey.id }],
        manager,
      );
      if (!removed) throw notFound();
      await this.deps.audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'two_factor.passkey_removed',
          details: { passkeyId: passkey.id, name: passkey.name, confirmedWith: used.kind },
        },
        manager,
      );
    });
    await notifyCaller(
      this.deps.mail,
      caller,
      passkeyRemovedMail({ ...namesOf(caller), name: passkey.name }),
    );
    return user;
  }
}

/** The row id a `Passkey.id` names (a bare uuid or `passkey:<uuid>`); anything else finds nothing. */
function uuidOrNone(id: string): string {
  const ref = parseFactorId(id.startsWith('passkey:') ? id : `passkey:${id}`);
  return ref?.kind === SecondFactorKind.PASSKEY
    ? ref.rowId
    : '00000000-0000-0000-0000-000000000000';
}
