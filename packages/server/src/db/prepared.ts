import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A SELECT whose SQL text is built once by TypeORM's query builder and reused, for statements
 * every request sends (docs/design.md, Targets): building the text costs more CPU than the database spends
 * answering it. Only the values of its named parameters change between runs; they are bound by
 * the driver's own escaping (dates as each dialect stores them). The builder must not depend on
 * the values (no `In([...])`, no conditions added per call).
 */
export class PreparedSelect<P extends Record<string, unknown>> {
  private sql: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly build: () => SelectQueryBuilder<ObjectLiteral>,
  ) {}

  /** The raw rows for `params`, with the columns as TypeORM aliases them (`alias_column`). */
  async rows(params: P): Promise<Record<string, unknown>[]> {
    this.sql ??= this.build().getQuery();
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(this.sql, params);
    return this.dataSource.query<Record<string, unknown>[]>(sql, values);
  }
}
