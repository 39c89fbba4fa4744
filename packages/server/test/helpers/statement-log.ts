import type { Logger } from 'typeorm';

/** A TypeORM logger that keeps the statements sent to the database (query-count tests). */
export class StatementLog implements Logger {
  statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
