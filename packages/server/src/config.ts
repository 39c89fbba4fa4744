import { isIP } from 'node:net';
import path from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import { z } from 'zod';
import { parseNetwork } from './modules/openid/network-address';

/** Where the embedded database, the generated key and the dev outbox live by default. */
const DEFAULT_DATA_DIR = './data';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mariadb' | 'mysql'; url: string; timeouts?: DatabaseTimeouts };

/**
 * Client-side bounds on a MariaDB/MySQL server that stops answering without closing the
 * connection (a frozen node, a partition): docs/design.md, Scale-out.
 */
export interface DatabaseTimeouts {
  /** Opening a connection, the server's greeting included. */
  connectMs: number;
  /** Waiting for a pooled connection, opening one included. */
  acquireMs: number;
  /** One statement; past it the connection is destroyed and the statement fails. */
  statementMs: number;
}

/** Waiting 1 s for a connection plus 3 s for a statement keeps every answer under 5 s. */
export const defaultDatabaseTimeouts: DatabaseTimeouts = {
  connectMs: 2_000,
  acquireMs: 1_000,
  statementMs: 3_000,
};

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  /** 32-byte key for secrets at rest; absent on the embedded default until one is generated. */
  secretKey: Buffer | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** A Twilio-compatible Messages API; unset → SMS codes are written to the dev outbox. */
  sms: {
    providerUrl: string | undefined;
    accountSid: string | undefined;
    authToken: string | undefined;
    from: string | undefined;
    /** Codes one account may send per day, whatever the numbers (cost and abuse cap). */
    dailyLimitPerAccount: number;
  };
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  production: boolean;
  introspection: boolean;
  trustProxy: TrustProxy;
  consoleDir: string;
  /** Housekeeping: audit events older than this many days are purged; 0 keeps them for ever. */
  auditRetentionDays: number;
  /** Minutes between two purges of expired data (sessions, links, rate-limit windows, …). */
  purgeIntervalMinutes: number;
  /** Bearer token that opens `GET /metrics`; unset → no metrics endpoint. */
  metricsToken: string | undefined;
  /**
   * Networks (CIDR) of the server's own network that account owners' OpenID providers may be
   * on: an internal identity provider. Any other non-public address is refused.
   */
  openIdAllowedNetworks: string[];
  /** How long sessions live (docs/design.md, Security baseline by default); shorter for soaks and strict deployments. */
  sessionLifetimes: SessionLifetimes;
  /** DNS servers for domain verification lookups (`ip` or `ip:port`); empty → the system's. */
  dnsServers: string[];
  /** A domain verification lookup gives up after this long, retries included. */
  dnsTimeoutMs: number;
}

/**
 * Which `X-Forwarded-For` entries are the proxies' own, so the client IP is the first address
 * (from the right) that no trusted proxy wrote. Never "every hop": the left-most entries are
 * whatever the client sent.
 */
export type TrustProxy =
  /** No proxy: the socket's address. */
  | { kind: 'none' }
  /** This many proxies in front, each appending one entry: `1` takes the right-most. */
  | { kind: 'hops'; hops: number }
  /** Only these proxy addresses/CIDRs (or proxy-addr's `loopback`, `linklocal`, `uniquelocal`). */
  | { kind: 'addresses'; addresses: string[] };

/** Session lifetimes in milliseconds, per stage (docs/design.md, Security baseline). */
export interface SessionLifetimes {
  /** PROFILE_SELECTION and SECOND_FACTOR: from the password. */
  pendingMs: number;
  /** ACTIVE: idle. */
  idleMs: number;
  /** ACTIVE: from sign-in, whatever the activity. */
  absoluteMs: number;
  enrollmentIdleMs: number;
  enrollmentAbsoluteMs: number;
  /** lastSeenAt is written at most this often, not on every request. */
  touchEveryMs: number;
}

/**
 * docs/design.md, Security baseline: ACTIVE sessions idle 30 min, absolute 12 h; PROFILE_SELECTION and SECOND_FACTOR end
 * 10 min after the password; ENROLLMENT sessions idle 15 min, absolute 1 h.
 */
