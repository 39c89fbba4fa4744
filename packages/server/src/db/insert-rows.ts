import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per INSERT: bounded statements (MySQL's packet, SQLite's variables) whatever the batch. */
export const rowsPerInsert = 500;

/**
 * `rows` as given, in one INSERT per `rowsPerInsert`. Nothing is read back: after a multi-row
 * insert TypeORM could pair the defaults it reads with the wrong rows, and one row is one INSERT
 * (save() would wrap it in a transaction and read it again).
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + rowsPerInsert))
      .updateEntity(false)
      .execute();
  }
}
