import { TwoFactorMethod } from '@twofold/shared';
import { type DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { SecurityPolicy } from '../../policy/security-policy.entity';
import { User } from '../../user/user.entity';
import { summarize, factsOf, type TwoFactorState, type TwoFactorSummary } from './facts';
import { twoFactorStateSql } from './status-sql';

/** The raw columns `selectTwoFactorState` adds, by the TwoFactorState part they make. */
const stateColumns = {
  app: 'tf_app',
  sms: 'tf_sms',
  pin: 'tf_pin',
  passkey: 'tf_passkey',
  locked: 'tf_locked',
  backupCodes: 'tf_backup_codes',
} as const;

/**
 * Adds what the profile behind the `users` alias `user` holds to `query`, as raw columns read
 * back by `twoFactorStateOfRow`: the 2FA state rides on the statement that loads the profile.
 */
export function selectTwoFactorState<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  user: string,
  now: Date,
  { backupCodes = true }: { backupCodes?: boolean } = {},
): SelectQueryBuilder<T> {
  const sql = twoFactorStateSql(query.dataSource, user);
  for (const [part, column] of Object.entries(stateColumns)) {
    // lists leave the count out: only their `backupCodesRemaining` field needs it (a loader)
    if (part === 'backupCodes' && !backupCodes) continue;
    query.addSelect(sql[part as keyof typeof stateColumns], column);
  }
  return query.setParameter('now', now);
}

const truthy = (value: unknown) => Number(value) === 1;

/** The TwoFactorState of a row that `selectTwoFactorState` selected. */
export function twoFactorStateOfRow(row: Record<string, unknown>): TwoFactorState {
  const held: Record<TwoFactorMethod, boolean> = {
    [TwoFactorMethod.AUTHENTICATOR_APP]: truthy(row[stateColumns.app]),
    [TwoFactorMethod.SMS]: truthy(row[stateColumns.sms]),
    [TwoFactorMethod.PIN]: truthy(row[stateColumns.pin]),
    [TwoFactorMethod.PASSKEY]: truthy(row[stateColumns.passkey]),
  };
  return {
    // in one order whatever the database returns, so lists and answers are stable
    methods: Object.values(TwoFactorMethod).filter((method) => held[method]),
    locked: truthy(row[stateColumns.locked]),
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
