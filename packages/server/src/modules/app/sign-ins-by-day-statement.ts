import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { isSqlite } from '../../db/dialect';
import { columnOf } from '../../db/raw-columns';
import { AuditEvent } from '../audit/audit-event.entity';
import { type App, UserApp } from './app.entity';

/** A row of `signInsByDayStatement`: a UTC day (`YYYY-MM-DD`) and its sign-ins (the aliases it selects). */
export type SignInsOfDay = { day: unknown; count: unknown };

/**
 * The sign-ins of `app`'s assigned users since `since`, counted per UTC day by the database; its
 * rows are read by `readSignInsByDay` alone.
 */
export function signInsByDayStatement(
  dataSource: DataSource,
  app: Pick<App, 'id' | 'accountId'>,
  since: Date,
): SelectQueryBuilder<AuditEvent> {
  const createdAt = columnOf(dataSource, AuditEvent, 'createdAt');
  // timestamps are stored in UTC on both dialects (text on SQLite, DATETIME(3) on MySQL)
  const day = isSqlite(dataSource)
    ? `substr(e.${createdAt.databaseName}, 1, 10)`
    : `DATE_FORMAT(e.${createdAt.databaseName}, '%Y-%m-%d')`;
  return dataSource
    .getRepository(AuditEvent)
    .createQueryBuilder('e')
    .innerJoin(UserApp, 'ua', 'ua.userId = e.actorUserId AND ua.appId = :appId', {
      appId: app.id,
    })
    .select(day, 'day')
    .addSelect('COUNT(*)', 'count')
    .where('e.accountId = :accountId', { accountId: app.accountId })
    .andWhere('e.action = :action', { action: 'auth.signed_in' })
    .andWhere('e.createdAt >= :since', {
      since: dataSource.driver.preparePersistentValue(since, createdAt) as unknown,
    })
    .groupBy(day);
}

/** Sign-ins by UTC day from the rows of `signInsByDayStatement`. */
export function readSignInsByDay(rows: readonly SignInsOfDay[]): Map<string, number> {
  return new Map(rows.map((row) => [String(row.day), Number(row.count)]));
}
