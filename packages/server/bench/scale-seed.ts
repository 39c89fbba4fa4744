/**
 * One account seeded to a given size directly in MariaDB (`pnpm bench --scale`): `INSERT …
 * SELECT` from the SEQUENCE engine's `seq_<from>_to_<to>` tables, 100,000 rows a statement, with
 * every table and column named through the entities' metadata (src/db/raw-columns.ts), so a
 * renamed column or a new required one fails the seed instead of leaving rows the server reads
 * wrong. Rows are written as the server would hold them; state the server derives from them is
 * finished by `finishSeededAccount`, the one place to extend when the server stores more.
 */
import { randomBytes } from 'node:crypto';
import {
  Enforcement,
  TwoFactorMethod,
  TwoFactorRequirement,
  TwoFactorStatus,
  UserStatus,
  UserType,
} from '@twofold/shared';
import type { DataSource, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { deriveSecrets } from '../src/crypto/keys';
import { columnName, tableName } from '../src/db/raw-columns';
import { AccountService } from '../src/modules/account/account.service';
import { UserApp } from '../src/modules/app/app.entity';
import { AuditEvent } from '../src/modules/audit/audit-event.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { Identity } from '../src/modules/identity/identity.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { base32Encode } from '../src/modules/two-factor/authenticator/totp';
import { AuthenticatorFactor, FactorStatus } from '../src/modules/two-factor/two-factor.entities';
import { TwoFactorCount } from '../src/modules/two-factor/status/two-factor-count.entity';
import { User } from '../src/modules/user/user.entity';
import { progress } from './processes';
import { password, seedApps } from './seed';

/** Rows per INSERT … SELECT: short enough for the undo log, long enough to cost nothing per row. */
const ROWS_PER_STATEMENT = 100_000;

/** One user of the 30-user cycle every seeded account repeats (user n has shape n mod 30). */
interface Shape {
  userType: UserType;
  /** Deadline relative to the seed's `now`: passed, still ahead, or none. */
  deadline: 'past' | 'future' | null;
  signedIn: boolean;
  /** A confirmed authenticator app. */
  enrolled: boolean;
  /** What the server must answer as the user's `twoFactorStatus`. */
  status: TwoFactorStatus;
}

/**
 * The policies of a seeded account: administrators choose (the owner signs in without a second
 * factor), app administrators and reviewers must enroll, report viewers never do.
 */
const policies: Record<UserType, Enforcement> = {
  [UserType.ADMINISTRATOR]: Enforcement.OPTIONAL,
  [UserType.APP_ADMINISTRATOR]: Enforcement.REQUIRED,
  [UserType.APP_REVIEWER]: Enforcement.REQUIRED,
  [UserType.APP_REPORT_VIEWER]: Enforcement.OFF,
};

/**
 * A third enrolled (authenticator app), a tenth overdue (required type, deadline passed), the
 * rest mixed: in their grace period, optional and off, awaiting a first sign-in, not required.
 */
export const shapes: readonly Shape[] = Array.from({ length: 30 }, (_, r): Shape => {
  if (r % 3 === 0) {
    const admin = r % 2 === 0;
    return {
      userType: admin ? UserType.ADMINISTRATOR : UserType.APP_ADMINISTRATOR,
      deadline: admin ? null : 'future',
      signedIn: true,
      enrolled: true,
      status: TwoFactorStatus.ENROLLED,
    };
  }
  const rest = (status: TwoFactorStatus, userType: UserType, deadline: Shape['deadline']) => ({
    userType,
    deadline,
    signedIn: status !== TwoFactorStatus.AWAITING_FIRST_SIGN_IN,
    enrolled: false,
    status,
  });
  if ([1, 4, 7].includes(r)) return rest(TwoFactorStatus.OVERDUE, UserType.APP_REVIEWER, 'past');
  if ([2, 5, 8, 10, 11].includes(r))
    return rest(TwoFactorStatus.GRACE, UserType.APP_ADMINISTRATOR, 'future');
  if ([13, 14, 16, 17].includes(r))
    return rest(TwoFactorStatus.OPTIONAL_OFF, UserType.ADMINISTRATOR, null);
  if ([19, 20].includes(r))
    return rest(TwoFactorStatus.AWAITING_FIRST_SIGN_IN, UserType.APP_REVIEWER, 'future');
  return rest(TwoFactorStatus.NOT_REQUIRED, UserType.APP_REPORT_VIEWER, null);
});

/** How many of users 1…`size` have a shape matching `where`. */
export function countShapes(size: number, where: (shape: Shape) => boolean): number {
  let n = 0;
  for (let r = 0; r < 30; r++) {
    if (!where(shapes[r]!)) continue;
    // users 1…size whose number leaves r divided by 30
    n += r === 0 ? Math.floor(size / 30) : r > size ? 0 : Math.floor((size - r) / 30) + 1;
  }
  return n;
}

/** `person00042`: the search term that finds user 42 (and no other) by email. */
export function personTag(n: number): string {
  return `person${String(n).padStart(5, '0')}`;
}

export interface SeededAccount {
  accountId: string;
  ownerEmail: string;
  size: number;
}

/** A SQL literal of a value the bench made itself (never user input; quotes refused anyway). */
export function literal(value: string | Date | null): string {
  if (value === null) return 'NULL';
  const text = value instanceof Date ? value.toISOString().slice(0, 23).replace('T', ' ') : value;
  if (/['\\]/.test(text)) throw new Error(`not a bench literal: ${text}`);
  return `'${text}'`;
}

/** `CASE seq MOD 30 WHEN r THEN <value of shape r> … END`. */
function byShape(value: (shape: Shape) => string): string {
  return `(CASE seq MOD 30 ${shapes.map((s, r) => `WHEN ${r} THEN ${value(s)}`).join(' ')} END)`;
}

/** `INSERT INTO <table> (<columns of the properties>) SELECT <expressions> FROM <from>`. */
export async function insertSelect<T extends ObjectLiteral>(
  runner: QueryRunner,
  dataSource: DataSource,
  target: EntityTarget<T>,
  values: Partial<Record<Extract<keyof T, string>, string>>,
  from: string,
): Promise<void> {
  const entries = Object.entries(values) as [Extract<keyof T, string>, string][];
  const columns = entries.map(([property]) => `\`${columnName(dataSource, target, property)}\``);
  await runner.query(
    `INSERT INTO \`${tableName(dataSource, target)}\` (${columns.join(', ')}) ` +
      `SELECT ${entries.map(([, sql]) => sql).join(', ')} FROM ${from}`,
  );
}

/** An id in UUID form for row `seq` of one kind (`kind`: 8 hex digits) of one account (4). */
export function idSql(kind: string, accountTag: string, seq = 'seq'): string {
  return `CONCAT('${kind}-${accountTag}-4000-8000-', LPAD(HEX(${seq}), 12, '0'))`;
}

/**
 * One account with an owner (`owner@<tag>.scale.test`, the bench password), five apps and
 * `size` users shaped by `shapes`, each with its own login (`personNNNNN@<tag>.scale.test`),
 * one app, an authenticator when enrolled, and two audit events.
 */
export async function seedScaleAccount(
  dataSource: DataSource,
  secretKey: Buffer,
  size: number,
  tag: string,
): Promise<SeededAccount> {
  const ownerEmail = `owner@${tag}.scale.test`;
  const accounts = new AccountService({ dataSource, audit: new AuditService({ dataSource }) });
  const { account, owner } = await accounts.createAccount({
    name: `Scale ${tag}`,
    ownerEmail,
    ownerPassword: password,
  });
  for (const [userType, enforcement] of Object.entries(policies)) {
    await dataSource.getRepository(SecurityPolicy).update(
      { accountId: account.id, userType: userType as UserType },
      {
        enforcement,
        allowedMethods: [TwoFactorMethod.AUTHENTICATOR_APP, TwoFactorMethod.PIN],
        gracePeriodDays: 14,
      },
    );
  }
  const apps = await seedApps(dataSource, account.id, tag);

  const now = new Date();
  const day = 24 * 60 * 60_000;
  const at = (ms: number) => literal(new Date(now.getTime() + ms));
  const accountTag = randomBytes(2).toString('hex');
  // one real sealed secret for every seeded factor: nobody signs in as these users
  const sealed = deriveSecrets(secretKey).box.seal(base32Encode(randomBytes(20)));
  const number = 'IF(seq < 100000, LPAD(seq, 5, 0), seq)';
  const identityId = idSql('a0000001', accountTag);
  const userId = idSql('b0000001', accountTag);
  const nowSql = literal(now);

  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // the rows are consistent by construction; checking each costs more than writing it
    await runner.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    for (let from = 1; from <= size; from += ROWS_PER_STATEMENT) {
      const to = Math.min(size, from + ROWS_PER_STATEMENT - 1);
      const seq = `seq_${from}_to_${to}`;
      const started = Date.now();
      await runner.startTransaction();
      await insertSelect(
        runner,
        dataSource,
        Identity,
        {
          id: identityId,
          email: `CONCAT('person', ${number}, '@${tag}.scale.test')`,
          passwordHash: 'NULL',
          emailVerifiedAt: nowSql,
          createdAt: nowSql,
        },
        seq,
      );
      await insertSelect(
        runner,
        dataSource,
        User,
        {
          id: userId,
          accountId: literal(account.id),
          identityId,
          displayName: `CONCAT('Person ', ${number})`,
          // searchKeysOf() of the name and the email: ASCII here, so LOWER() folds them alike
          searchName: `LOWER(CONCAT('Person ', ${number}))`,
          searchEmail: `LOWER(CONCAT('person', ${number}, '@${tag}.scale.test'))`,
          userType: byShape((s) => literal(s.userType)),
          isOwner: '0',
          status: literal(UserStatus.ACTIVE),
          twoFactorRequirement: literal(TwoFactorRequirement.INHERIT),
          twoFactorDeadline: byShape((s) =>
            s.deadline === null ? 'NULL' : at(s.deadline === 'past' ? -3 * day : 30 * day),
          ),
          acceptedAt: nowSql,
          invitedAt: 'NULL',
          invitationExpiresAt: 'NULL',
          lastSignInAt: byShape((s) => (s.signedIn ? at(-day) : 'NULL')),
          createdAt: `${nowSql} - INTERVAL seq SECOND`,
        },
        seq,
      );
      await insertSelect(
        runner,
        dataSource,
        UserApp,
        {
          userId,
          appId: `ELT(1 + seq MOD ${apps.length}, ${apps.map((a) => literal(a.id)).join(', ')})`,
        },
        seq,
      );
      await insertSelect(
        runner,
        dataSource,
        AuthenticatorFactor,
        {
          id: idSql('c0000001', accountTag),
          userId,
          secretSealed: literal(sealed),
          status: literal(FactorStatus.ACTIVE),
          lastUsedStep: 'NULL',
          createdAt: nowSql,
          confirmedAt: nowSql,
          viaLink: '0',
        },
        `${seq} WHERE ${byShape((s) => (s.enrolled ? '1' : '0'))} = 1`,
      );
      // two events each: the owner created the user, the user signed in
      for (const [kind, fields] of [
        [
          'd0000001',
          {
            actorUserId: literal(owner.id),
            action: literal('user.created'),
            targetType: literal('User'),
            targetId: userId,
            createdAt: `${nowSql} - INTERVAL (2 * seq) SECOND`,
          },
        ],
        [
          'd0000002',
          {
            actorUserId: userId,
            action: literal('auth.signed_in'),
            targetType: 'NULL',
            targetId: 'NULL',
            createdAt: `${nowSql} - INTERVAL (2 * seq - 1) SECOND`,
          },
        ],
      ] as const) {
        await insertSelect(
          runner,
          dataSource,
          AuditEvent,
          {
            id: idSql(kind, accountTag),
            accountId: literal(account.id),
            actorIdentityId: 'NULL',
            ip: literal('192.0.2.10'),
            details: 'NULL',
            ...fields,
          },
          seq,
        );
      }
      await runner.commitTransaction();
      progress(`  ${tag}: users ${from}–${to} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
    await runner.release();
  }
  return { accountId: account.id, ownerEmail, size };
}

/**
 * Finishes what the server derives from the rows `seedScaleAccount` wrote directly: the tables'
 * statistics, so the optimizer plans as it would on a database grown in production. The stored
 * 2FA columns and counters need nothing here: the database's triggers kept them as the rows went
 * in (docs/design.md, Stored 2FA status), and the run checks every answer against the seed.
 * The search keys are written by the seed itself.
 */
export async function finishSeededAccount(
  dataSource: DataSource,
  _accountId: string,
): Promise<void> {
  for (const target of [Identity, User, UserApp, AuthenticatorFactor, AuditEvent, TwoFactorCount]) {
    await dataSource.query(`ANALYZE TABLE \`${tableName(dataSource, target)}\``);
  }
}
