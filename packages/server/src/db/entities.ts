import { Account } from '../modules/account/account.entity';

/** Every entity of the schema; migrations are generated from this list. */
export const entities = [Account];
