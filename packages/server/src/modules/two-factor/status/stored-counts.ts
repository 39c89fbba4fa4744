import {
  TwoFactorMethod,
  type TwoFactorRequirement,
  TwoFactorStatus,
  type UserType,
} from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { columnName, columnOf, tableName } from '../../../db/raw-columns';
import { User } from '../../user/user.entity';
import { noTwoFactor, type TwoFactorState } from './facts';
import { heldBits, StoredTwoFactorBase } from './stored-base';
import { StoredStatusSql } from './stored-status-sql';
import { TwoFactorCount } from './two-factor-count.entity';

/**
 * Reads of the counters and of the small time-dependent index ranges that compliance and the
 * impact preview answer from (docs/design.md, Stored 2FA status): a few rows whatever the
 * account's size, plus the profiles whose deadline is still ahead or whose lock still runs.
 */

const bool = (value: unknown) => Number(value) === 1 || value === true;

/** The methods of a `twoFactorHeld` mask, in the enum's order. */
export function methodsOfHeld(held: number): TwoFactorMethod[] {
  return Object.values(TwoFactorMethod).filter((m) => (held & heldBits[m]) !== 0);
}

/** What a profile holds, as far as a `twoFactorHeld` mask tells (no lock, no backup codes). */
export function stateOfHeld(held: number): TwoFactorState {
  return { ...noTwoFactor, methods: methodsOfHeld(held) };
}

export interface StatusCountRow {
  userType: UserType;
  base: StoredTwoFactorBase;
  possession: boolean;
  count: number;
}

/** What `statusCounts` sums. */
export interface ComplianceRows {
  /** The account's profiles per type, stored base and possession: from the counters. */
  base: StatusCountRow[];
  /** The profiles locked at `now`, per type, base and possession: a range of `ix_users_tf_locked`. */
  locked: StatusCountRow[];
  /**
   * The PENDING profiles whose deadline is ahead and who are not locked, per type: a range of
   * `ix_users_tf_type_deadline` per type, read from the index alone.
   */
  grace: Map<UserType, number>;
}

/** The rows of `statusCounts` for one account at `now`, in one statement. */
export async function complianceRows(
  dataSource: DataSource,
  accountId: string,
  userTypes: readonly UserType[],
  now: Date,
): Promise<ComplianceRows> {
  const sql = new StoredStatusSql(dataSource);
  const count = (p: Extract<keyof TwoFactorCount, string>) =>
    `c.${sql.q(columnName(dataSource, TwoFactorCount, p))}`;
  const user = sql.rowOf('u');
  const counters = sql.q(tableName(dataSource, TwoFactorCount));
  const notLocked = `(${user('twoFactorLockedUntil')} IS NULL OR ${user('twoFactorLockedUntil')} <= :now)`;
  const statement =
    `SELECT 'base' AS part, ${count('userType')} AS userType, ${count('base')} AS base,` +
    ` ${count('possession')} AS possession, SUM(${count('count')}) AS n FROM ${counters} c` +
    ` WHERE ${count('accountId')} = :accountId` +
    ` GROUP BY ${count('userType')}, ${count('base')}, ${count('possession')}` +
    ` UNION ALL SELECT 'locked', ${user('userType')}, ${user('twoFactorBase')}, ${user('twoFactorPossession')}, COUNT(*)` +
    ` FROM ${sql.users} u WHERE ${user('accountId')} = :accountId AND ${user('twoFactorLockedUntil')} > :now` +
    ` GROUP BY ${user('userType')}, ${user('twoFactorBase')}, ${user('twoFactorPossession')}` +
    ` UNION ALL SELECT 'grace', ${user('userType')}, NULL, NULL, COUNT(*)` +
    ` FROM ${sql.users} u WHERE ${user('accountId')} = :accountId AND ${user('userType')} IN (:...userTypes)` +
    ` AND ${user('twoFactorDeadline')} > :now AND ${user('twoFactorBase')} = '${StoredTwoFactorBase.PENDING}'` +
    ` AND ${notLocked} GROUP BY ${user('userType')}`;
  const [query, values] = dataSource.driver.escapeQueryWithParameters(statement, {
    accountId,
    userTypes,
    now,
  });
  const rows = await dataSource.query<Record<string, unknown>[]>(query, values);
  const result: ComplianceRows = { base: [], locked: [], grace: new Map() };
  for (const row of rows) {
    const userType = row.userType as UserType;
    if (row.part === 'grace') {
      result.grace.set(userType, Number(row.n));
      continue;
    }
    (row.part === 'base' ? result.base : result.locked).push({
      userType,
      base: row.base as StoredTwoFactorBase,
      possession: bool(row.possession),
      count: Number(row.n),
    });
  }
  return result;
}

/** One type's counts by status, and how many ENROLLED hold no possession factor (PIN only). */
export interface StatusCounts {
  byStatus: Map<TwoFactorStatus, number>;
  pinOnly: number;
}

/**
 * statusOfStored() summed over counts: every profile under its base, the locked ones moved to
 * LOCKED, the PENDING ones not locked split by whether their deadline is ahead (`grace`).
 */
