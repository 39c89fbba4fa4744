import { randomUUID } from 'node:crypto';
import type { TokenTransport } from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull, LessThan } from 'typeorm';
import { designSessionLifetimes, type SessionLifetimes } from '../../config';
import { hashToken, newToken } from '../../crypto/tokens';
import { NotFoundError } from '../../errors';
import type { AuditService } from '../audit/audit.service';
import type { Identity } from '../identity/identity.entity';
import type { IdentityProvider } from '../openid/identity-provider.entity';
import { storedAuthentication, type TokenAuthentication } from '../openid/provider-policy';
import { SecurityPolicy } from '../policy/security-policy.entity';
import type { RememberedDeviceService } from '../remembered-device/remembered-device.service';
import { Session } from '../session/session.entity';
import { firstSignInDeadline, noTwoFactor, type TwoFactorState } from '../two-factor/status/facts';
import { User } from '../user/user.entity';
import {
  type Caller,
  CallerChange,
  type Profile,
  type RequestMeta,
  requireProfile,
} from './caller';
import type { CallerService } from './caller.service';
import type { SessionDescription, SessionViewService } from './session-view.service';

/** Sessions: opened after a password or a provider, a profile selected, verified, ended. */
export class SessionService {
  private readonly lifetimes: SessionLifetimes;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      audit: AuditService;
      callers: CallerService;
      view: SessionViewService;
      rememberedDevices: RememberedDeviceService;
      lifetimes?: SessionLifetimes;
    },
  ) {
    this.lifetimes = deps.lifetimes ?? designSessionLifetimes;
  }

  /**
   * Opens a session for a login whose password or OpenID provider was just checked; one profile
   * of `profiles` is selected at once. A session the request already had (`previous`) ends once
   * the new one is open. `known` gives a profile's policy and 2FA state when already read.
   */
  async openSession(
    input: {
      identity: Identity;
      profiles: Profile[];
      transport: TokenTransport;
      /** The OpenID provider and what its ID token said; null after a password. */
      provider: { provider: IdentityProvider; authentication: TokenAuthentication } | null;
    },
    meta: RequestMeta,
    previous: Caller | null,
    now: Date,
    known?: (
      profile: Profile,
    ) => { policy: SecurityPolicy | null; state: TwoFactorState } | undefined,
  ): Promise<CallerChange<{ token: string; session: SessionDescription }>> {
    const { identity, profiles } = input;
    const token = newToken();
    const only = profiles.length === 1 ? profiles[0] : undefined;
    const session = this.deps.dataSource.getRepository(Session).create({
      id: randomUUID(),
      tokenHash: hashToken(token),
      identityId: identity.id,
      userId: only?.id ?? null,
      secondFactorVerifiedAt: null,
      heldFactorVerifiedAt: null,
      identityProviderId: input.provider?.provider.id ?? null,
      ...storedAuthentication(
        input.provider?.authentication ?? { amr: [], acr: null, authAt: null },
      ),
      transport: input.transport,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + this.lifetimes.absoluteMs),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    // one INSERT (save() would wrap the one row in a transaction)
    await this.deps.dataSource
      .createQueryBuilder()
      .insert()
      .into(Session)
      .values(session)
      .updateEntity(false)
      .execute();
    session.identity = identity;
    session.user = only ?? null;
    session.identityProvider = input.provider?.provider ?? null;
    if (previous) await this.endSession(previous);
    const knownOfOnly = only && known?.(only);
    if (only) await this.startGracePeriod(only, knownOfOnly ? knownOfOnly.policy : undefined, now);
    let caller = await this.deps.callers.build(session, now, knownOfOnly);
    if (only) caller = await this.recognizeBrowser(caller, meta, now);
    if (only) await this.recordProfileSignIn(caller, meta, now);
    return new CallerChange(caller, { token, session: await this.deps.view.describe(caller) });
  }
  async selectProfile(
    caller: Caller,
    userId: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<SessionDescription>> {
    const profile = (await this.deps.view.selectableProfiles(caller)).find((p) => p.id === userId);
    if (!profile) throw new NotFoundError('Profile', 'userId');
    // conditional: two concurrent selections cannot both win
    const result = await this.deps.dataSource
      .getRepository(Session)
      .update({ id: caller.session.id, userId: IsNull() }, { userId: profile.id });
    if ((result.affected ?? 0) === 0) throw new NotFoundError('Profile', 'userId');
    caller.session.userId = profile.id;
    caller.session.user = profile;
    await this.startGracePeriod(profile, undefined, now);
    const next = await this.recognizeBrowser(
      await this.deps.callers.build(caller.session, now),
      meta,
      now,
    );
    await this.recordProfileSignIn(next, meta, now);
    return new CallerChange(next, await this.deps.view.describe(next));
  }
  /**
   * A caller about to reach SECOND_FACTOR whose browser holds a remembered device of the profile
   * (docs/design.md, Remembered browsers) continues past it; any other caller is returned as is.
   */
  private async recognizeBrowser(caller: Caller, meta: RequestMeta, now: Date): Promise<Caller> {
    if (!(await this.deps.rememberedDevices.recognize(caller, meta, now))) return caller;
    const { facts } = caller;
    // the policy and factors are those just read: the new stage needs no statement
    return this.deps.callers.build(caller.session, now, {
      policy: caller.policy,
      state: facts
        ? {
            methods: facts.methods,
            locked: facts.locked,
            backupCodesRemaining: facts.backupCodesRemaining,
          }
        : noTwoFactor,
    });
  }
  /**
   * The caller once its second factor was verified: the profile's policy and factors are those
   * the request began with, its lockout starts over and `backupCodesRemaining` is what the check
   * left (a backup code), so the new stage needs no statement.
   */
  verified(
    caller: Caller,
    backupCodesRemaining: number | null,
    now = new Date(),
  ): Promise<CallerChange<SessionDescription>> {
    return this.changed(caller, now, {
      policy: caller.policy,
      state: caller.facts
        ? {
            methods: caller.facts.methods,
            locked: false,
            backupCodesRemaining: backupCodesRemaining ?? caller.facts.backupCodesRemaining,
          }
        : noTwoFactor,
    });
  }
  /**
   * The caller rebuilt after its session or factors changed (profile selected, second factor
   * verified, enrolled), with its new session description, for the request to continue with.
   */
  async changed(
    caller: Caller,
    now = new Date(),
    known?: { policy: SecurityPolicy | null; state: TwoFactorState },
  ): Promise<CallerChange<SessionDescription>> {
    const next = await this.deps.callers.build(caller.session, now, known);
    return new CallerChange(next, await this.deps.view.describe(next));
  }
  /**
   * A profile's first sign-in starts its grace period (docs/design.md, Second-factor rules): a
   * deadline fixed before it (at creation, or when its type became REQUIRED) moves to now + the
   * type's grace period when that is later. Conditional on the stored deadline, so a concurrent
   * first sign-in or policy change never moves it backwards; later sign-ins leave it alone.
   */
  private async startGracePeriod(
    profile: Profile,
    knownPolicy: SecurityPolicy | null | undefined,
    now: Date,
  ): Promise<void> {
    if (profile.lastSignInAt !== null || profile.twoFactorDeadline === null) return;
    const policy =
      knownPolicy !== undefined
        ? knownPolicy
        : await this.deps.dataSource
            .getRepository(SecurityPolicy)
            .findOneBy({ accountId: profile.accountId, userType: profile.userType });
    const deadline = firstSignInDeadline(profile.twoFactorDeadline, policy, now)!;
    if (deadline.getTime() <= profile.twoFactorDeadline.getTime()) return;
    const users = this.deps.dataSource.getRepository(User);
    const moved = await users.update(
      { id: profile.id, lastSignInAt: IsNull(), twoFactorDeadline: LessThan(deadline) },
      { twoFactorDeadline: deadline },
    );
    // a concurrent first sign-in got there first: its deadline is the one that holds
    profile.twoFactorDeadline =
      (moved.affected ?? 0) > 0
        ? deadline
        : ((
            await users.findOne({
              select: { id: true, twoFactorDeadline: true },
              where: { id: profile.id },
            })
          )?.twoFactorDeadline ?? profile.twoFactorDeadline);
  }
  /** Ends the caller's session; the rest of the request runs signed out. */
  async signOut(caller: Caller): Promise<CallerChange<boolean>> {
    await this.endSession(caller);
    return new CallerChange(null, true);
  }
  private async endSession(caller: Caller): Promise<void> {
    await this.deps.dataSource.getRepository(Session).delete({ id: caller.session.id });
  }
  /** Ends every session of a profile (suspension, removal, 2FA reset). */
  async revokeSessionsOfUser(
    userId: string,
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(Session).delete({ userId });
  }
  /** Ends every session of a login (password reset). */
  async revokeSessionsOfIdentity(
    identityId: string,
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(Session).delete({ identityId });
  }
  /**
   * The profile's sign-in, in its account's audit log (which the login's own activity shows too);
   * through an OpenID provider, with the provider and what stood for the second factor.
   */
  private async recordProfileSignIn(caller: Caller, meta: RequestMeta, now: Date): Promise<void> {
    const profile = requireProfile(caller);
    await this.deps.dataSource
      .getRepository(User)
      .update({ id: profile.id }, { lastSignInAt: now });
    profile.lastSignInAt = now;
    const provider = caller.session.identityProvider;
    await this.deps.audit.record({
      accountId: profile.accountId,
      actorUserId: profile.id,
      actorIdentityId: profile.identityId,
      action: 'auth.signed_in',
      targetType: 'User',
      targetId: profile.id,
      ip: meta.ip,
      ...(provider
        ? {
            details: {
              method: 'openid',
              provider: provider.displayName,
              identityProviderId: provider.id,
              secondFactor: caller.waiver ?? 'TWOFOLD',
              ...(caller.session.providerAmr ? { amr: caller.session.providerAmr } : {}),
              ...(caller.session.providerAcr ? { acr: caller.session.providerAcr } : {}),
            },
          }
        : {}),
    });
  }
}
