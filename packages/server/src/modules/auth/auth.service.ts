import { createHash, randomUUID } from 'node:crypto';
import {
  SecondFactorKind,
  type SecondFactorWaiver,
  SessionStage,
  TwoFactorMethod,
  signInSchema,
  toFieldErrors,
  type TokenTransport,
  UserStatus,
} from '@twofold/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import type { PreparedSelect } from '../../db/prepared';
import type { RawRow } from '../../db/raw-columns';
import { designSessionLifetimes, type SessionLifetimes } from '../../config';
import { verifyPassword } from '../../crypto/password';
import { hashToken, newToken } from '../../crypto/tokens';
import {
  BadInputError,
  NotFoundError,
  TooManyAttemptsError,
  UnauthenticatedError,
} from '../../errors';
import { type MetricsSink, noMetrics } from '../../metrics/sink';
import type { AuditService } from '../audit/audit.service';
import { Identity } from '../identity/identity.entity';
import type { IdentityProvider } from '../openid/identity-provider.entity';
import {
  authenticationOf,
  storedAuthentication,
  type TokenAuthentication,
  waiverOf,
} from '../openid/provider-policy';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import type { RateLimitService, RateRule } from '../rate-limit/rate-limit.service';
import { Session } from '../session/session.entity';
import {
  enrollmentPending,
  factsOf,
  noTwoFactor,
  type TwoFactorState,
} from '../two-factor/status/facts';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import {
  type Caller,
  CallerChange,
  type Profile,
  type RequestMeta,
  requireProfile,
} from './caller';
import { type CallerParams, callerStatement, rowToCaller } from './caller-statement';
import { type LoginWithProfiles, loginStatement, readLogin } from './login-statement';
import { computeStage } from './stage';

/** docs/design.md, Second-factor rules: the user is warned when this many backup codes or fewer remain. */
export const LOW_BACKUP_CODES = 3;

/** Failed password attempts: per email (known or not, so nothing leaks) and per client IP. */
export const passwordRules: { email: RateRule; ip: RateRule } = {
  email: { limit: 10, windowSeconds: 15 * 60 },
  ip: { limit: 100, windowSeconds: 15 * 60 },
};

export interface ProfileChoice {
  userId: string;
  accountName: string;
  displayName: string;
  userType: User['userType'];
}

/** What a session looks like to its holder (docs/design.md, GraphQL contract: `Session`). */
export interface SessionDescription {
  stage: SessionStage;
  waiver: SecondFactorWaiver | null;
  /** The OpenID provider the session was opened through; null after a password. */
  identityProviderName: string | null;
  expiresAt: Date;
  transport: TokenTransport;
  profiles: ProfileChoice[];
  user: User | null;
  availableSecondFactors: SecondFactorKind[];
  enrollment: { allowedMethods: TwoFactorMethod[]; deadline: Date | null } | null;
  /** Unused backup codes of an ACTIVE profile with a factor; null otherwise. */
  backupCodesRemaining: number | null;
  backupCodesLow: boolean;
}

const pendingStages: readonly SessionStage[] = [
  SessionStage.PROFILE_SELECTION,
  SessionStage.SECOND_FACTOR,
];

