import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { type RawRow, rawColumnKey } from './raw-columns';

/**
 * Entities from the raw rows of a query that selected `alias` (all its columns), for hot lists
 * (docs/design.md, Targets): each column goes through the driver's own conversion (dates, booleans, JSON,
 * transformers), so the values are those `getMany()` gives, without TypeORM's relation-aware
 * transformer that costs a users page most of its CPU. Relations are left unset.
 * `test/hydrate.test.ts` compares the two on both dialects.
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  rows: readonly RawRow[],
): T[] {
  const metadata = dataSource.getMetadata(target);
  const { driver } = dataSource;
  const columns = metadata.columns.map((column) => ({
    column,
    key: rawColumnKey(dataSource, alias, column.databaseName),
  }));
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const { column, key } of columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
    }
    return entity;
  });
}

/**
 * The entity the alias `alias` holds in `row`, or null where its LEFT JOIN found none (every
 * primary column null), as `getMany()` leaves such a relation.
 */
export function hydrateJoined<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  row: RawRow,
): T | null {
  const { primaryColumns } = dataSource.getMetadata(target);
  const found = primaryColumns.some(
    (column) => row[rawColumnKey(dataSource, alias, column.databaseName)] != null,
  );
  return found ? hydrate(dataSource, target, alias, [row])[0]! : null;
}
