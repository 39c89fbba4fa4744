import { TwoFactorMethod } from '@twofold/shared';
import { type DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { SecurityPolicy } from '../../policy/security-policy.entity';
import { User } from '../../user/user.entity';
import { summarize, factsOf, type TwoFactorState, type TwoFactorSummary } from './facts';
import { columnName, tableName } from '../../../db/raw-columns';
import { BackupCode } from '../two-factor.entities';
import { heldBits } from './stored-base-values';

/** The raw columns `selectTwoFactorState` adds, by the TwoFactorState part they make. */
const stateColumns = {
  held: 'tf_held',
  locked: 'tf_locked',
  backupCodes: 'tf_backup_codes',
} as const;

/**
 * Adds what the profile behind the `users` alias `user` holds to `query`, as raw columns read
 * back by `twoFactorStateOfRow`: the 2FA state rides on the statement that loads the profile.
 * The methods and the lock come from the profile's stored columns, kept by the database in the
 * statement of every change (docs/design.md, Stored 2FA status); the backup codes are counted.
 */
export function selectTwoFactorState<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  user: string,
  now: Date,
  { backupCodes = true }: { backupCodes?: boolean } = {},
): SelectQueryBuilder<T> {
  const { dataSource } = query;
  const column = (property: 'id' | 'twoFactorHeld' | 'twoFactorLockedUntil') =>
    `${user}.${columnName(dataSource, User, property)}`;
  query
    .addSelect(column('twoFactorHeld'), stateColumns.held)
    // isLocked(): a disabled step stores a lock that never ends by itself
    .addSelect(
      `CASE WHEN ${column('twoFactorLockedUntil')} > :now THEN 1 ELSE 0 END`,
      stateColumns.locked,
    );
  // lists leave the count out: only their `backupCodesRemaining` field needs it (a loader)
  if (backupCodes) {
    query.addSelect(
      `(SELECT COUNT(*) FROM ${tableName(dataSource, BackupCode)} bc` +
        ` WHERE bc.${columnName(dataSource, BackupCode, 'userId')} = ${column('id')}` +
        ` AND bc.${columnName(dataSource, BackupCode, 'usedAt')} IS NULL)`,
      stateColumns.backupCodes,
    );
  }
  return query.setParameter('now', now);
}

/** The TwoFactorState of a row that `selectTwoFactorState` selected. */
export function twoFactorStateOfRow(row: Record<string, unknown>): TwoFactorState {
  const held = Number(row[stateColumns.held] ?? 0);
  return {
    // in one order whatever the database returns, so lists and answers are stable
    methods: Object.values(TwoFactorMethod).filter((method) => (held & heldBits[method]) !== 0),
    locked: Number(row[stateColumns.locked]) === 1,
    backupCodesRemaining: Number(row[stateColumns.backupCodes] ?? 0),
  };
}

/** What each profile of `userIds` holds, in one statement whatever their number. */
export async function loadTwoFactorStates(
  dataSource: DataSource,
  userIds: readonly string[],
  now = new Date(),
): Promise<Map<string, TwoFactorState>> {
  const ids = [...new Set(userIds)];
  const states = new Map<string, TwoFactorState>();
  if (ids.length === 0) return states;
  const rows = await selectTwoFactorState(
    dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .select('user.id', 'userId')
      .where({ id: In(ids) }),
    'user',
    now,
  ).getRawMany<Record<string, unknown>>();
  for (const row of rows) states.set(String(row.userId), twoFactorStateOfRow(row));
  return states;
}

/**
 * The `User` view of each profile's 2FA (status, methods, deadline, backup codes), for a batch of
 * profiles in two statements whatever its size: their states and their accounts' policies.
 */
export async function loadTwoFactorSummaries(
  dataSource: DataSource,
  users: readonly Pick<
    User,
    'id' | 'accountId' | 'userType' | 'twoFactorRequirement' | 'twoFactorDeadline' | 'lastSignInAt'
  >[],
  now = new Date(),
): Promise<Map<string, TwoFactorSummary>> {
  if (users.length === 0) return new Map();
  const accountIds = [...new Set(users.map((u) => u.accountId))];
  const [states, policies] = await Promise.all([
    loadTwoFactorStates(
      dataSource,
      users.map((u) => u.id),
      now,
    ),
    dataSource.getRepository(SecurityPolicy).findBy({ accountId: In(accountIds) }),
  ]);
  return summarizeAll(users, states, policies, now);
}

/** Each profile's summary from its state and its type's policy among `policies`. */
export function summarizeAll(
  users: readonly Pick<
    User,
    'id' | 'accountId' | 'userType' | 'twoFactorRequirement' | 'twoFactorDeadline' | 'lastSignInAt'
  >[],
  states: ReadonlyMap<string, TwoFactorState>,
  policies: readonly SecurityPolicy[],
  now: Date,
): Map<string, TwoFactorSummary> {
  const policyOf = new Map(policies.map((p) => [`${p.accountId}:${p.userType}`, p]));
  const summaries = new Map<string, TwoFactorSummary>();
  for (const user of users) {
    const policy = policyOf.get(`${user.accountId}:${user.userType}`) ?? null;
    summaries.set(user.id, summarize(factsOf(user, policy, states.get(user.id)), now));
  }
  return summaries;
}
