import type { DataSource } from 'typeorm';
import { hydrate, hydrateJoined } from '../../db/hydrate';
import { PreparedSelect } from '../../db/prepared';
import type { RawRow } from '../../db/raw-columns';
import { Account } from '../account/account.entity';
import { Identity } from '../identity/identity.entity';
import { IdentityProvider } from '../openid/identity-provider.entity';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import { Session } from '../session/session.entity';
import type { TwoFactorState } from '../two-factor/status/facts';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { SecondFactorGuard } from '../two-factor/two-factor.entities';
import { User } from '../user/user.entity';
import type { Profile } from './caller';

/** The named parameters of the caller's statement. */
export type CallerParams = { tokenHash: string; now: Date };

/** What the caller's statement read, as entities. */
export interface CallerRow {
  /** With its login, its OpenID provider (null after a password) and its profile (null while none is chosen). */
  session: Session & {
    identity: Identity;
    identityProvider: IdentityProvider | null;
    user: Profile | null;
  };
  /** The profile's policy; null without a profile or a policy for its type. */
  policy: SecurityPolicy | null;
  /** The profile's lockout row; null without a profile or before its first failure. */
  guard: SecondFactorGuard | null;
  /** What the profile holds; nothing without a profile. */
  state: TwoFactorState;
}

/**
 * Every request's statement: the session by token hash, with its login, profile, account, the
 * profile's policy, lockout row and 2FA state (built once: see PreparedSelect). Its rows are read
 * by `rowToCaller` alone.
 */
export function callerStatement(dataSource: DataSource): PreparedSelect<CallerParams> {
  return new PreparedSelect(dataSource, () =>
    selectTwoFactorState(
      dataSource
        .getRepository(Session)
        .createQueryBuilder('session')
        .innerJoinAndSelect('session.identity', 'identity')
        .leftJoinAndSelect('session.user', 'user')
        .leftJoinAndSelect('user.account', 'account')
        .leftJoinAndMapOne(
          'session.policy',
          SecurityPolicy,
          'policy',
          policyOfProfile('policy', 'user'),
        )
        .leftJoinAndMapOne('session.guard', SecondFactorGuard, 'guard', 'guard.userId = user.id')
        .leftJoinAndSelect('session.identityProvider', 'provider')
        .where('session.tokenHash = :tokenHash'),
      'user',
      new Date(0),
    ),
  );
}

/** The entities of a row of `callerStatement`. */
export function rowToCaller(dataSource: DataSource, row: RawRow): CallerRow {
  const [session] = hydrate(dataSource, Session, 'session', [row]) as [Session];
  const user = hydrateJoined(dataSource, User, 'user', row);
  return {
    session: Object.assign(session, {
      identity: hydrate(dataSource, Identity, 'identity', [row])[0]!,
      identityProvider: hydrateJoined(dataSource, IdentityProvider, 'provider', row),
      user:
        user &&
        Object.assign(user, { account: hydrate(dataSource, Account, 'account', [row])[0]! }),
    }),
    policy: hydrateJoined(dataSource, SecurityPolicy, 'policy', row),
    guard: hydrateJoined(dataSource, SecondFactorGuard, 'guard', row),
    state: twoFactorStateOfRow(row),
  };
}