/** The rate-limit bucket of password attempts for one email (hashed: no email in clear). */
export function emailBucket(email: string): string {
  return `pw:email:${createHash('sha256').update(email).digest('hex')}`;
}

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly metrics: MetricsSink = noMetrics,
    private readonly lifetimes: SessionLifetimes = designSessionLifetimes,
  ) {
    this.callerStatement = callerStatement(dataSource);
  }

  /** Every request's statement (caller-statement.ts). */
  private readonly callerStatement: PreparedSelect<CallerParams>;

  /**
   * Checks the password and opens a session; one active profile is selected at once. A session
   * the request already had (`previous`) ends once the new one is open.
   */
  async signIn(
    input: { email: string; password: string; transport: TokenTransport },
    meta: RequestMeta,
    previous: Caller | null = null,
    now = new Date(),
  ): Promise<CallerChange<{ token: string; session: SessionDescription }>> {
    let result: CallerChange<{ token: string; session: SessionDescription }>;
    try {
      result = await this.checkPasswordAndOpen(input, meta, previous, now);
    } catch (error) {
      // wrong credentials were counted with their reason where they were told apart
      if (!(error instanceof UnauthenticatedError)) {
        this.metrics.signIn(
          error instanceof BadInputError
            ? 'invalid_input'
            : error instanceof TooManyAttemptsError
              ? 'rate_limited'
              : 'error',
        );
      }
      throw error;
    }
    this.metrics.signIn('success');
    return result;
  }

  private async checkPasswordAndOpen(
    input: { email: string; password: string; transport: TokenTransport },
    meta: RequestMeta,
    previous: Caller | null,
    now: Date,
  ): Promise<CallerChange<{ token: string; session: SessionDescription }>> {
    const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
    if (!parsed.success) throw new BadInputError(toFieldErrors(parsed.error));
    const { email, password } = parsed.data;

    const buckets = [
      { bucket: emailBucket(email), rule: passwordRules.email },
      ...(meta.ip ? [{ bucket: `pw:ip:${meta.ip}`, rule: passwordRules.ip }] : []),
    ];
    // counted before the password is checked: parallel guesses cannot all be checked
    const reservation = await this.rateLimits.reserve(buckets, now);
    const found = await this.loginWithProfiles(email, now);
    const passwordOk = await verifyPassword(found?.login.passwordHash ?? null, password);
    // read with the login, used only once the password is right
    const profiles = found && passwordOk ? found.profiles : [];
    if (!found || !passwordOk || profiles.length === 0) {
      this.metrics.signIn(
        !found ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'no_active_profile',
      );
      await this.recordFailure(found?.login ?? null, meta);
      throw new UnauthenticatedError('Wrong email or password');
    }
    // right: the login's failures start over, and this attempt counts nowhere
    await this.rateLimits.settle(reservation, [emailBucket(email)], now);
    const { login: identity, twoFactor } = found;

    return this.openSession(
      { identity, profiles, transport: input.transport, provider: null },
      meta,
      previous,
      now,
      (profile) => twoFactor.get(profile.id),
    );
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
    const session = this.dataSource.getRepository(Session).create({
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
    await this.dataSource
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
    const caller = await this.buildCaller(session, now, only && known?.(only));
    if (only) await this.recordProfileSignIn(caller, meta, now);
    return new CallerChange(caller, { token, session: await this.describe(caller) });
  }

  /**
   * The caller behind a token, or null when it is unknown, expired or its profile is gone. One
   * statement: the session with its login, profile, account, the profile's policy and 2FA state.
   */
  async resolve(token: string, now = new Date()): Promise<Caller | null> {
    if (token.length === 0 || token.length > 100) return null;
    const [row] = await this.callerStatement.rows({ tokenHash: hashToken(token), now });
    if (!row) return null;
    const { session, policy, guard, state } = rowToCaller(this.dataSource, row);
    if (session.user && session.user.status !== UserStatus.ACTIVE) {
      await this.dataSource.getRepository(Session).delete({ id: session.id });
      return null;
    }
    const caller = await this.buildCaller(session, now, { policy, state });
    if (session.user) caller.guard = guard;
    if (now.getTime() >= caller.expiresAt.getTime()) {
      await this.dataSource.getRepository(Session).delete({ id: session.id });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= this.lifetimes.touchEveryMs) {
      await this.dataSource.getRepository(Session).update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
      caller.expiresAt = this.expiryOf(session, caller.stage);
    }
    return caller;
  }

  /**
   * The login of `email` with its active profiles (accounts loaded) and each profile's policy and
   * 2FA state, in one statement.
   */
  private async loginWithProfiles(email: string, now: Date): Promise<LoginWithProfiles | null> {
    const rows = await loginStatement(this.dataSource, email, now).getRawMany<RawRow>();
    return readLogin(this.dataSource, rows);
  }

  /**
   * The identity's active profiles for PROFILE_SELECTION: across accounts after a password, in the
   * provider's account only after an OpenID sign-in.
   */
  activeProfiles(identityId: string, accountId?: string): Promise<Profile[]> {
    return this.dataSource.getRepository(User).find({
      where: { identityId, status: UserStatus.ACTIVE, ...(accountId ? { accountId } : {}) },
      relations: { account: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    }) as Promise<Profile[]>;
  }

  async selectProfile(
    caller: Caller,
    userId: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<CallerChange<SessionDescription>> {
    const profile = (await this.selectableProfiles(caller)).find((p) => p.id === userId);
    if (!profile) throw new NotFoundError('Profile', 'userId');
    // conditional: two concurrent selections cannot both win
    const result = await this.dataSource
      .getRepository(Session)
      .update({ id: caller.session.id, userId: IsNull() }, { userId: profile.id });
    if ((result.affected ?? 0) === 0) throw new NotFoundError('Profile', 'userId');
    caller.session.userId = profile.id;
    caller.session.user = profile;
    const change = await this.changed(caller, now);
    await this.recordProfileSignIn(change.caller!, meta, now);
    return change;
  }

  /** The profiles the caller's session may choose from (activeProfiles). */
  private async selectableProfiles(caller: Caller): Promise<Profile[]> {
    const { session } = caller;
    if (session.identityProviderId === null) return this.activeProfiles(caller.identity.id);
    // a provider speaks for its own account only; without it, for none
    const accountId = session.identityProvider?.accountId;
    return accountId ? this.activeProfiles(caller.identity.id, accountId) : [];
  }

  async describe(caller: Caller): Promise<SessionDescription> {
    const profiles =
      caller.stage === SessionStage.PROFILE_SELECTION
        ? (await this.selectableProfiles(caller)).map((p) => ({
            userId: p.id,
            accountName: p.account.name,
            displayName: p.displayName,
            userType: p.userType,
          }))
        : [];
    const remaining =
      caller.stage === SessionStage.ACTIVE && caller.facts?.hasActiveFactor
        ? caller.facts.backupCodesRemaining
        : null;
    return {
      stage: caller.stage,
      waiver: caller.waiver,
      identityProviderName: caller.session.identityProvider?.displayName ?? null,
      expiresAt: caller.expiresAt,
      transport: caller.session.transport,
      profiles,
      user: caller.user,
      availableSecondFactors: this.availableSecondFactorsOf(caller),
      enrollment: this.enrollmentOf(caller),
      backupCodesRemaining: remaining,
      backupCodesLow: remaining !== null && remaining <= LOW_BACKUP_CODES,
    };
  }

  /** At SECOND_FACTOR: what verifySecondFactor can check for this profile. */
  private availableSecondFactorsOf(caller: Caller): SecondFactorKind[] {
    const { facts } = caller;
    if (caller.stage !== SessionStage.SECOND_FACTOR || !facts) return [];
    const kindOf: Record<TwoFactorMethod, SecondFactorKind> = {
      [TwoFactorMethod.AUTHENTICATOR_APP]: SecondFactorKind.AUTHENTICATOR_APP,
      [TwoFactorMethod.SMS]: SecondFactorKind.SMS,
      [TwoFactorMethod.PIN]: SecondFactorKind.PIN,
    };
    // the user picks any method they hold; backup codes while some are left
    const kinds = facts.methods.map((method) => kindOf[method]);
    if (facts.backupCodesRemaining > 0) kinds.push(SecondFactorKind.BACKUP_CODE);
    return kinds;
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
    const next = await this.buildCaller(caller.session, now, known);
    return new CallerChange(next, await this.describe(next));
  }

  /** Filled while 2FA is required and not set up: in ENROLLMENT and during a grace period. */
  enrollmentOf(
    caller: Pick<Caller, 'facts' | 'policy' | 'waiver'>,
  ): SessionDescription['enrollment'] {
    const { facts, policy } = caller;
    // the provider's second factor stands in for Twofold's: nothing to set up here
    if (!facts || caller.waiver || !enrollmentPending(facts)) return null;
    const allowed = policy?.allowedMethods ?? [];
    return {
      // a profile required by an administrator under a type without methods still gets the app
      allowedMethods: allowed.length > 0 ? allowed : [TwoFactorMethod.AUTHENTICATOR_APP],
      deadline: facts.deadline,
    };
  }

  /** Ends the caller's session; the rest of the request runs signed out. */
  async signOut(caller: Caller): Promise<CallerChange<boolean>> {
    await this.endSession(caller);
    return new CallerChange(null, true);
  }

  private async endSession(caller: Caller): Promise<void> {
    await this.dataSource.getRepository(Session).delete({ id: caller.session.id });
  }

  /** Ends every session of a profile (suspension, removal, 2FA reset). */
  async revokeSessionsOfUser(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(Session).delete({ userId });
  }

  /** Ends every session of a login (password reset). */
  async revokeSessionsOfIdentity(
    identityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(Session).delete({ identityId });
  }

  /**
   * The caller of `session` (its `user` with `account` loaded, or null): stage and expiry from
   * the profile's policy and 2FA state, given when the caller's statement already read them.
   */
  private async buildCaller(
    session: Session,
    now: Date,
    known?: { policy: SecurityPolicy | null; state: TwoFactorState },
  ): Promise<Caller> {
    const user = (session.user as Profile | null | undefined) ?? null;
    const identity =
      session.identity ??
      (await this.dataSource.getRepository(Identity).findOneByOrFail({ id: session.identityId }));
    // the profile is the login's own: its email needs no query of its own (never its hash)
    if (user)
      user.identity = Object.assign(new Identity(), { id: identity.id, email: identity.email });
    const { policy, state } = user
      ? (known ?? (await this.loadTwoFactor(user, now)))
      : { policy: null, state: undefined };
    const facts = user ? factsOf(user, policy, state) : null;
    // every session comes with its provider read (resolve, openSession): none is loaded here
    const waiver = waiverOf(
      session.identityProvider ?? null,
      authenticationOf(session),
      user?.userType ?? null,
    );
    const stage = computeStage(
      {
        profileSelected: user !== null,
        secondFactorVerified: session.secondFactorVerifiedAt !== null,
        facts,
        waiver,
      },
      now,
    );
    return {
      session,
      identity,
      user,
      policy,
      facts,
      stage,
      waiver: user ? waiver : null,
      expiresAt: this.expiryOf(session, stage),
    };
  }

  /** The profile's policy and 2FA state, in one statement. */
  private async loadTwoFactor(
    user: User,
    now: Date,
  ): Promise<{ policy: SecurityPolicy | null; state: TwoFactorState }> {
    const { entities, raw } = await selectTwoFactorState(
      this.dataSource
        .getRepository(User)
        .createQueryBuilder('user')
        .select('user.id')
        .leftJoinAndMapOne(
          'user.policy',
          SecurityPolicy,
          'policy',
          policyOfProfile('policy', 'user'),
        )
        .where('user.id = :userId', { userId: user.id }),
      'user',
      now,
    ).getRawAndEntities();
    const row: (User & { policy?: SecurityPolicy | null }) | undefined = entities[0];
    return {
      policy: row?.policy ?? null,
      state: raw[0] ? twoFactorStateOfRow(raw[0] as Record<string, unknown>) : noTwoFactor,
    };
  }

  private expiryOf(session: Session, stage: SessionStage): Date {
    if (pendingStages.includes(stage)) {
      return new Date(session.createdAt.getTime() + this.lifetimes.pendingMs);
    }
    if (stage === SessionStage.ENROLLMENT) {
      // without a second factor a session is only as strong as the password: keep it short
      return new Date(
        Math.min(
          session.lastSeenAt.getTime() + this.lifetimes.enrollmentIdleMs,
          session.createdAt.getTime() + this.lifetimes.enrollmentAbsoluteMs,
        ),
      );
    }
    return new Date(
      Math.min(
        session.lastSeenAt.getTime() + this.lifetimes.idleMs,
        session.absoluteExpiresAt.getTime(),
      ),
    );
  }

  /**
   * The profile's sign-in, in its account's audit log (which the login's own activity shows too);
   * through an OpenID provider, with the provider and what stood for the second factor.
   */
  private async recordProfileSignIn(caller: Caller, meta: RequestMeta, now: Date): Promise<void> {
    const profile = requireProfile(caller);
    await this.dataSource.getRepository(User).update({ id: profile.id }, { lastSignInAt: now });
    const provider = caller.session.identityProvider;
    await this.audit.record({
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

  /**
   * A failed sign-in belongs to the login's own security activity (or to no one for an unknown
   * email), never to the audit log of an account the login has a profile in (docs/design.md, Permissions).
   */
  private async recordFailure(identity: Identity | null, meta: RequestMeta): Promise<void> {
    await this.audit.record({
      accountId: null,
      actorIdentityId: identity?.id ?? null,
      action: 'auth.sign_in_failed',
      ip: meta.ip,
      ...(identity
        ? { targetType: 'Identity', targetId: identity.id }
        : { details: { reason: 'unknown_email' } }),
    });
  }
}
