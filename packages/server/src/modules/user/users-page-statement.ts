import { TwoFactorStatus, type UserStatus, type UserType } from '@twofold/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isSqlite } from '../../db/dialect';
import { hydrate } from '../../db/hydrate';
import { boundedCountQuery, boundedUnionCountQuery } from '../../db/paging';
import { columnKey, type RawRow } from '../../db/raw-columns';
import { Identity } from '../identity/identity.entity';
import { policyOfProfile, SecurityPolicy } from '../policy/security-policy.entity';
import type { TwoFactorState } from '../two-factor/status/facts';
import { storedStatusCondition } from '../two-factor/status/status-filter-sql';
import { selectTwoFactorState, twoFactorStateOfRow } from '../two-factor/status/state';
import { likePrefix, prefixRange, searchKey } from './search-keys';
import { User } from './user.entity';

/** What a users page is narrowed by (validated by `usersFilterSchema`). */
export interface UsersFilter {
  userType?: UserType;
  twoFactorStatus?: TwoFactorStatus;
  status?: UserStatus;
  search?: string;
}

/** The raw column of the page that holds each user's login email (of the join `login`). */
const loginEmailOf = (dataSource: DataSource) => columnKey(dataSource, 'login', Identity, 'email');

/**
 * The named parameters of `filteredQuery` (the page's cursor is added by its caller). The search
 * is folded as the stored keys are, and bounded both ways: a LIKE prefix for MariaDB/MySQL
 * (whose collation orders by weight, not code point), a code-point range for SQLite.
 */
export function filterParameters(
  accountId: string,
  filter: UsersFilter,
  now: Date,
): Record<string, unknown> {
  const prefix = filter.search ? searchKey(filter.search) : undefined;
  const range = prefix === undefined ? undefined : prefixRange(prefix);
  return {
    accountId,
    userType: filter.userType,
    twoFactorStatus: filter.twoFactorStatus,
    status: filter.status,
    pattern: prefix === undefined ? undefined : likePrefix(prefix),
    searchFrom: range?.from,
    // no code point is above `\u{10ffff}`: past every key that starts with the prefix
    searchTo: range && (range.to ?? `${range.from}${'\u{10ffff}'.repeat(searchKeyLengthMax)}`),
    now,
  };
}

/** The longest search key: an email. */
const searchKeyLengthMax = 254;

/** The folded columns a search looks for a prefix of, each with its own index. */
const searchColumns = ['searchName', 'searchEmail'] as const;
type SearchColumn = (typeof searchColumns)[number];

/**
 * The account's users narrowed by `filter` (a search on the folded `searchKeys` only). Its SQL
 * depends only on which conditions the filter has and on its 2FA status, never on the other values
 * (named parameters), so a list builds it once per shape.
 */
function filteredQuery(
  dataSource: DataSource,
  accountId: string,
  filter: UsersFilter,
  now: Date,
  searchKeys: readonly SearchColumn[] = searchColumns,
): SelectQueryBuilder<User> {
  const query = dataSource
    .getRepository(User)
    .createQueryBuilder('user')
    .where('user.accountId = :accountId')
    .setParameters(filterParameters(accountId, filter, now));
  if (filter.userType) query.andWhere('user.userType = :userType');
  if (filter.status) query.andWhere('user.status = :status');
  if (filter.search) {
    // a prefix of either folded key: two ranges on their indexes, never a scan of the account
    const startsWith = (key: string) =>
      isSqlite(dataSource)
        ? `(${key} >= :searchFrom AND ${key} < :searchTo)`
        : `${key} LIKE :pattern ESCAPE '!'`;
    query.andWhere(`(${searchKeys.map((key) => startsWith(`user.${key}`)).join(' OR ')})`);
  }
  // the stored status columns: the condition depends on the status (docs/design.md, Stored 2FA status)
  if (filter.twoFactorStatus) query.andWhere(storedStatusCondition(filter.twoFactorStatus));
  return query;
}

