import { Init1795343752882 } from './1795343752882-Init';

/** Migrations for the embedded SQLite database, oldest first. Generated; never edit a merged one. */
export const sqliteMigrations: (new () => unknown)[] = [Init1795343752882];