export const designSessionLifetimes: SessionLifetimes = {
  pendingMs: 10 * 60_000,
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  enrollmentIdleMs: 15 * 60_000,
  enrollmentAbsoluteMs: 60 * 60_000,
  touchEveryMs: 60_000,
};

/** Every bad variable, one human-readable line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(emptyToUndefined, schema.optional());

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const urlWithProtocols = (protocols: string[], hint: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: hint },
  );

const namedProxyRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IP address or CIDR as proxy-addr reads it, in the plain notations only (no `127.1`). */
function isProxyAddress(value: string): boolean {
  if (namedProxyRanges.has(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (prefix !== undefined && !/^[0-9]{1,3}$/.test(prefix)) return false;
  try {
    proxyAddr.compile(value);
    return true;
  } catch {
    return false;
  }
}

const TRUST_PROXY_HINT =
  'must be false, true (one proxy), a number of proxies from 1 to 20, or a comma-separated list of proxy addresses/CIDRs such as 127.0.0.1,10.0.0.0/8';

const trustProxy = z.string().transform((value, context): TrustProxy => {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '0') return { kind: 'none' };
  // one proxy, whose entry is the right-most: `1` reads the same (it meant true before)
  if (trimmed === 'true') return { kind: 'hops', hops: 1 };
  if (/^[1-9][0-9]?$/.test(trimmed) && Number(trimmed) <= 20) {
    return { kind: 'hops', hops: Number(trimmed) };
  }
  const addresses = trimmed.split(',').map((entry) => entry.trim());
  if (addresses.every(isProxyAddress)) return { kind: 'addresses', addresses };
  context.addIssue({ code: 'custom', message: TRUST_PROXY_HINT });
  return z.NEVER;
});

/** A whole number of milliseconds from 100 to 600,000 (ten minutes). */
const timeoutMs = z
  .string()
  .regex(/^[1-9][0-9]{2,5}$/, {
    message: 'must be a whole number of milliseconds from 100 to 600000',
  })
  .transform(Number)
  .refine((ms) => ms <= 600_000, {
    message: 'must be a whole number of milliseconds from 100 to 600000',
  });

/** A whole number of minutes from 1 to 99,999, read as milliseconds. */
const minutes = z
  .string()
  .regex(/^[1-9][0-9]{0,4}$/, { message: 'must be a whole number of minutes from 1' })
  .transform((value) => Number(value) * 60_000);

const envSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d+$/, { message: 'must be a port number between 0 and 65535' })
      .transform(Number)
      .refine((n) => n <= 65535, { message: 'must be a port number between 0 and 65535' }),
  ),
  HOST: optional(z.string()),
  PUBLIC_URL: optional(urlWithProtocols(['http:', 'https:'], 'must be an http(s) URL')),
  TWOFOLD_DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    urlWithProtocols(
      ['mariadb:', 'mysql:'],
      'must be a mariadb:// or mysql:// URL (unset for the embedded SQLite database)',
    ),
  ),
  DATABASE_CONNECT_TIMEOUT_MS: optional(timeoutMs),
  DATABASE_ACQUIRE_TIMEOUT_MS: optional(timeoutMs),
  DATABASE_STATEMENT_TIMEOUT_MS: optional(timeoutMs),
  TWOFOLD_SECRET_KEY: optional(
    z.string().refine((value) => decodeKey(value) !== undefined, {
      message: 'must be 32 bytes, base64 or hex encoded (e.g. `openssl rand -base64 32`)',
    }),
  ),
  SMTP_URL: optional(urlWithProtocols(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: optional(z.string().max(254)),
  SMS_PROVIDER_URL: optional(urlWithProtocols(['http:', 'https:'], 'must be an http(s) URL')),
  SMS_ACCOUNT_SID: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be an account id (letters and digits)' }),
  ),
  SMS_AUTH_TOKEN: optional(z.string().max(256)),
  SMS_FROM: optional(
    z.string().regex(/^(\+[1-9][0-9]{6,14}|[A-Za-z0-9 ]{1,11})$/, {
      message: 'must be an E.164 number or an alphanumeric sender of at most 11 characters',
    }),
  ),
  SMS_DAILY_LIMIT: optional(
    z
      .string()
      .regex(/^[1-9][0-9]{0,6}$/, { message: 'must be a whole number from 1 to 9999999' })
      .transform(Number),
  ),
  CORS_ORIGINS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .refine((origins) => origins.every(isOrigin), {
        message: 'must be a comma-separated list of origins such as https://app.example.com',
      }),
  ),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  NODE_ENV: optional(z.string()),
  GRAPHQL_INTROSPECTION: optional(booleanFlag),
  TRUST_PROXY: optional(trustProxy),
  TWOFOLD_CONSOLE_DIR: optional(z.string()),
  AUDIT_RETENTION_DAYS: optional(
    z
      .string()
      .regex(/^(0|[1-9][0-9]{0,4})$/, {
        message: 'must be a whole number of days (0 keeps for ever)',
      })
      .transform(Number),
  ),
  PURGE_INTERVAL_MINUTES: optional(
    z
      .string()
      .regex(/^[1-9][0-9]{0,4}$/, { message: 'must be a whole number of minutes from 1' })
      .transform(Number),
  ),
  METRICS_TOKEN: optional(
    z.string().min(16, { message: 'must be at least 16 characters (it guards /metrics)' }),
  ),
  SESSION_PENDING_MINUTES: optional(minutes),
  SESSION_IDLE_MINUTES: optional(minutes),
  SESSION_MAX_MINUTES: optional(minutes),
  SESSION_ENROLLMENT_IDLE_MINUTES: optional(minutes),
  SESSION_ENROLLMENT_MAX_MINUTES: optional(minutes),
  DNS_SERVERS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((server) => server.trim())
          .filter(Boolean),
      )
      .refine((servers) => servers.every(isDnsServer), {
        message:
          'must be a comma-separated list of IP addresses, each with an optional port (1.1.1.1, 127.0.0.1:5353, [::1]:53)',
      }),
  ),
  DNS_TIMEOUT_SECONDS: optional(
    z
      .string()
      .regex(/^([1-9]|[1-5][0-9]|60)$/, {
        message: 'must be a whole number of seconds from 1 to 60',
      })
      .transform((value) => Number(value) * 1000),
  ),
  OPENID_ALLOWED_NETWORKS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((network) => network.trim())
          .filter(Boolean),
      )
      .refine((networks) => networks.every((network) => parseNetwork(network) !== null), {
        message: 'must be a comma-separated list of networks such as 10.20.0.0/16 or fd00:1::/64',
      }),
  ),
});