/**
 * A page of the account's users, ordered by display name then id, with each user's login email
 * (never its password hash), its type's policy and what it holds but its backup codes; `after`:
 * the page starts after the named parameters `afterName` and `afterId`. One row more than `size`
 * tells whether a next page exists. Its rows are read by `readUsersPage` alone.
 */
export function usersPageStatement(
  dataSource: DataSource,
  accountId: string,
  filter: UsersFilter,
  now: Date,
  { size, after }: { size: number; after: boolean },
): SelectQueryBuilder<User> {
  const query = selectTwoFactorState(
    filteredQuery(dataSource, accountId, filter, now)
      .leftJoin('user.identity', 'login')
      .addSelect('login.email', loginEmailOf(dataSource))
      // a page holds a few policies, built once each
      .leftJoin(SecurityPolicy, 'typePolicy', policyOfProfile('typePolicy', 'user'))
      .addSelect('typePolicy')
      .orderBy('user.displayName', 'ASC')
      .addOrderBy('user.id', 'ASC'),
    'user',
    now,
    { backupCodes: false },
  );
  if (after) {
    // a range on the name (`>=`) that the index `ix_users_account_name` seeks to, rather than an
    // OR that both dialects read from the account's first user on
    query.andWhere(
      'user.displayName >= :afterName AND (user.displayName > :afterName OR user.id > :afterId)',
    );
  }
  return query.limit(size + 1);
}

/**
 * The account's users in their grace period, the soonest deadline first (the overview's list):
 * the rows of a users page, read by `readUsersPage` as well, in another order.
 */
export function graceDeadlinesStatement(
  dataSource: DataSource,
  accountId: string,
  now: Date,
  size: number,
): SelectQueryBuilder<User> {
  return usersPageStatement(
    dataSource,
    accountId,
    { twoFactorStatus: TwoFactorStatus.GRACE },
    now,
    { size, after: false },
  )
    .orderBy('user.twoFactorDeadline', 'ASC')
    .addOrderBy('user.displayName', 'ASC')
    .addOrderBy('user.id', 'ASC')
    .limit(size);
}

/**
 * How many users `filter` leaves, up to `countBound` (read by `readBoundedCount`). A search
 * counts each key's range apart and their union: each is read on its index, where the two keys
 * at once would be checked row by row.
 */
export function usersCountStatement(
  dataSource: DataSource,
  accountId: string,
  filter: UsersFilter,
  now: Date,
): SelectQueryBuilder<ObjectLiteral> {
  if (!filter.search) return boundedCountQuery(filteredQuery(dataSource, accountId, filter, now));
  return boundedUnionCountQuery(
    searchColumns.map((key) =>
      filteredQuery(dataSource, accountId, filter, now, [key]).select('user.id', 'id'),
    ),
  );
}

/** What a page's rows hold: its users (login email set), their 2FA states and their policies. */
export interface UsersPageRows {
  users: User[];
  /** By user id. */
  states: Map<string, TwoFactorState>;
  /** Each policy of the page once. */
  policies: SecurityPolicy[];
}

/** The users of the rows of `usersPageStatement`, in their order. */
export function readUsersPage(dataSource: DataSource, rows: readonly RawRow[]): UsersPageRows {
  const users = hydrate(dataSource, User, 'user', rows);
  const policyId = columnKey(dataSource, 'typePolicy', SecurityPolicy, 'id');
  const loginEmail = loginEmailOf(dataSource);
  const states = new Map<string, TwoFactorState>();
  const policies = new Map<unknown, SecurityPolicy>();
  users.forEach((user, i) => {
    const row = rows[i]!;
    const id = row[policyId];
    if (id != null && !policies.has(id)) {
      policies.set(id, hydrate(dataSource, SecurityPolicy, 'typePolicy', [row])[0]!);
    }
    user.identity = Object.assign(new Identity(), {
      id: user.identityId,
      email: String(row[loginEmail]),
    });
    states.set(user.id, twoFactorStateOfRow(row));
  });
  return { users, states, policies: [...policies.values()] };
}
