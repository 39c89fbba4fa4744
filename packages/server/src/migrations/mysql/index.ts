import { Init1795343752882 } from './1795343752882-Init';

/** Migrations for MariaDB and MySQL, oldest first. Generated; never edit a merged one. */
export const mysqlMigrations: (new () => unknown)[] = [Init1795343752882];
