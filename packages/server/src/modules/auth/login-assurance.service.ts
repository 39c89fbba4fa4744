import { Enforcement, ErrorReason, UserStatus } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { columnKey, type RawRow } from '../../db/raw-columns';
import { ForbiddenError } from '../../errors';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import { effectiveEnforcement, factsOf } from '../two-factor/status/facts';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import type { Caller } from './caller';
import { isLoginAssured } from './login-assurance';

/** Decides, once per request, whether the caller's session may use the login-wide powers. */
export class LoginAssuranceService {
  /** Per caller object, so aliases in one request ask the database once. */
  private readonly decided = new WeakMap<Caller, Promise<boolean>>();

  constructor(private readonly deps: { dataSource: DataSource }) {}

  assured(caller: Caller, now = new Date()): Promise<boolean> {
    let decision = this.decided.get(caller);
    if (!decision) {
      decision = this.decide(caller, now);
      this.decided.set(caller, decision);
      // a failed read is not remembered: the next field asks again
      decision.catch(() => this.decided.delete(caller));
    }
    return decision;
  }

  /** Throws FORBIDDEN (LOGIN_NOT_ASSURED) unless the caller may use the login-wide powers. */
  async require(caller: Caller, now = new Date()): Promise<void> {
    if (!(await this.assured(caller, now))) {
      throw new ForbiddenError(
        'Verify a second factor you already hold in this sign-in, or reset the password by email',
        ErrorReason.LOGIN_NOT_ASSURED,
      );
    }
  }

  /**
   * Whether a factor this caller sets up now will vouch for the login: only when the session
   * verified a vouching factor, or the login holds no factor at all (not even one under a policy
   * that is OFF, which could be turned back on). A session opened by an identity provider speaks
   * for its account only. Asked before the enrollment writes anything.
   */
  async newFactorVouches(caller: Caller, now = new Date()): Promise<boolean> {
    const { session } = caller;
    if (session.identityProviderId !== null) return false;
    if (session.heldFactorVerifiedAt !== null) return true;
    return !(await this.factorsOfLogin(caller.identity.id, now)).any;
  }

  private async decide(caller: Caller, now: Date): Promise<boolean> {
    const { session } = caller;
    const openedByProvider = session.identityProviderId !== null;
    const verifiedHeldFactor = session.heldFactorVerifiedAt !== null;
    // the statement is needed only when the session's own mark does not decide
    if (openedByProvider || verifiedHeldFactor) {
      return isLoginAssured({ openedByProvider, verifiedHeldFactor, loginHoldsFactor: true });
    }
    return isLoginAssured({
      openedByProvider,
      verifiedHeldFactor,
      loginHoldsFactor: (await this.factorsOfLogin(caller.identity.id, now)).asked,
    });
  }

  /**
   * What the login's active profiles hold, in one statement: `asked`, a factor that its profile's
   * sign-in asks for (a factor under a policy that is OFF is never asked, so it protects nothing
   * and cannot be verified), whether or not it vouches; `any`, a factor at all.
   */
  private async factorsOfLogin(
    identityId: string,
    now: Date,
  ): Promise<{ asked: boolean; any: boolean }> {
    const { entities, raw } = await selectTwoFactorState(
      this.deps.dataSource
        .getRepository(User)
        .createQueryBuilder('user')
        .leftJoinAndMapOne(
          'user.policy',
          SecurityPolicy,
          'policy',
          policyOfProfile('policy', 'user'),
        )
        .where('user.identityId = :identityId AND user.status = :active', {
          identityId,
          active: UserStatus.ACTIVE,
        }),
      'user',
      now,
      { backupCodes: false },
    ).getRawAndEntities();
    const userId = columnKey(this.deps.dataSource, 'user', User, 'id');
    const rows = new Map((raw as RawRow[]).map((row) => [String(row[userId]), row]));
    const held = { asked: false, any: false };
    for (const profile of entities as (User & { policy?: SecurityPolicy | null })[]) {
      const row = rows.get(profile.id);
      if (!row) continue;
      const facts = factsOf(profile, profile.policy ?? null, twoFactorStateOfRow(row));
      if (!facts.hasActiveFactor) continue;
      held.any = true;
      if (effectiveEnforcement(facts) !== Enforcement.OFF) held.asked = true;
    }
    return held;
  }
}
