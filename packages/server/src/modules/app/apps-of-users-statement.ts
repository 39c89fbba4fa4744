import type { DataSource } from 'typeorm';
import { hydrate } from '../../db/hydrate';
import { PreparedSelect } from '../../db/prepared';
import { columnKey, type RawRow } from '../../db/raw-columns';
import { App, UserApp } from './app.entity';

/** The named parameters of `appsOfUsersStatement`. */
export type AppsOfUsersParams = { userIds: string[]; accountId: string; me: string };

/** The raw column of a row's user (the assignment's `userId`). */
const assigneeOf = (dataSource: DataSource) => columnKey(dataSource, 'ua', UserApp, 'userId');

/**
 * The apps of the account assigned to the users `:userIds`, one row an assignment, by name; for
 * callers who see every app (`all`) or those who see their own only (`:me`'s). Built once (see
 * PreparedSelect); its rows are read by `readAppsOfUsers` alone.
 */
export function appsOfUsersStatement(
  dataSource: DataSource,
  all: boolean,
): PreparedSelect<AppsOfUsersParams> {
  return new PreparedSelect(dataSource, () => {
    const query = dataSource
      .getRepository(App)
      .createQueryBuilder('app')
      .innerJoin(UserApp, 'ua', 'ua.appId = app.id')
      .addSelect('ua.userId', assigneeOf(dataSource))
      .where('ua.userId IN (:...userIds)')
      .andWhere('app.accountId = :accountId');
    // a caller who does not see every app sees those assigned to them
    if (!all) query.innerJoin(UserApp, 'mine', 'mine.appId = app.id AND mine.userId = :me');
    return query.orderBy('app.name', 'ASC').addOrderBy('app.id', 'ASC');
  });
}

/** The apps of each of `userIds` (in its order) in the rows of `appsOfUsersStatement`. */
export function readAppsOfUsers(
  dataSource: DataSource,
  rows: readonly RawRow[],
  userIds: readonly string[],
): App[][] {
  const appId = columnKey(dataSource, 'app', App, 'id');
  const assignee = assigneeOf(dataSource);
  // a page's users share a few apps: each is built once
  const apps = new Map<unknown, App>();
  const byUser = new Map<string, App[]>(userIds.map((id) => [id, []]));
  for (const row of rows) {
    let app = apps.get(row[appId]);
    if (!app) {
      [app] = hydrate(dataSource, App, 'app', [row]) as [App];
      apps.set(row[appId], app);
    }
    byUser.get(String(row[assignee]))?.push(app);
  }
  return userIds.map((id) => byUser.get(id) ?? []);
}
