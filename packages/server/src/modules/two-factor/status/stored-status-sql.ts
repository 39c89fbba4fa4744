import { Enforcement, TwoFactorMethod, TwoFactorRequirement } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { isSqlite } from '../../../db/dialect';
import { columnName, tableName } from '../../../db/raw-columns';
import { SecurityPolicy } from '../../policy/security-policy.entity';
import { User } from '../../user/user.entity';
import {
  AuthenticatorFactor,
  FactorStatus,
  PinFactor,
  SecondFactorGuard,
  SmsFactor,
} from '../two-factor.entities';
import { PasskeyFactor } from '../passkey/passkey.entities';
import { disabledLockSentinel, heldBits, StoredTwoFactorBase } from './stored-base';
import { TwoFactorCount } from './two-factor-count.entity';

/**
 * The stored 2FA columns (docs/design.md, Stored 2FA status) as SQL: the expressions that compute
 * them from the factor, guard and policy rows, and the triggers that keep them. One generator for
 * both dialects, so the triggers, the backfill and the tests say the same thing.
 */

/** A column of the `users` row under some name (`NEW`, the table itself, an alias). */
type RowColumn = (property: Extract<keyof User, string>) => string;

/** The stored-columns SQL of one database. */
export class StoredStatusSql {
  readonly sqlite: boolean;

  /**
   * `passkeys`: false only for a schema migrated no further than 1796683467557, before the
   * passkey table and the phishing-resistant flag existed: its migration refreshes with this code.
   */
  readonly passkeys: boolean;

  constructor(
    private readonly dataSource: DataSource,
    { passkeys = true }: { passkeys?: boolean } = {},
  ) {
    this.sqlite = isSqlite(dataSource);
    this.passkeys = passkeys;
  }

