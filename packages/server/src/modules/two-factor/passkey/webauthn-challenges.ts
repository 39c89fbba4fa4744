import { randomUUID } from 'node:crypto';
import { ErrorReason } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { type WebAuthnCeremony, WebAuthnChallenge } from './passkey.entities';
import { challengeHashOf, challengeLifetimeMs } from './webauthn';

/** Whose challenge it must be: the session that asked for it, its profile, the ceremony. */
export interface ChallengeOwner {
  sessionId: string;
  userId: string;
  ceremony: WebAuthnCeremony;
}

/**
 * Server-side WebAuthn challenges (docs/design.md, Passkeys): stored as SHA-256 with the session,
 * profile and ceremony that asked, 5 minutes, used up by one conditional DELETE before the answer
 * is verified — so a replay, or a second use at the same time, finds nothing.
 */
export class WebAuthnChallengeService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /** Keeps `challenge` (base64url, as the options carry it); the session's older ones of the ceremony are void. */
  async store(challenge: string, owner: ChallengeOwner, now: Date): Promise<void> {
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.delete(WebAuthnChallenge, {
        sessionId: owner.sessionId,
        ceremony: owner.ceremony,
      });
      await manager.insert(WebAuthnChallenge, {
        id: randomUUID(),
        challengeHash: challengeHashOf(challenge),
        ...owner,
        createdAt: now,
        expiresAt: new Date(now.getTime() + challengeLifetimeMs),
      });
    });
  }

  /**
   * Uses up `challenge` if it is `owner`'s: null when it was, else why not. An expired one is used
   * up too. Of two requests with one challenge, one deletes the row and the other finds none.
   */
  async consume(challenge: string, owner: ChallengeOwner, now: Date): Promise<ErrorReason | null> {
    const repository = this.deps.dataSource.getRepository(WebAuthnChallenge);
    const row = await repository.findOneBy({ challengeHash: challengeHashOf(challenge) });
    if (
      !row ||
      row.sessionId !== owner.sessionId ||
      row.userId !== owner.userId ||
      row.ceremony !== owner.ceremony
    ) {
      return ErrorReason.PASSKEY_CHALLENGE_INVALID;
    }
    const deleted = await repository.delete({ id: row.id, sessionId: owner.sessionId });
    if ((deleted.affected ?? 0) !== 1) return ErrorReason.PASSKEY_CHALLENGE_INVALID;
    if (row.expiresAt.getTime() <= now.getTime()) return ErrorReason.PASSKEY_CHALLENGE_EXPIRED;
    return null;
  }
}
