import { SessionStage, UserStatus } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { designSessionLifetimes, type SessionLifetimes } from '../../config';
import { hashToken } from '../../crypto/tokens';
import type { PreparedSelect } from '../../db/prepared';
import { Identity } from '../identity/identity.entity';
import { authenticationOf, waiverOf } from '../openid/provider-policy';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import { Session } from '../session/session.entity';
import { factsOf, noTwoFactor, type TwoFactorState } from '../two-factor/status/facts';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import type { Caller, Profile } from './caller';
import { type CallerParams, callerStatement, rowToCaller } from './caller-statement';
import { computeStage } from './stage';

const pendingStages: readonly SessionStage[] = [
  SessionStage.PROFILE_SELECTION,
  SessionStage.SECOND_FACTOR,
];

/**
 * Who is calling: the caller behind a session token (every request's one statement), and a
 * session's caller rebuilt after it changed, with its stage, 2FA facts and expiry.
 */
export class CallerService {
  private readonly lifetimes: SessionLifetimes;
  /** Every request's statement (caller-statement.ts). */
  private readonly callerStatement: PreparedSelect<CallerParams>;

  constructor(private readonly deps: { dataSource: DataSource; lifetimes?: SessionLifetimes }) {
    this.lifetimes = deps.lifetimes ?? designSessionLifetimes;
    this.callerStatement = callerStatement(deps.dataSource);
  }

  /**
   * The caller behind a token, or null when it is unknown, expired or its profile is gone. One
   * statement: the session with its login, profile, account, the profile's policy and 2FA state.
   */
  async resolve(token: string, now = new Date()): Promise<Caller | null> {
    if (token.length === 0 || token.length > 100) return null;
    const [row] = await this.callerStatement.rows({ tokenHash: hashToken(token), now });
    if (!row) return null;
    const { session, policy, guard, state } = rowToCaller(this.deps.dataSource, row);
    if (session.user && session.user.status !== UserStatus.ACTIVE) {
      await this.deps.dataSource.getRepository(Session).delete({ id: session.id });
      return null;
    }
    const caller = await this.build(session, now, { policy, state });
    if (session.user) caller.guard = guard;
    if (now.getTime() >= caller.expiresAt.getTime()) {
      await this.deps.dataSource.getRepository(Session).delete({ id: session.id });
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= this.lifetimes.touchEveryMs) {
      await this.deps.dataSource
        .getRepository(Session)
        .update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
      caller.expiresAt = this.expiryOf(session, caller.stage);
    }
    return caller;
  }
  /**
   * The caller of `session` (its `user` with `account` loaded, or null): stage and expiry from
   * the profile's policy and 2FA state, given when the caller's statement already read them.
   */
  async build(
    session: Session,
    now: Date,
    known?: { policy: SecurityPolicy | null; state: TwoFactorState },
  ): Promise<Caller> {
    const user = (session.user as Profile | null | undefined) ?? null;
    const identity =
      session.identity ??
      (await this.deps.dataSource
        .getRepository(Identity)
        .findOneByOrFail({ id: session.identityId }));
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
      this.deps.dataSource
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
}
