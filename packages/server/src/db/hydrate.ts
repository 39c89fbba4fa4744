import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/**
 * Entities from the raw rows of a query that selected `alias` (all its columns), for hot lists
 * (docs/design.md, Targets): each column goes through the driver's own conversion (dates, booleans, JSON,
 * transformers), so the values are those `getMany()` gives, without TypeORM's relation-aware
 * transformer that costs a users page most of its CPU. Relations are left unset.
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  rows: readonly Record<string, unknown>[],
): T[] {
  const metadata = dataSource.getMetadata(target);
  const { driver } = dataSource;
  const columns = metadata.columns.map((column) => ({
    column,
    key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName),
  }));
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const { column, key } of columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
    }
    return entity;
  });
}