/** The variables the configuration reads; documented in the README. */
export const configVariables = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** What `dns.Resolver#setServers` takes: an IP address, or `ip:port` / `[ipv6]:port`. */
function isDnsServer(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  return isIP(host) === (match[1] ? 6 : 4) && port >= 1 && port <= 65535;
}

export function decodeKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

/** Reads and validates the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const message =
        issue.code === 'invalid_value' && name === 'LOG_LEVEL'
          ? 'must be one of fatal, error, warn, info, debug, trace, silent'
          : issue.message;
      return `${name}: ${message} (got ${JSON.stringify(env[name] ?? '')})`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const port = e.PORT ?? 4000;
  const dataDir = path.resolve(e.TWOFOLD_DATA_DIR ?? DEFAULT_DATA_DIR);
  const production = e.NODE_ENV === 'production';

  let database: DatabaseConfig;
  if (e.DATABASE_URL === undefined) {
    database = { type: 'sqlite', path: path.join(dataDir, 'twofold.sqlite') };
  } else {
    const url = new URL(e.DATABASE_URL);
    if (url.pathname.replace(/^\//, '') === '') {
      problems.push(
        `DATABASE_URL: must name a database, e.g. mariadb://user:pass@host:3306/twofold`,
      );
    }
    database = {
      type: url.protocol === 'mysql:' ? 'mysql' : 'mariadb',
      url: e.DATABASE_URL,
      timeouts: {
        connectMs: e.DATABASE_CONNECT_TIMEOUT_MS ?? defaultDatabaseTimeouts.connectMs,
        acquireMs: e.DATABASE_ACQUIRE_TIMEOUT_MS ?? defaultDatabaseTimeouts.acquireMs,
        statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS ?? defaultDatabaseTimeouts.statementMs,
      },
    };
  }
  const secretKey =
    e.TWOFOLD_SECRET_KEY === undefined ? undefined : decodeKey(e.TWOFOLD_SECRET_KEY);
  if (database.type !== 'sqlite' && secretKey === undefined) {
    problems.push(
      'TWOFOLD_SECRET_KEY: is required with DATABASE_URL (a shared database needs a shared key; generate one with `openssl rand -base64 32`)',
    );
  }
  if (e.SMS_PROVIDER_URL !== undefined) {
    for (const name of ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const) {
      if (e[name] === undefined) problems.push(`${name}: is required with SMS_PROVIDER_URL`);
    }
  }
  const d = designSessionLifetimes;
  const sessionLifetimes: SessionLifetimes = {
    pendingMs: e.SESSION_PENDING_MINUTES ?? d.pendingMs,
    idleMs: e.SESSION_IDLE_MINUTES ?? d.idleMs,
    absoluteMs: e.SESSION_MAX_MINUTES ?? d.absoluteMs,
    enrollmentIdleMs: e.SESSION_ENROLLMENT_IDLE_MINUTES ?? d.enrollmentIdleMs,
    enrollmentAbsoluteMs: e.SESSION_ENROLLMENT_MAX_MINUTES ?? d.enrollmentAbsoluteMs,
    // a touch is never further apart than the shortest idle time allows
    touchEveryMs: Math.min(
      d.touchEveryMs,
      (e.SESSION_IDLE_MINUTES ?? d.idleMs) / 2,
      (e.SESSION_ENROLLMENT_IDLE_MINUTES ?? d.enrollmentIdleMs) / 2,
    ),
  };
  if (sessionLifetimes.idleMs > sessionLifetimes.absoluteMs) {
    problems.push('SESSION_IDLE_MINUTES: must not be longer than SESSION_MAX_MINUTES');
  }
  if (sessionLifetimes.enrollmentIdleMs > sessionLifetimes.enrollmentAbsoluteMs) {
    problems.push(
      'SESSION_ENROLLMENT_IDLE_MINUTES: must not be longer than SESSION_ENROLLMENT_MAX_MINUTES',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port,
    host: e.HOST ?? '0.0.0.0',
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    database,
    secretKey,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Twofold <no-reply@localhost>',
    sms: {
      providerUrl: e.SMS_PROVIDER_URL,
      accountSid: e.SMS_ACCOUNT_SID,
      authToken: e.SMS_AUTH_TOKEN,
      from: e.SMS_FROM,
      dailyLimitPerAccount: e.SMS_DAILY_LIMIT ?? 1000,
    },
    corsOrigins: e.CORS_ORIGINS ?? [],
    logLevel: e.LOG_LEVEL ?? 'info',
    production,
    introspection: e.GRAPHQL_INTROSPECTION ?? !production,
    trustProxy: e.TRUST_PROXY ?? { kind: 'none' },
    consoleDir: path.resolve(e.TWOFOLD_CONSOLE_DIR ?? path.join(__dirname, '../../console/dist')),
    auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? 400,
    purgeIntervalMinutes: e.PURGE_INTERVAL_MINUTES ?? 15,
    metricsToken: e.METRICS_TOKEN,
    openIdAllowedNetworks: e.OPENID_ALLOWED_NETWORKS ?? [],
    sessionLifetimes,
    dnsServers: e.DNS_SERVERS ?? [],
    dnsTimeoutMs: e.DNS_TIMEOUT_SECONDS ?? 5_000,
  };
}

/** The problems `loadConfig` would report for `env`; empty when it is valid. */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