  /** A quoted identifier. */
  q(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  get users(): string {
    return this.q(tableName(this.dataSource, User));
  }

  /** The quoted column of `users`. */
  userColumn(property: Extract<keyof User, string>): string {
    return this.q(columnName(this.dataSource, User, property));
  }

  /** `row`'s column of `users`, e.g. `NEW`.`x` or `users`.`x`. */
  rowOf(row: string): RowColumn {
    return (property) => `${row}.${this.userColumn(property)}`;
  }

  /** `twoFactorHeld` of the profile whose id is `userId`, from its confirmed factors. */
  held(userId: string): string {
    const ds = this.dataSource;
    const of = (
      target:
        typeof AuthenticatorFactor | typeof SmsFactor | typeof PinFactor | typeof PasskeyFactor,
    ) =>
      `FROM ${this.q(tableName(ds, target))} f WHERE f.${this.q(columnName(ds, target, 'userId'))} = ${userId}`;
    const confirmed = (target: typeof AuthenticatorFactor | typeof SmsFactor) =>
      `${of(target)} AND f.${this.q(columnName(ds, target, 'status'))} = '${FactorStatus.ACTIVE}'`;
    return (
      `(CASE WHEN EXISTS (SELECT 1 ${confirmed(AuthenticatorFactor)}) THEN ${heldBits.AUTHENTICATOR_APP} ELSE 0 END` +
      ` + CASE WHEN EXISTS (SELECT 1 ${confirmed(SmsFactor)}) THEN ${heldBits.SMS} ELSE 0 END` +
      ` + CASE WHEN EXISTS (SELECT 1 ${of(PinFactor)}) THEN ${heldBits.PIN} ELSE 0 END` +
      (this.passkeys
        ? ` + CASE WHEN EXISTS (SELECT 1 ${of(PasskeyFactor)}) THEN ${heldBits.PASSKEY} ELSE 0 END`
        : '') +
      ')'
    );
  }

  /** `twoFactorLockedUntil` of the profile `userId`: isLocked() with a far end for a disabled step. */
  lockedUntil(userId: string): string {
    const ds = this.dataSource;
    const column = (property: Extract<keyof SecondFactorGuard, string>) =>
      `g.${this.q(columnName(ds, SecondFactorGuard, property))}`;
    return (
      `(SELECT CASE WHEN ${column('disabledAt')} IS NOT NULL THEN '${sqlTimestamp(disabledLockSentinel)}'` +
      ` ELSE ${column('lockedUntil')} END FROM ${this.q(tableName(ds, SecondFactorGuard))} g` +
      ` WHERE ${column('userId')} = ${userId})`
    );
  }

  /** A column of the policy of `row`'s profile, or NULL when its type has none. */
  private policyColumn(
    row: RowColumn,
    property: 'enforcement' | 'allowedMethods' | 'phishingResistantOnly',
  ): string {
    const ds = this.dataSource;
    const column = (p: Extract<keyof SecurityPolicy, string>) =>
      `p.${this.q(columnName(ds, SecurityPolicy, p))}`;
    return (
      `(SELECT ${column(property)} FROM ${this.q(tableName(ds, SecurityPolicy))} p` +
      ` WHERE ${column('accountId')} = ${row('accountId')} AND ${column('userType')} = ${row('userType')})`
    );
  }

  /**
   * allowedMethodsOf() in SQL: no policy row allows all; a required profile under none gets the
   * app; a phishing-resistant-only type allows passkeys alone (docs/design.md, Passkeys).
   */
  private allows(row: RowColumn, method: TwoFactorMethod): string {
    const allowed = this.policyColumn(row, 'allowedMethods');
    const phishingResistantOnly = this.passkeys
      ? `COALESCE(${this.policyColumn(row, 'phishingResistantOnly')}, 0) <> 0`
      : '0 <> 0';
    if (method === TwoFactorMethod.PASSKEY) {
      return `(${allowed} IS NULL OR ${allowed} LIKE '%"${method}"%' OR ${phishingResistantOnly})`;
    }
    return (
      `((${allowed} IS NULL OR ${allowed} LIKE '%"${method}"%'` +
      (method === TwoFactorMethod.AUTHENTICATOR_APP
        ? ` OR (${allowed} = '[]' AND ${row('twoFactorRequirement')} = '${TwoFactorRequirement.REQUIRED}')`
        : '') +
      `) AND NOT (${phishingResistantOnly}))`
    );
  }

  private holdsAllowed(row: RowColumn, held: string, method: TwoFactorMethod): string {
    return `((${held} & ${heldBits[method]}) <> 0 AND ${this.allows(row, method)})`;
  }

  /** `twoFactorPossession`: summarize()'s hasPossessionFactor, 1 or 0. */
  possession(row: RowColumn, held = row('twoFactorHeld')): string {
    return (
      `(CASE WHEN ${this.holdsAllowed(row, held, TwoFactorMethod.AUTHENTICATOR_APP)}` +
      ` OR ${this.holdsAllowed(row, held, TwoFactorMethod.SMS)}` +
      ` OR ${this.holdsAllowed(row, held, TwoFactorMethod.PASSKEY)} THEN 1 ELSE 0 END)`
    );
  }

  /** `twoFactorBase`: storedBaseOf() in SQL, over `row`'s columns and `held`. */
  base(row: RowColumn, held = row('twoFactorHeld')): string {
    const requirement = row('twoFactorRequirement');
    const enforcement =
      `(CASE WHEN ${requirement} = '${TwoFactorRequirement.REQUIRED}' THEN '${Enforcement.REQUIRED}'` +
      ` ELSE COALESCE(${this.policyColumn(row, 'enforcement')}, '${Enforcement.OPTIONAL}') END)`;
    const hasAllowed = Object.values(TwoFactorMethod)
      .map((method) => this.holdsAllowed(row, held, method))
      .join(' OR ');
    return (
      `(CASE WHEN ${enforcement} = '${Enforcement.OFF}' THEN '${StoredTwoFactorBase.NOT_REQUIRED}'` +
      ` WHEN ${hasAllowed} THEN '${StoredTwoFactorBase.ENROLLED}'` +
      ` WHEN ${enforcement} = '${Enforcement.OPTIONAL}' THEN '${StoredTwoFactorBase.OPTIONAL_OFF}'` +
      ` WHEN ${row('lastSignInAt')} IS NULL THEN '${StoredTwoFactorBase.AWAITING_FIRST_SIGN_IN}'` +
      ` ELSE '${StoredTwoFactorBase.PENDING}' END)`
    );
  }

  /** The counter key of `row` (a TwoFactorCount's columns but `count`), as SQL values. */
  private counterKey(row: RowColumn): [string, string][] {
    const count = (p: Extract<keyof TwoFactorCount, string>) =>
      this.q(columnName(this.dataSource, TwoFactorCount, p));
    return [
      [count('accountId'), row('accountId')],
      [count('userType'), row('userType')],
      [count('base'), row('twoFactorBase')],
      [count('possession'), row('twoFactorPossession')],
      [count('held'), row('twoFactorHeld')],
      [count('requirement'), row('twoFactorRequirement')],
      [count('signedIn'), `(CASE WHEN ${row('lastSignInAt')} IS NULL THEN 0 ELSE 1 END)`],
      [count('hasDeadline'), `(CASE WHEN ${row('twoFactorDeadline')} IS NULL THEN 0 ELSE 1 END)`],
    ];
  }

  /** The counted columns of `users`, for the key-changed test of a trigger. */
  private counterInputs(): Extract<keyof User, string>[] {
    return [
      'accountId',
      'userType',
      'twoFactorBase',
      'twoFactorPossession',
      'twoFactorHeld',
      'twoFactorRequirement',
      'lastSignInAt',
      'twoFactorDeadline',
    ];
  }

  private get counts(): string {
    return this.q(tableName(this.dataSource, TwoFactorCount));
  }

  private countColumn(): string {
    return this.q(columnName(this.dataSource, TwoFactorCount, 'count'));
  }

  /** One more profile under `row`'s key. */
  private countUp(row: RowColumn): string {
    const key = this.counterKey(row);
    const n = this.countColumn();
    const insert =
      `INSERT INTO ${this.counts} (${key.map(([c]) => c).join(', ')}, ${n})` +
      ` VALUES (${key.map(([, v]) => v).join(', ')}, 1)`;
    return this.sqlite
      ? `${insert} ON CONFLICT (${key.map(([c]) => c).join(', ')}) DO UPDATE SET ${n} = ${n} + 1`
      : `${insert} ON DUPLICATE KEY UPDATE ${n} = ${n} + 1`;
  }

  /** One profile less under `row`'s key. */
  private countDown(row: RowColumn): string {
    const n = this.countColumn();
    return (
      `UPDATE ${this.counts} SET ${n} = ${n} - 1 WHERE ` +
      this.counterKey(row)
        .map(([c, v]) => `${c} = ${v}`)
        .join(' AND ')
    );
  }

  /** Every counter of the account `accountParam` (a named parameter) counted again from `users`. */
  recountStatements(accountParam: string | null): string[] {
    const user = this.rowOf(this.users);
    const key = this.counterKey(user);
    const where = accountParam ? ` WHERE ${user('accountId')} = :${accountParam}` : '';
    const accountColumn = this.q(columnName(this.dataSource, TwoFactorCount, 'accountId'));
    return [
      `DELETE FROM ${this.counts}` +
        (accountParam ? ` WHERE ${accountColumn} = :${accountParam}` : ''),
      `INSERT INTO ${this.counts} (${key.map(([c]) => c).join(', ')}, ${this.countColumn()})` +
        ` SELECT ${key.map(([, v]) => v).join(', ')}, COUNT(*) FROM ${this.users}${where}` +
        ` GROUP BY ${key.map(([, v]) => v).join(', ')}`,
    ];
  }

  /**
   * `UPDATE users` that recomputes every stored column from the source rows, for the rows that
   * `where` (over the `users` table) selects.
   */
  refreshStatement(where: string): string {
    const user = this.rowOf(this.users);
    const held = this.held(user('id'));
    return (
      `UPDATE ${this.users} SET ${this.userColumn('twoFactorHeld')} = ${held},` +
      ` ${this.userColumn('twoFactorLockedUntil')} = ${this.lockedUntil(user('id'))},` +
      ` ${this.userColumn('twoFactorBase')} = ${this.base(user, held)},` +
      ` ${this.userColumn('twoFactorPossession')} = ${this.possession(user, held)}` +
      ` WHERE ${where}`
    );
  }

  /** The triggers that keep the stored columns and the counters, as CREATE TRIGGER statements by name. */
  triggers(): Map<string, string> {
    const triggers = new Map<string, string>();
    const ds = this.dataSource;
    const users = this.users;
    const user = this.rowOf(users);
    const NEW = this.rowOf('NEW');
    const OLD = this.rowOf('OLD');
    const setStatus = (row: RowColumn) =>
      `${this.userColumn('twoFactorBase')} = ${this.base(row)}, ` +
      `${this.userColumn('twoFactorPossession')} = ${this.possession(row)}`;
    const differ = (pairs: [string, string][]) =>
      pairs
        .map(([a, b]) => (this.sqlite ? `${a} IS NOT ${b}` : `NOT (${a} <=> ${b})`))
        .join(' OR ');
    // sign-ins change lastSignInAt: only its being null counts
    const keyChanged = differ(
      this.counterKey(OLD).map(([, old], i) => [old, this.counterKey(NEW)[i]![1]]),
    );
    const statusInputs: Extract<keyof User, string>[] = [
      'accountId',
      'userType',
      'twoFactorHeld',
      'twoFactorRequirement',
      'lastSignInAt',
    ];
    const signedIn = (row: RowColumn) => `(${row('lastSignInAt')} IS NULL)`;
    const statusChanged = differ([
      ...statusInputs
        .filter((p) => p !== 'lastSignInAt')
        .map((p): [string, string] => [OLD(p), NEW(p)]),
      [signedIn(OLD), signedIn(NEW)],
    ]);

    // the profile's own columns: status and counters
    if (this.sqlite) {
      // SQLite's triggers cannot change NEW: they update the row after (recursive triggers are off)
      triggers.set(
        'tf_users_status_ai',
        `CREATE TRIGGER tf_users_status_ai AFTER INSERT ON ${users} FOR EACH ROW BEGIN ` +
          `UPDATE ${users} SET ${setStatus(user)} WHERE ${user('id')} = ${NEW('id')}; END`,
      );
      triggers.set(
        'tf_users_status_au',
        `CREATE TRIGGER tf_users_status_au AFTER UPDATE OF ${statusInputs.map((p) => this.userColumn(p)).join(', ')}` +
          ` ON ${users} FOR EACH ROW WHEN ${statusChanged} BEGIN ` +
          `UPDATE ${users} SET ${setStatus(user)} WHERE ${user('id')} = ${NEW('id')}; END`,
      );
      triggers.set(
        'tf_users_count_ai',
        `CREATE TRIGGER tf_users_count_ai AFTER INSERT ON ${users} FOR EACH ROW BEGIN ${this.countUp(NEW)}; END`,
      );
      triggers.set(
        'tf_users_count_au',
        `CREATE TRIGGER tf_users_count_au AFTER UPDATE OF ${this.counterInputs()
          .map((p) => this.userColumn(p))
          .join(', ')}` +
          ` ON ${users} FOR EACH ROW WHEN ${keyChanged} BEGIN ` +
          `${this.countDown(OLD)}; ${this.countUp(NEW)}; END`,
      );
      triggers.set(
        'tf_users_count_ad',
        `CREATE TRIGGER tf_users_count_ad AFTER DELETE ON ${users} FOR EACH ROW BEGIN ${this.countDown(OLD)}; END`,
      );
    } else {
      const setNew = (row: RowColumn) =>
        `SET NEW.${this.userColumn('twoFactorBase')} = ${this.base(row)}, ` +
        `NEW.${this.userColumn('twoFactorPossession')} = ${this.possession(row)}`;
      triggers.set(
        'tf_users_status_bi',
        `CREATE TRIGGER tf_users_status_bi BEFORE INSERT ON ${users} FOR EACH ROW ${setNew(NEW)}`,
      );
      // every update recomputes: a policy's trigger relies on it
      triggers.set(
        'tf_users_status_bu',
        `CREATE TRIGGER tf_users_status_bu BEFORE UPDATE ON ${users} FOR EACH ROW ${setNew(NEW)}`,
      );
      triggers.set(
        'tf_users_count_ai',
        `CREATE TRIGGER tf_users_count_ai AFTER INSERT ON ${users} FOR EACH ROW ${this.countUp(NEW)}`,
      );
      triggers.set(
        'tf_users_count_au',
        `CREATE TRIGGER tf_users_count_au AFTER UPDATE ON ${users} FOR EACH ROW ` +
          `BEGIN IF ${keyChanged} THEN ${this.countDown(OLD)}; ${this.countUp(NEW)}; END IF; END`,
      );
      triggers.set(
        'tf_users_count_ad',
        `CREATE TRIGGER tf_users_count_ad AFTER DELETE ON ${users} FOR EACH ROW ${this.countDown(OLD)}`,
      );
    }

    const body = (statement: string) => (this.sqlite ? `BEGIN ${statement}; END` : statement);
    // what the profile holds: a factor row of any method, its lock
    const sources: [string, string, (userId: string) => string, Extract<keyof User, string>][] = [
      ['af', tableName(ds, AuthenticatorFactor), (id) => this.held(id), 'twoFactorHeld'],
      ['sf', tableName(ds, SmsFactor), (id) => this.held(id), 'twoFactorHeld'],
      ['pf', tableName(ds, PinFactor), (id) => this.held(id), 'twoFactorHeld'],
      [
        'sg',
        tableName(ds, SecondFactorGuard),
        (id) => this.lockedUntil(id),
        'twoFactorLockedUntil',
      ],
    ];
    if (this.passkeys) {
      sources.splice(3, 0, [
        'pk',
        tableName(ds, PasskeyFactor),
        (id) => this.held(id),
        'twoFactorHeld',
      ]);
    }
    for (const [short, table, value, column] of sources) {
      for (const [event, row] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ] as const) {
        const name = `tf_${short}_${event[0]!.toLowerCase()}`;
        const userId = `${row}.${this.q('userId')}`;
        triggers.set(
          name,
          `CREATE TRIGGER ${name} AFTER ${event} ON ${this.q(table)} FOR EACH ROW ` +
            body(
              `UPDATE ${users} SET ${this.userColumn(column)} = ${value(userId)} WHERE ${user('id')} = ${userId}`,
            ),
        );
      }
    }

    // a type's policy: every profile of the type
    const policy = (row: 'NEW' | 'OLD') => (p: Extract<keyof SecurityPolicy, string>) =>
      `${row}.${this.q(columnName(ds, SecurityPolicy, p))}`;
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      const name = `tf_policy_${event[0]!.toLowerCase()}`;
      triggers.set(
        name,
        `CREATE TRIGGER ${name} AFTER ${event} ON ${this.q(tableName(ds, SecurityPolicy))} FOR EACH ROW ` +
          body(
            `UPDATE ${users} SET ${setStatus(user)} WHERE ${user('accountId')} = ${policy(row)('accountId')}` +
              ` AND ${user('userType')} = ${policy(row)('userType')}`,
          ),
      );
    }
    return triggers;
  }
}

/** A timestamp as both dialects store and compare it (UTC, milliseconds). */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
