import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AccountService } from './modules/account/account.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { RateLimitService } from './modules/rate-limit/rate-limit.service';

/** Every service, wired once per process; resolvers, the CLI and tests share these. */
export interface Services {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  audit: AuditService;
  rateLimits: RateLimitService;
  auth: AuthService;
  accounts: AccountService;
}

export function createServices(deps: {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}): Services {
  const audit = new AuditService(deps.dataSource);
  const rateLimits = new RateLimitService(deps.dataSource);
  const auth = new AuthService(deps.dataSource, audit, rateLimits);
  const accounts = new AccountService(deps.dataSource, audit);
  return { ...deps, audit, rateLimits, auth, accounts };
}
