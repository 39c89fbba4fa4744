import { createPool, type Pool } from 'mysql2/promise';

/**
 * The hand-written baselines' mysql2 pool for a `mariadb://` or `mysql://` URL: 10 connections,
 * like the server's TypeORM pool, dates in UTC like the server's.
 */
export function baselinePool(mysqlUrl: string): Pool {
  const url = new URL(mysqlUrl);
  return createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ''),
    connectionLimit: 10,
    timezone: 'Z',
  });
}
