import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** A raw row as the driver returns it: one value per selected column alias. */
export type RawRow = Record<string, unknown>;

/** A column's metadata (TypeORM does not export the class from its entry point). */
export type ColumnOf = EntityMetadata['columns'][number];

/**
 * The metadata of `target`'s column `property`. Hand-written SQL names tables and columns through
 * this, never as literals, so a renamed column cannot leave a statement reading nothing.
 */
export function columnOf<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  property: Extract<keyof T, string>,
): ColumnOf {
  const metadata = dataSource.getMetadata(target);
  const column = metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`${metadata.name}.${property} is not a column`);
  return column;
}

/** The database name of `target`'s column `property`, for hand-written SQL. */
export function columnName<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  property: Extract<keyof T, string>,
): string {
  return columnOf(dataSource, target, property).databaseName;
}

/** The table of `target`, for hand-written SQL. */
export function tableName(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): string {
  return dataSource.getMetadata(target).tableName;
}

/**
 * The key of the column `databaseName` of the query-builder alias `alias` in a raw row: what the
 * query builder names it when it selects the alias (`alias_column`). TypeORM's own rule
 * (`DriverUtils.buildAlias`, internal) is this join, except that a name longer than the driver's
 * `maxAliasLength` (MySQL/MariaDB 63; SQLite none) is hashed; such a name is refused here
 * rather than guessed. `test/hydrate.test.ts` checks the keys against what each dialect returns.
 */
export function rawColumnKey(dataSource: DataSource, alias: string, databaseName: string): string {
  const key = `${alias}_${databaseName}`;
  const max = dataSource.driver.maxAliasLength;
  if (max !== undefined && max > 0 && key.length > max) {
    throw new Error(
      `${key} is longer than ${max} characters: TypeORM hashes it; shorten the alias`,
    );
  }
  return key;
}

/** The key of `target`'s column `property`, selected under the alias `alias`, in a raw row. */
export function columnKey<T extends ObjectLiteral>(
  dataSource: DataSource,
  alias: string,
  target: EntityTarget<T>,
  property: Extract<keyof T, string>,
): string {
  return rawColumnKey(dataSource, alias, columnName(dataSource, target, property));
}
