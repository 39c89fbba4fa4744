import { ErrorReason, type SecondFactorWaiver, type SessionStage } from '@twofold/shared';
import { ForbiddenError } from '../../errors';
import type { Account } from '../account/account.entity';
import type { Identity } from '../identity/identity.entity';
import type { SecurityPolicy } from '../policy/security-policy.entity';
import type { Session } from '../session/session.entity';
import type { ProfileTwoFactor } from '../two-factor/status/facts';
import type { SecondFactorGuard } from '../two-factor/two-factor.entities';
import type { User } from '../user/user.entity';

/** Where a request comes from, as recorded in sessions and audit events. */
export interface RequestMeta {
  ip: string | null;
  userAgent?: string | null;
  /**
   * The request's remembered-browser cookies (name → device token), read at sign-in
   * (docs/design.md, Remembered browsers); never recorded anywhere.
   */
  deviceCookies?: Readonly<Record<string, string>>;
}

/** A profile with its account loaded: what a caller acts as once past profile selection. */
export type Profile = User & { account: Account };

/** Who is calling: the session, its login and, once chosen, the profile with its 2FA. */
export interface Caller {
  session: Session;
  identity: Identity;
  user: Profile | null;
  policy: SecurityPolicy | null;
  /** The selected profile's 2FA: policy, requirement, factors, backup codes, lockout. */
  facts: ProfileTwoFactor | null;
  stage: SessionStage;
  /** Set when the session's OpenID provider stands in for Twofold's second factor. */
  waiver: SecondFactorWaiver | null;
  expiresAt: Date;
  /**
   * The profile's lockout row as the request's first statement read it (null: none yet;
   * undefined: not read). Only a first guess for the lockout's conditional write.
   */
  guard?: SecondFactorGuard | null;
}

/**
 * A result that also changes who the caller is (sign-in, profile selection, second factor,
 * enrollment, sign-out): the GraphQL seam swaps `caller` into the request before answering
 * `value`, so later fields of the same request see the new session.
 */
export class CallerChange<T> {
  constructor(
    readonly caller: Caller | null,
    readonly value: T,
  ) {}
}

/** The selected profile; the guard lets only sessions with one reach the operations calling it. */
export function requireProfile(caller: Pick<Caller, 'user'>): Profile {
  if (!caller.user) {
    throw new ForbiddenError('Select a profile first', ErrorReason.PROFILE_NOT_SELECTED);
  }
  return caller.user;
}

/** The actor block of an audit event written on behalf of the caller's profile. */
export function auditActor(
  caller: Caller,
  meta: RequestMeta,
): { accountId: string; actorUserId: string; actorIdentityId: string; ip: string | null } {
  const user = requireProfile(caller);
  return {
    accountId: user.accountId,
    actorUserId: user.id,
    actorIdentityId: user.identityId,
    ip: meta.ip,
  };
}

/** The actor block of an audit event about the caller's own profile (its target too). */
export function auditOwnProfile(
  caller: Caller,
  meta: RequestMeta,
): ReturnType<typeof auditActor> & { targetType: 'User'; targetId: string } {
  const actor = auditActor(caller, meta);
  return { ...actor, targetType: 'User', targetId: actor.actorUserId };
}
