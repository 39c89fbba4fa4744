import { ErrorReason } from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { hashToken, newToken } from '../../crypto/tokens';
import { insertRows } from '../../db/insert-rows';
import { BadInputError } from '../../errors';
import { LinkPurpose, LinkToken } from './link-token.entity';

export { LinkPurpose };

/** How long an emailed link works. */
export const linkLifetimes: Record<LinkPurpose, number> = {
  [LinkPurpose.INVITATION]: 72 * 60 * 60_000,
  [LinkPurpose.PASSWORD_RESET]: 60 * 60_000,
  [LinkPurpose.ENROLLMENT]: 72 * 60 * 60_000,
};

export const invalidLinkMessage = 'This link is invalid or has expired';

/** The one answer for an unknown, expired, used or voided link: nothing tells them apart. */
export function invalidLink(field = 'token'): BadInputError {
  return new BadInputError([{ field, message: invalidLinkMessage }], {
    message: invalidLinkMessage,
    reason: ErrorReason.INVALID_LINK,
  });
}

/** A new, unused link row. */
function linkRow(
  manager: EntityManager,
  purpose: LinkPurpose,
  owner: { identityId: string; userId: string | null },
  tokenHash: string,
  ttlMs: number,
  now: Date,
): LinkToken {
  return manager.create(LinkToken, {
    tokenHash,
    purpose,
    identityId: owner.identityId,
    userId: owner.userId,
    expiresAt: new Date(now.getTime() + ttlMs),
    usedAt: null,
    createdAt: now,
  });
}

/** Tokens are 43 base64url characters; anything far from that is not worth a query. */
function plausible(token: string): boolean {
  return token.length > 0 && token.length <= 100;
}

/**
 * Single-use emailed links (invitation, password reset, enrollment). Only the SHA-256 of a token is
 * stored, so a database dump holds no usable link.
 */
export class LinkTokenService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /**
   * Issues a link and returns its plain token (to be mailed, never stored). Earlier unused links of
   * the same purpose for the same profile (or, without one, the same login) stop working.
   */
  async issue(
    purpose: LinkPurpose,
    identityId: string,
    userId: string | null,
    ttlMs: number,
    manager: EntityManager = this.deps.dataSource.manager,
    now = new Date(),
  ): Promise<string> {
    await manager.update(
      LinkToken,
      { purpose, identityId, userId: userId ?? IsNull(), usedAt: IsNull() },
      { usedAt: now },
    );
    const token = newToken();
    await insertRows(manager, LinkToken, [
      linkRow(manager, purpose, { identityId, userId }, hashToken(token), ttlMs, now),
    ]);
    return token;
  }

  /**
   * Issues one link per new profile, in one INSERT per 500 (insertRows), and returns their plain tokens in
   * order. Only for profiles created in `manager`'s transaction: they have no earlier link to void.
   */
  async issueForNewProfiles(
    purpose: LinkPurpose,
    profiles: readonly { identityId: string; userId: string }[],
    ttlMs: number,
    manager: EntityManager,
    now = new Date(),
  ): Promise<string[]> {
    const tokens = profiles.map(() => newToken());
    await insertRows(
      manager,
      LinkToken,
      profiles.map((profile, i) =>
        linkRow(manager, purpose, profile, hashToken(tokens[i]!), ttlMs, now),
      ),
    );
    return tokens;
  }

  /**
   * Voids the unused links of one purpose about one profile (an administrator revoking an
   * invitation) and says how many there were; a voided link answers like any invalid one.
   */
  async voidForProfile(
    purpose: LinkPurpose,
    userId: string,
    manager: EntityManager,
    now = new Date(),
  ): Promise<number> {
    const result = await manager.update(
      LinkToken,
      { purpose, userId, usedAt: IsNull() },
      { usedAt: now },
    );
    return result.affected ?? 0;
  }

  /** The link if it would be accepted now, without using it (to do slow work before consuming). */
  async peek(
    purpose: LinkPurpose,
    token: string,
    manager: EntityManager = this.deps.dataSource.manager,
    now = new Date(),
  ): Promise<LinkToken> {
    if (!plausible(token)) throw invalidLink();
    const row = await manager.findOneBy(LinkToken, {
      tokenHash: hashToken(token),
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(now),
    });
    if (!row) throw invalidLink();
    return row;
  }

  /**
   * Uses a link up. One conditional UPDATE decides: of two concurrent uses, on any number of
   * server instances, exactly one succeeds. Pass the transaction's manager so a failure later in
   * the transaction gives the link back.
   */
  async consume(
    purpose: LinkPurpose,
    token: string,
    manager: EntityManager,
    now = new Date(),
  ): Promise<LinkToken> {
    if (!plausible(token)) throw invalidLink();
    const tokenHash = hashToken(token);
    const result = await manager.update(
      LinkToken,
      { tokenHash, purpose, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now },
    );
    if ((result.affected ?? 0) === 0) throw invalidLink();
    const row = await manager.findOneBy(LinkToken, { tokenHash });
    if (!row) throw invalidLink();
    return row;
  }
}
