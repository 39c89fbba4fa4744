import { TwoFactorMethod } from '@twofold/shared';
import { type DataSource, In, IsNull } from 'typeorm';
import {
  AuthenticatorFactor,
  BackupCode,
  FactorStatus,
  SecondFactorGuard,
} from './two-factor.entities';

/** What a profile holds: loaded for a batch of profiles in three queries, whatever its size. */
export interface TwoFactorState {
  methods: TwoFactorMethod[];
  hasActiveFactor: boolean;
  /** Locked out for now, or disabled after 100 failures until an administrator resets it. */
  locked: boolean;
  backupCodesRemaining: number;
}

export const noTwoFactor: TwoFactorState = {
  methods: [],
  hasActiveFactor: false,
  locked: false,
  backupCodesRemaining: 0,
};

export function isLocked(
  guard: Pick<SecondFactorGuard, 'disabledAt' | 'lockedUntil'> | undefined,
  now: Date,
): boolean {
  if (!guard) return false;
  return (
    guard.disabledAt !== null ||
    (guard.lockedUntil !== null && guard.lockedUntil.getTime() > now.getTime())
  );
}

export async function loadTwoFactorStates(
  dataSource: DataSource,
  userIds: readonly string[],
  now = new Date(),
): Promise<Map<string, TwoFactorState>> {
  const ids = [...new Set(userIds)];
  const states = new Map<string, TwoFactorState>();
  if (ids.length === 0) return states;
  const [factors, guards, codes] = await Promise.all([
    dataSource.getRepository(AuthenticatorFactor).find({
      select: { userId: true },
      where: { userId: In(ids), status: FactorStatus.ACTIVE },
    }),
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
  const withApp = new Set(factors.map((f) => f.userId));
  const guardOf = new Map(guards.map((g) => [g.userId, g]));
  const remainingOf = new Map(codes.map((c) => [c.userId, Number(c.remaining)]));
  for (const id of ids) {
    const methods = withApp.has(id) ? [TwoFactorMethod.AUTHENTICATOR_APP] : [];
    states.set(id, {
      methods,
      hasActiveFactor: methods.length > 0,
      locked: isLocked(guardOf.get(id), now),
      backupCodesRemaining: remainingOf.get(id) ?? 0,
    });
  }
  return states;
}
