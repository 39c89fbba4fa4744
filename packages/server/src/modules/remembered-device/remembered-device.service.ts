import { randomUUID } from 'node:crypto';
import { ErrorReason, SessionStage, type UserType } from '@twofold/shared';
import { type DataSource, type EntityManager, In, IsNull, MoreThan } from 'typeorm';
import type { Secrets } from '../../crypto/keys';
import { hashToken, newToken } from '../../crypto/tokens';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import { auditOwnProfile, type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import { hasPermission, Permission } from '../auth/permissions';
import { browserInWords } from '../session/browser-words';
import { Session } from '../session/session.entity';
import { User } from '../user/user.entity';
import { refuseOversight } from '../user/user-rules';
import { RememberedDevice } from './remembered-device.entity';
import {
  deviceCookieName,
  deviceDecision,
  deviceExpiry,
  oldestUsableCreation,
  type RememberContext,
  rememberBrowserDays,
  rememberContextOf,
} from './remembered-device-rules';

/** The cookie that remembers a browser: set by the transport with the session cookie's flags. */
export interface DeviceCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

/** A remembered browser as its profile and the profile's administrators see it. */
export interface RememberedBrowserView {
  id: string;
  browser: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  /** The browser of the request holds it. */
  current: boolean;
}

/** At most this many remembered browsers are listed per profile, the newest first. */
const browsersShown = 100;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What decides remembering for a caller: its profile's policy, transport and provider. */
function contextOf(caller: Pick<Caller, 'session' | 'policy'>): RememberContext {
  return rememberContextOf(caller.session, caller.policy);
}

/**
 * Remembered browsers (docs/design.md, Remembered browsers): a device token minted after a
 * second factor, hashed at rest, that skips the second factor of one profile of one login on the
 * browser holding it until it expires; listed and forgotten by the profile and its
 * administrators, and forgotten whenever what it stood on changes.
 */
export class RememberedDeviceService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      secrets: Pick<Secrets, 'deviceCookieKey'>;
    },
  ) {}

  /** The name of the cookie holding the device token of `userId` of `identityId`. */
  cookieNameOf(identityId: string, userId: string): string {
    return deviceCookieName(this.deps.secrets.deviceCookieKey, identityId, userId);
  }

  /**
   * For how many days the caller may remember its browser (0: not at all): what
   * `Session.rememberBrowserDays` shows at SECOND_FACTOR.
   */
  daysFor(caller: Pick<Caller, 'session' | 'policy' | 'user'>): number {
    if (!caller.user) return 0;
    return rememberBrowserDays(contextOf(caller));
  }

  /** The device token of the caller's profile that the request's browser sent, if any. */
  private tokenOf(
    meta: Pick<RequestMeta, 'deviceCookies'>,
    identityId: string,
    userId: string,
  ): string | null {
    const token = meta.deviceCookies?.[this.cookieNameOf(identityId, userId)];
    // tokens are 43 characters: anything much longer is not ours, and is not hashed
    return token && token.length > 0 && token.length <= 100 ? token : null;
  }

  /**
   * Remembers the caller's browser after its second factor (when its type allows it, over a
   * cookie, not through an EXEMPT provider; null otherwise): a new device token, of which only
   * the SHA-256 is kept, with an audit event. A device this browser held for the profile
   * before is replaced, so one browser is one entry.
   */
  async remember(
    caller: Caller,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<DeviceCookie | null> {
    const user = requireProfile(caller);
    const days = this.daysFor(caller);
    if (days === 0) return null;
    const token = newToken();
    const previous = this.tokenOf(meta, user.identityId, user.id);
    const device: RememberedDevice = Object.assign(new RememberedDevice(), {
      id: randomUUID(),
      tokenHash: hashToken(token),
      identityId: user.identityId,
      userId: user.id,
      browser: browserInWords(meta.userAgent).slice(0, 128),
      ip: meta.ip,
      createdAt: now,
      lastUsedAt: null,
      expiresAt: deviceExpiry(now, days),
    });
    await this.deps.dataSource.transaction(async (manager) => {
      if (previous !== null) {
        await manager.delete(RememberedDevice, {
          tokenHash: hashToken(previous),
          identityId: user.identityId,
          userId: user.id,
        });
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(RememberedDevice)
        .values(device)
        .updateEntity(false)
        .execute();
      await this.deps.audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'two_factor.browser_remembered',
          details: {
            rememberedBrowserId: device.id,
            browser: device.browser,
            days,
            expiresAt: device.expiresAt.toISOString(),
          },
        },
        manager,
      );
    });
    return {
      name: this.cookieNameOf(user.identityId, user.id),
      value: token,
      maxAgeSeconds: days * 86_400,
    };
  }

  /**
   * At the moment a session would reach SECOND_FACTOR (a sign-in with one profile, by password
   * or through a provider, or a profile selected): a device cookie of this profile, unexpired and within the type's current
   * days, marks the second factor verified — not the login assurance, which only a factor the
   * login held gives (docs/design.md, Login assurance) — records its use, and answers true.
   */
  async recognize(caller: Caller, meta: RequestMeta, now = new Date()): Promise<boolean> {
    const user = caller.user;
    if (!user || caller.stage !== SessionStage.SECOND_FACTOR || this.daysFor(caller) === 0) {
      return false;
    }
    const token = this.tokenOf(meta, user.identityId, user.id);
    if (token === null) return false;
    const tokenHash = hashToken(token);
    const device = await this.deps.dataSource
      .getRepository(RememberedDevice)
      .findOneBy({ tokenHash });
    const decision = deviceDecision(
      {
        ...contextOf(caller),
        device,
        profile: { identityId: user.identityId, userId: user.id },
        locked: caller.facts?.locked ?? false,
      },
      now,
    );
    if (decision !== 'SKIP' || !device) return false;
    const days = this.daysFor(caller);
    const used = await this.deps.dataSource.transaction(async (manager) => {
      // conditional on everything decided above: a device forgotten meanwhile (a reset, a
      // tighter policy, a forget) is not used
      const result = await manager
        .createQueryBuilder()
        .update(RememberedDevice)
        .set({ lastUsedAt: now })
        .where('id = :id AND tokenHash = :tokenHash', { id: device.id, tokenHash })
        .andWhere('identityId = :identityId AND userId = :userId', {
          identityId: user.identityId,
          userId: user.id,
        })
        .andWhere('expiresAt > :now', { now })
        .andWhere('createdAt > :oldest', { oldest: oldestUsableCreation(now, days) })
        .execute();
      if ((result.affected ?? 0) === 0) return false;
      await manager.update(
        Session,
        { id: caller.session.id, secondFactorVerifiedAt: IsNull() },
        { secondFactorVerifiedAt: now },
      );
      await this.deps.audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'auth.remembered_browser_used',
          details: { rememberedBrowserId: device.id, browser: device.browser },
        },
        manager,
      );
      return true;
    });
    if (used) caller.session.secondFactorVerifiedAt = now;
    return used;
  }

  /**
   * The unexpired remembered browsers of each of `users`, newest first, in one statement: for the
   * profile itself, and for the owners and administrators who may look after it (never on a
   * profile of their own login, an administrator never on an owner: FORBIDDEN one by one).
   */
  async list(
    caller: Caller,
    users: readonly User[],
    meta: Pick<RequestMeta, 'deviceCookies'>,
    now = new Date(),
  ): Promise<(RememberedBrowserView[] | ForbiddenError)[]> {
    const actor = requireProfile(caller);
    const refusals = users.map((user) => this.refusalToRead(actor, user));
    const ids = [...new Set(users.filter((_user, i) => !refusals[i]).map((user) => user.id))];
    const devices =
      ids.length === 0
        ? []
        : await this.deps.dataSource.getRepository(RememberedDevice).find({
            where: { userId: In(ids), expiresAt: MoreThan(now) },
            order: { createdAt: 'DESC', id: 'DESC' },
          });
    const byUser = new Map<string, RememberedDevice[]>(ids.map((id) => [id, []]));
    for (const device of devices) {
      const list = byUser.get(device.userId);
      if (list && list.length < browsersShown) list.push(device);
    }
    return users.map((user, i) => {
      const refusal = refusals[i];
      if (refusal) return refusal;
      const held = this.tokenOf(meta, user.identityId, user.id);
      const heldHash = held === null ? null : hashToken(held);
      return (byUser.get(user.id) ?? []).map((device) => ({
        id: device.id,
        browser: device.browser,
        createdAt: device.createdAt,
        lastUsedAt: device.lastUsedAt,
        expiresAt: device.expiresAt,
        current: heldHash !== null && device.tokenHash === heldHash,
      }));
    });
  }

  private refusalToRead(actor: User, user: User): ForbiddenError | null {
    if (user.id === actor.id) return null;
    // a User object is of the caller's account; should another ever reach here, it shows nothing
    if (user.accountId !== actor.accountId) return new ForbiddenError();
    if (!hasPermission(actor, Permission.TWO_FACTOR_ADMIN)) {
      return new ForbiddenError(
        'Only owners and administrators see another user’s remembered browsers',
        ErrorReason.PERMISSION,
      );
    }
    switch (refuseOversight(actor, user)) {
      case 'SELF':
        return new ForbiddenError(
          'Each profile of your login shows its own remembered browsers',
          ErrorReason.SELF,
        );
      case 'OWNER':
        return new ForbiddenError(
          'Only an owner sees an owner’s remembered browsers',
          ErrorReason.OWNER,
        );
      case null:
        return null;
    }
  }

  /** Forgets one remembered browser of the caller's own profile; NOT_FOUND for any other. */
  async forgetOwn(caller: Caller, id: string, meta: RequestMeta): Promise<boolean> {
    const user = requireProfile(caller);
    if (!uuidPattern.test(id)) throw new NotFoundError('Remembered browser', 'id');
    await this.deps.dataSource.transaction(async (manager) => {
      const device = await manager.findOneBy(RememberedDevice, {
        id: id.toLowerCase(),
        userId: user.id,
      });
      const deleted = device
        ? await manager.delete(RememberedDevice, { id: device.id, userId: user.id })
        : null;
      // of two forgets at once, one finds it
      if (!device || (deleted?.affected ?? 0) === 0) {
        throw new NotFoundError('Remembered browser', 'id');
      }
      await this.deps.audit.record(
        {
          ...auditOwnProfile(caller, meta),
          action: 'two_factor.remembered_browsers_forgotten',
          details: { count: 1, rememberedBrowserId: device.id, browser: device.browser },
        },
        manager,
      );
    });
    return true;
  }

  /** Forgets every remembered browser of the caller's own profile; answers how many. */
  async forgetAllOwn(caller: Caller, meta: RequestMeta): Promise<number> {
    const user = requireProfile(caller);
    return this.deps.dataSource.transaction(async (manager) => {
      const count = await this.forgetForProfiles(manager, [user.id]);
      if (count > 0) {
        await this.deps.audit.record(
          {
            ...auditOwnProfile(caller, meta),
            action: 'two_factor.remembered_browsers_forgotten',
            details: { count },
          },
          manager,
        );
      }
      return count;
    });
  }

  /**
   * An administrator forgets every remembered browser of another user of the account: the rules
   * of endUserSessions (NOT_FOUND outside the account, never on a profile of their own login, an
   * administrator never on an owner). Answers how many; audited when any was.
   */
  async forgetForUser(caller: Caller, userId: string, meta: RequestMeta): Promise<number> {
    const actor = requireProfile(caller);
    return this.deps.dataSource.transaction(async (manager) => {
      const target = uuidPattern.test(userId)
        ? await manager.findOneBy(User, { id: userId.toLowerCase(), accountId: actor.accountId })
        : null;
      if (!target) throw new NotFoundError('User', 'userId');
      switch (refuseOversight(actor, target)) {
        case 'SELF':
          throw new ForbiddenError(
            'Forget your own remembered browsers from your profile page, not here',
            ErrorReason.SELF,
          );
        case 'OWNER':
          throw new ForbiddenError(
            'Only an owner can forget an owner’s remembered browsers',
            ErrorReason.OWNER,
          );
        case null:
          break;
      }
      const count = await this.forgetForProfiles(manager, [target.id]);
      if (count > 0) {
        await this.deps.audit.record(
          {
            accountId: target.accountId,
            actorUserId: actor.id,
            actorIdentityId: actor.identityId,
            action: 'two_factor.remembered_browsers_forgotten',
            targetType: 'User',
            targetId: target.id,
            ip: meta.ip,
            details: { count },
          },
          manager,
        );
      }
      return count;
    });
  }

  /**
   * Forgets every remembered browser of the profiles `userIds`, in the caller's transaction
   * (`manager`): a 2FA reset, a factor removed, 2FA turned off. Answers how many.
   */
  async forgetForProfiles(manager: EntityManager, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const result = await manager.delete(RememberedDevice, { userId: In([...userIds]) });
    return result.affected ?? 0;
  }

  /** Forgets every remembered browser of every profile of a login (its password changed). */
  async forgetForLogin(manager: EntityManager, identityId: string): Promise<number> {
    const result = await manager.delete(RememberedDevice, { identityId });
    return result.affected ?? 0;
  }

  /**
   * Forgets every remembered browser of the profiles of one user type of one account, in the
   * transaction of the policy change that tightened its rule.
   */
  async forgetForType(
    manager: EntityManager,
    accountId: string,
    userType: UserType,
  ): Promise<number> {
    const profiles = manager
      .createQueryBuilder()
      .subQuery()
      .select('profile.id')
      .from(User, 'profile')
      .where('profile.accountId = :accountId')
      .andWhere('profile.userType = :userType')
      .getQuery();
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(RememberedDevice)
      .where(`userId IN ${profiles}`, { accountId, userType })
      .execute();
    return result.affected ?? 0;
  }
}
