import { UserStatus } from '@twofold/shared';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { hydrate, hydrateJoined } from '../../db/hydrate';
import type { RawRow } from '../../db/raw-columns';
import { Account } from '../account/account.entity';
import { Identity } from '../identity/identity.entity';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import type { TwoFactorState } from '../two-factor/status/facts';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { User } from '../user/user.entity';
import type { Profile } from './caller';

/** A login with its active profiles, as a password sign-in reads it. */
export interface LoginWithProfiles {
  login: Identity;
  /** Oldest first, each with its account. */
  profiles: Profile[];
  /** Each profile's policy and 2FA state, by profile id, read with it. */
  twoFactor: Map<string, { policy: SecurityPolicy | null; state: TwoFactorState }>;
}

/**
 * The login of `email` with its active profiles, their accounts, each profile's policy and 2FA
 * state, in one statement. Its rows are read by `readLogin` alone.
 */
export function loginStatement(
  dataSource: DataSource,
  email: string,
  now: Date,
): SelectQueryBuilder<Identity> {
  return selectTwoFactorState(
    dataSource
      .getRepository(Identity)
      .createQueryBuilder('identity')
      .leftJoin(User, 'profile', 'profile.identityId = identity.id AND profile.status = :active', {
        active: UserStatus.ACTIVE,
      })
      .addSelect('profile')
      .leftJoin('profile.account', 'account')
      .addSelect('account')
      .leftJoin(SecurityPolicy, 'policy', policyOfProfile('policy', 'profile'))
      .addSelect('policy')
      .where('identity.email = :email', { email })
      .orderBy('profile.createdAt', 'ASC')
      .addOrderBy('profile.id', 'ASC'),
    'profile',
    now,
  );
}

/** The login and profiles of the rows of `loginStatement` (one a profile); null: no such login. */
export function readLogin(
  dataSource: DataSource,
  rows: readonly RawRow[],
): LoginWithProfiles | null {
  const [first] = rows;
  if (!first) return null;
  const profiles: Profile[] = [];
  const twoFactor: LoginWithProfiles['twoFactor'] = new Map();
  for (const row of rows) {
    // a login without an active profile is one row without one
    const profile = hydrateJoined(dataSource, User, 'profile', row);
    if (!profile) continue;
    const account = hydrate(dataSource, Account, 'account', [row])[0]!;
    profiles.push(Object.assign(profile, { account }));
    twoFactor.set(profile.id, {
      policy: hydrateJoined(dataSource, SecurityPolicy, 'policy', row),
      state: twoFactorStateOfRow(row),
    });
  }
  return { login: hydrate(dataSource, Identity, 'identity', [first])[0]!, profiles, twoFactor };
}
