import { displayNameSchema, passwordSchema, toFieldErrors } from '@twofold/shared';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { type FindOptionsWhere, Not } from 'typeorm';
import { hashPassword, verifyPassword } from '../../crypto/password';
import { BadInputError, NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import { changesOf } from '../audit/changes';
import { emailBucket, passwordRules } from '../auth/password-sign-in.service';
import { type Caller, type RequestMeta, requireProfile } from '../auth/caller';
import type { LoginAssuranceService } from '../auth/login-assurance.service';
import { Identity } from '../identity/identity.entity';
import { changeBucket, changeRule, type RateLimitService } from '../rate-limit/rate-limit.service';
import type { RememberedDeviceService } from '../remembered-device/remembered-device.service';
import { Session } from '../session/session.entity';
import { User } from '../user/user.entity';
import { searchKey } from '../user/search-keys';

const updateProfileSchema = z.object({ displayName: displayNameSchema });
const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, { message: 'Required' }).max(256),
  newPassword: passwordSchema,
});

/** What every profile may do to itself (docs/design.md, Permissions, last row). */
export class ProfileService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      rateLimits: RateLimitService;
      loginAssurance: LoginAssuranceService;
      rememberedDevices: RememberedDeviceService;
    },
  ) {}

  async updateProfile(
    caller: Caller,
    input: { displayName: string },
    meta: RequestMeta,
  ): Promise<User> {
    const parsed = updateProfileSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error, 'input'));
    const user = caller.user!;
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        {
          displayName: parsed.data.displayName,
          searchName: searchKey(parsed.data.displayName),
        },
      );
      await this.deps.audit.record(
        {
          accountId: user.accountId,
          actorUserId: user.id,
          actorIdentityId: user.identityId,
          action: 'profile.updated',
          targetType: 'User',
          targetId: user.id,
          ip: meta.ip,
          details: {
            fields: ['displayName'],
            changes: changesOf(
              { displayName: user.displayName },
              { displayName: parsed.data.displayName },
            ),
          },
        },
        manager,
      );
    });
    user.displayName = parsed.data.displayName;
    return user;
  }

  /** Needs the current password; ends the login's other sessions. Wrong guesses count like sign-in failures. */
  async changePassword(
    caller: Caller,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void> {
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    // before any guess is checked: the password is the login's, not this profile's
    await this.deps.loginAssurance.require(caller);
    const bucket = emailBucket(caller.identity.email);
    const changes = changeBucket('password', caller.identity.id);
    // reserved before the check, like sign-in: parallel guesses cannot all be checked; a change
    // counts as well, so right answers cannot repeat the two hashes without end
    await this.deps.rateLimits.reserve([
      { bucket, rule: passwordRules.email },
      { bucket: changes, rule: changeRule },
    ]);
    const identity = await this.deps.dataSource
      .getRepository(Identity)
      .findOneByOrFail({ id: caller.identity.id });
    if (!(await verifyPassword(identity.passwordHash, parsed.data.currentPassword))) {
      await this.deps.rateLimits.giveBack({ buckets: [changes] });
      throw new BadInputError([
        { field: 'currentPassword', message: 'This is not your current password' },
      ]);
    }
    await this.deps.rateLimits.giveBack({ buckets: [bucket] });
    const passwordHash = await hashPassword(parsed.data.newPassword);
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.update(Identity, { id: identity.id }, { passwordHash });
      await manager.delete(Session, { identityId: identity.id, id: Not(caller.session.id) });
      // every profile's, this browser's too: each was remembered on the old password's word
      const forgotten = await this.deps.rememberedDevices.forgetForLogin(manager, identity.id);
      await this.deps.audit.record(
        {
          // the login's own security activity, no tenant's audit log (docs/design.md, Permissions)
          accountId: null,
          actorUserId: null,
          actorIdentityId: identity.id,
          action: 'auth.password_changed',
          targetType: 'Identity',
          targetId: identity.id,
          ip: meta.ip,
          details: forgotten > 0 ? { rememberedBrowsersForgotten: forgotten } : null,
        },
        manager,
      );
    });
  }

  /** The sessions the caller sees and may end, newest first (see `sessionScope`). */
  async sessions(caller: Caller): Promise<Session[]> {
    return this.deps.dataSource.getRepository(Session).find({
      where: await this.sessionScope(caller),
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  async revokeSession(caller: Caller, id: string): Promise<void> {
    const result = await this.deps.dataSource
      .getRepository(Session)
      .delete({ ...(await this.sessionScope(caller)), id });
    if ((result.affected ?? 0) === 0) throw new NotFoundError('Session', 'id');
  }

  /**
   * A profile's own sessions; the whole login's (every profile, every account) only for a session
   * with login assurance: a profile without 2FA in one account must not become a way to see or end
   * the sessions of a profile protected by one in another, nor may one account's identity provider
   * speak for the login in the others.
   */
  private async sessionScope(caller: Caller): Promise<FindOptionsWhere<Session>> {
    if (await this.deps.loginAssurance.assured(caller)) return { identityId: caller.identity.id };
    return { identityId: caller.identity.id, userId: requireProfile(caller).id };
  }
}
