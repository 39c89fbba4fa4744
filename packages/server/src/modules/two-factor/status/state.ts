import { TwoFactorMethod } from '@twofold/shared';
import { type DataSource, In, IsNull } from 'typeorm';
import { SecurityPolicy } from '../../policy/security-policy.entity';
import type { User } from '../../user/user.entity';
import { BackupCode, FactorStatus, SecondFactorGuard } from '../two-factor.entities';
import { factsOf, isLocked, summarize, type TwoFactorState, type TwoFactorSummary } from './facts';

export async function loadTwoFactorStates(
  dataSource: DataSource,
  userIds: readonly string[],
  now = new Date(),
): Promise<Map<string, TwoFactorState>> {
  const ids = [...new Set(userIds)];
  const states = new Map<string, TwoFactorState>();
  if (ids.length === 0) return states;
  const [factors, guards, codes] = await Promise.all([
    loadMethods(dataSource, ids),
    dataSource.getRepository(SecondFactorGuard).findBy({ userId: In(ids) }),
    dataSource
      .getRepository(BackupCode)
      .createQueryBuilder('c')
      .select('c.userId', 'userId')
      .addSelect('COUNT(*)', 'remaining')
      .where({ userId: In(ids), usedAt: IsNull() })
      .groupBy('c.userId')
      .getRawMany<{ userId: string; remaining: number | string }>(),
  ]);
  const guardOf = new Map(guards.map((g) => [g.userId, g]));
  const remainingOf = new Map(codes.map((c) => [c.userId, Number(c.remaining)]));
  for (const id of ids) {
    states.set(id, {
      // in one order whatever the database returns, so lists and answers are stable
      methods: Object.values(TwoFactorMethod).filter((m) => factors.has(`${id}:${m}`)),
      locked: isLocked(guardOf.get(id), now),
      backupCodesRemaining: remainingOf.get(id) ?? 0,
    });
  }
  return states;
}

/** `userId:METHOD` of every confirmed factor of `ids`, all three kinds in one query. */
async function loadMethods(dataSource: DataSource, ids: readonly string[]): Promise<Set<string>> {
  const marks = ids.map(() => '?').join(', ');
  const rows = await dataSource.query<{ userId: string; method: string }[]>(
    `SELECT userId, '${TwoFactorMethod.AUTHENTICATOR_APP}' AS method FROM authenticator_factors` +
      ` WHERE status = '${FactorStatus.ACTIVE}' AND userId IN (${marks})` +
      ` UNION ALL SELECT userId, '${TwoFactorMethod.SMS}' AS method FROM sms_factors` +
      ` WHERE status = '${FactorStatus.ACTIVE}' AND userId IN (${marks})` +
      ` UNION ALL SELECT userId, '${TwoFactorMethod.PIN}' AS method FROM pin_factors` +
      ` WHERE userId IN (${marks})`,
    [...ids, ...ids, ...ids],
  );
  return new Set(rows.map((r) => `${r.userId}:${r.method}`));
}

/**
 * The `User` view of each profile's 2FA (status, methods, deadline, backup codes), for a batch of
 * profiles in four queries whatever its size: their states and their accounts' policies.
 */
export async function loadTwoFactorSummaries(
  dataSource: DataSource,
  users: readonly Pick<
    User,
    'id' | 'accountId' | 'userType' | 'twoFactorRequirement' | 'twoFactorDeadline'
  >[],
  now = new Date(),
): Promise<Map<string, TwoFactorSummary>> {
  const summaries = new Map<string, TwoFactorSummary>();
  if (users.length === 0) return summaries;
  const accountIds = [...new Set(users.map((u) => u.accountId))];
  const [states, policies] = await Promise.all([
    loadTwoFactorStates(
      dataSource,
      users.map((u) => u.id),
      now,
    ),
    dataSource.getRepository(SecurityPolicy).findBy({ accountId: In(accountIds) }),
  ]);
  const policyOf = new Map(policies.map((p) => [`${p.accountId}:${p.userType}`, p]));
  for (const user of users) {
    const policy = policyOf.get(`${user.accountId}:${user.userType}`) ?? null;
    summaries.set(user.id, summarize(factsOf(user, policy, states.get(user.id)), now));
  }
  return summaries;
}
