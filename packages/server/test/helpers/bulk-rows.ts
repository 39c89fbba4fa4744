import { randomUUID } from 'node:crypto';
import { TwoFactorRequirement, UserStatus, UserType } from '@twofold/shared';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../../src/modules/audit/audit-event.entity';
import { Identity } from '../../src/modules/identity/identity.entity';
import { User } from '../../src/modules/user/user.entity';
import { searchKeysOf } from '../../src/modules/user/search-keys';

/** Rows per INSERT: at most ~16,000 bound values, under every dialect's limit. */
const ROWS_PER_INSERT = 1000;

/**
 * `count` rows of `target` in multi-row INSERTs written by hand (the query builder spends more
 * time building 100,000 entities than the database spends storing them), each value converted
 * by the driver as TypeORM converts it; in one transaction.
 */
async function insertAll<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  count: number,
  rowAt: (index: number) => Partial<T>,
): Promise<void> {
  const { driver } = dataSource;
  const metadata = dataSource.getMetadata(target);
  const { tableName } = metadata;
  // a column with a default the rows leave out keeps it (the stored 2FA columns, say): a NULL
  // written for it would break its NOT NULL
  const first = count > 0 ? (rowAt(0) as ObjectLiteral) : {};
  const columns = metadata.columns.filter(
    (column) => column.default === undefined || column.getEntityValue(first) !== undefined,
  );
  const head =
    `INSERT INTO ${driver.escape(tableName)} ` +
    `(${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < count; start += ROWS_PER_INSERT) {
      const size = Math.min(ROWS_PER_INSERT, count - start);
      const values: unknown[] = [];
      for (let i = 0; i < size; i++) {
        const row = rowAt(start + i) as ObjectLiteral;
        for (const column of columns) {
          values.push(driver.preparePersistentValue(column.getEntityValue(row) ?? null, column));
        }
      }
      await manager.query(head + Array.from({ length: size }, () => tuple).join(', '), values);
    }
  });
}

/**
 * `count` active App reviewers of `accountId` (each with its own login, no password), named
 * `<prefix> 000001`, …: fast, for exports of many rows.
 */
export async function insertUsers(
  dataSource: DataSource,
  accountId: string,
  count: number,
  prefix = 'Bulk user',
): Promise<void> {
  const now = new Date();
  const tag = randomUUID().slice(0, 8);
  const identityIds = Array.from({ length: count }, () => randomUUID());
  const emailAt = (i: number) => `bulk.${tag}.${i}@example.test`;
  await insertAll(dataSource, Identity, count, (i) => ({
    id: identityIds[i]!,
    email: emailAt(i),
    passwordHash: null,
    emailVerifiedAt: null,
    createdAt: now,
  }));
  await insertAll(dataSource, User, count, (i) => ({
    id: randomUUID(),
    accountId,
    identityId: identityIds[i]!,
    displayName: `${prefix} ${String(i).padStart(6, '0')}`,
    ...searchKeysOf(`${prefix} ${String(i).padStart(6, '0')}`, emailAt(i)),
    userType: UserType.APP_REVIEWER,
    isOwner: false,
    status: UserStatus.ACTIVE,
    twoFactorRequirement: TwoFactorRequirement.INHERIT,
    twoFactorDeadline: null,
    acceptedAt: now,
    lastSignInAt: null,
    createdAt: now,
  }));
}

/** `count` `user.updated` events of `accountId` by `actorUserId`, one millisecond apart. */
export async function insertAuditEvents(
  dataSource: DataSource,
  accountId: string,
  actorUserId: string,
  count: number,
  start = new Date('2026-01-01T00:00:00.000Z'),
): Promise<void> {
  await insertAll(dataSource, AuditEvent, count, (i) => ({
    id: randomUUID(),
    accountId,
    actorUserId,
    actorIdentityId: null,
    action: 'user.updated',
    targetType: 'User',
    targetId: actorUserId,
    ip: '192.0.2.10',
    details: {
      changed: ['displayName'],
      changes: { displayName: { from: `n${i}`, to: `n${i + 1}` } },
    },
    createdAt: new Date(start.getTime() + i),
  }));
}