export function statusCounts(input: {
  userTypes: readonly UserType[];
  base: readonly StatusCountRow[];
  locked: readonly StatusCountRow[];
  grace: ReadonlyMap<UserType, number>;
}): Map<UserType, StatusCounts> {
  const result = new Map<UserType, StatusCounts>(
    input.userTypes.map((userType) => [
      userType,
      {
        byStatus: new Map(Object.values(TwoFactorStatus).map((status) => [status, 0])),
        pinOnly: 0,
      },
    ]),
  );
  const add = (row: StatusCountRow, sign: 1 | -1) => {
    const counts = result.get(row.userType);
    if (!counts) return;
    const status =
      row.base === StoredTwoFactorBase.PENDING
        ? TwoFactorStatus.OVERDUE
        : TwoFactorStatus[row.base];
    counts.byStatus.set(status, counts.byStatus.get(status)! + sign * row.count);
    if (row.base === StoredTwoFactorBase.ENROLLED && !row.possession) {
      counts.pinOnly += sign * row.count;
    }
  };
  for (const row of input.base) add(row, 1);
  for (const row of input.locked) {
    add(row, -1);
    const counts = result.get(row.userType);
    if (counts) {
      counts.byStatus.set(
        TwoFactorStatus.LOCKED,
        counts.byStatus.get(TwoFactorStatus.LOCKED)! + row.count,
      );
    }
  }
  for (const [userType, grace] of input.grace) {
    const counts = result.get(userType);
    if (!counts) continue;
    counts.byStatus.set(
      TwoFactorStatus.OVERDUE,
      counts.byStatus.get(TwoFactorStatus.OVERDUE)! - grace,
    );
    counts.byStatus.set(TwoFactorStatus.GRACE, grace);
  }
  return result;
}

/** Profiles of one type sharing what the impact preview needs to know of them. */
export interface ImpactGroup {
  held: number;
  requirement: TwoFactorRequirement;
  signedIn: boolean;
  /** Profiles of the group without a deadline, with one passed (or now), with one ahead. */
  withoutDeadline: number;
  deadlinePassed: number;
  ahead: { count: number; earliest: Date; latest: Date } | null;
}

const groupKey = (held: number, requirement: string, signedIn: boolean) =>
  `${held}:${requirement}:${signedIn ? 1 : 0}`;

/**
 * The profiles of one type but `exceptUserId`, grouped by what they hold, their requirement and
 * whether they signed in: the counters, and a range of `ix_users_tf_type_deadline` over the
 * deadlines still ahead (read from the index alone).
 */
export async function impactGroups(
  dataSource: DataSource,
  accountId: string,
  userType: UserType,
  now: Date,
  except: Pick<
    User,
    'id' | 'twoFactorHeld' | 'twoFactorRequirement' | 'lastSignInAt' | 'twoFactorDeadline'
  > | null,
): Promise<ImpactGroup[]> {
  const [counters, ahead] = await Promise.all([
    dataSource
      .getRepository(TwoFactorCount)
      .createQueryBuilder('c')
      .select('c.held', 'held')
      .addSelect('c.requirement', 'requirement')
      .addSelect('c.signedIn', 'signedIn')
      .addSelect('c.hasDeadline', 'hasDeadline')
      .addSelect('SUM(c.count)', 'count')
      .where('c.accountId = :accountId AND c.userType = :userType', { accountId, userType })
      .groupBy('c.held')
      .addGroupBy('c.requirement')
      .addGroupBy('c.signedIn')
      .addGroupBy('c.hasDeadline')
      .getRawMany<Record<string, unknown>>(),
    dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .select('user.twoFactorHeld', 'held')
      .addSelect('user.twoFactorRequirement', 'requirement')
      .addSelect('(CASE WHEN user.lastSignInAt IS NULL THEN 0 ELSE 1 END)', 'signedIn')
      .addSelect('COUNT(*)', 'count')
      .addSelect('MIN(user.twoFactorDeadline)', 'earliest')
      .addSelect('MAX(user.twoFactorDeadline)', 'latest')
      .where('user.accountId = :accountId AND user.userType = :userType', { accountId, userType })
      // every base: one range of `ix_users_tf_type_deadline` each
      .andWhere('user.twoFactorBase IN (:...bases)', { bases: Object.values(StoredTwoFactorBase) })
      .andWhere('user.twoFactorDeadline > :now', { now })
      .andWhere('user.id <> :except', { except: except?.id ?? '' })
      .groupBy('user.twoFactorHeld')
      .addGroupBy('user.twoFactorRequirement')
      .addGroupBy('signedIn')
      .getRawMany<Record<string, unknown>>(),
  ]);
  const groups = new Map<string, ImpactGroup>();
  const groupOf = (held: number, requirement: TwoFactorRequirement, signedIn: boolean) => {
    const key = groupKey(held, requirement, signedIn);
    let group = groups.get(key);
    if (!group) {
      group = { held, requirement, signedIn, withoutDeadline: 0, deadlinePassed: 0, ahead: null };
      groups.set(key, group);
    }
    return group;
  };
  for (const row of counters) {
    const group = groupOf(
      Number(row.held),
      row.requirement as TwoFactorRequirement,
      bool(row.signedIn),
    );
    // the deadlines ahead are taken out below: what is left of them has passed
    if (bool(row.hasDeadline)) group.deadlinePassed += Number(row.count);
    else group.withoutDeadline += Number(row.count);
  }
  const deadlineColumn = columnOf(dataSource, User, 'twoFactorDeadline');
  const date = (value: unknown) =>
    dataSource.driver.prepareHydratedValue(value, deadlineColumn) as Date;
  for (const row of ahead) {
    const group = groupOf(
      Number(row.held),
      row.requirement as TwoFactorRequirement,
      bool(row.signedIn),
    );
    const count = Number(row.count);
    group.deadlinePassed -= count;
    group.ahead = { count, earliest: date(row.earliest), latest: date(row.latest) };
  }
  if (except) {
    const group = groupOf(
      except.twoFactorHeld,
      except.twoFactorRequirement,
      except.lastSignInAt !== null,
    );
    if (except.twoFactorDeadline === null) group.withoutDeadline -= 1;
    else if (except.twoFactorDeadline.getTime() <= now.getTime()) group.deadlinePassed -= 1;
    // a deadline ahead was left out of the range already
  }
  return [...groups.values()];
}
