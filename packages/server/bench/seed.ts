/**
 * The bench's database (its own, dropped at the end) and its data, written through the bench's
 * own TypeORM DataSource once the server has migrated the schema.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import {
  Enforcement,
  TokenTransport,
  TwoFactorMethod,
  TwoFactorRequirement,
  UserStatus,
  UserType,
} from '@twofold/shared';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config';
import { argon2Options } from '../src/crypto/password';
import { deriveSecrets } from '../src/crypto/keys';
import { hashToken, newToken } from '../src/crypto/tokens';
import { AccountService } from '../src/modules/account/account.service';
import { App, UserApp } from '../src/modules/app/app.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { Identity } from '../src/modules/identity/identity.entity';
import { SecurityPolicy } from '../src/modules/policy/security-policy.entity';
import { Session } from '../src/modules/session/session.entity';
import { base32Encode, totpAt } from '../src/modules/two-factor/authenticator/totp';
import { AuthenticatorFactor, FactorStatus } from '../src/modules/two-factor/two-factor.entities';
import { searchKeysOf } from '../src/modules/user/search-keys';
import { User } from '../src/modules/user/user.entity';
import { createServerDatabase } from '../test/helpers/test-database';
import { type Enrolled, totpCode } from './totp';

export const password = 'bench password, long enough';
export const benchCoUsers = 200;

/** Where the server keeps its data for this run, and how to remove it. */
export interface BenchDatabase {
  /** What the server is given: DATABASE_URL (none for SQLite) and TWOFOLD_DATA_DIR. */
  env: Record<string, string>;
  /** The same database for the bench's own DataSource. */
  config: DatabaseConfig;
  /** What the baseline endpoint opens. */
  baselineEnv: Record<string, string>;
  label: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(sqlite: boolean): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twofold-bench-'));
  if (sqlite) {
    const file = path.join(dataDir, 'twofold.sqlite');
    return {
      env: { TWOFOLD_DATA_DIR: dataDir },
      config: { type: 'sqlite', path: file },
      baselineEnv: { BENCH_BASELINE_SQLITE: file },
      label: 'sqlite',
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await createServerDatabase(
    process.env.BENCH_DATABASE_URL ?? 'mariadb://root@127.0.0.1:3306',
    'twofold_bench',
  );
  const { url } = database.config;
  return {
    env: { TWOFOLD_DATA_DIR: dataDir, DATABASE_URL: url },
    config: database.config,
    baselineEnv: { BENCH_BASELINE_MYSQL_URL: url },
    label: database.config.type,
    drop: async () => {
      try {
        await database.drop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function insertInBatches<T extends object>(
  dataSource: DataSource,
  entity: new () => T,
  rows: object[],
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size))
      .execute();
  }
}

/** The columns every seeded profile shares: active, accepted, no 2FA rule of its own. */
function activeProfile(now: Date) {
  return {
    isOwner: false,
    status: UserStatus.ACTIVE,
    twoFactorRequirement: TwoFactorRequirement.INHERIT,
    twoFactorDeadline: null,
    acceptedAt: now,
    lastSignInAt: null,
    createdAt: now,
  };
}

/** Five iOS apps of `accountId`, their bundle ids under `com.<tag>.`. */
export function seedApps(dataSource: DataSource, accountId: string, tag: string): Promise<App[]> {
  const apps = dataSource.getRepository(App);
  return apps.save(
    ['Atlas', 'Field Notes', 'Ledger', 'Orbit', 'Quill'].map((name) =>
      apps.create({
        accountId,
        name,
        platform: 'IOS' as App['platform'],
        bundleId: `com.${tag}.${name.toLowerCase().replace(' ', '')}`,
        previewUrl: `https://preview.${tag}.test/${name.toLowerCase().replace(' ', '-')}`,
        createdAt: new Date(),
      }),
    ),
  );
}

/**
 * "Bench Co": its owner and `benchCoUsers` users of every type, three apps each, one password
 * for all, no second factor (the users page lists this account). Returns the owner's email.
 */
export async function seedBenchCo(dataSource: DataSource): Promise<string> {
  const ownerEmail = 'owner@bench.test';
  const accounts = new AccountService({ dataSource, audit: new AuditService({ dataSource }) });
  const { account } = await accounts.createAccount({
    name: 'Bench Co',
    ownerEmail,
    ownerPassword: password,
  });
  const apps = await seedApps(dataSource, account.id, 'bench');
  const passwordHash = await hash(password, argon2Options);
  const types = Object.values(UserType);
  const now = new Date();
  const identities = Array.from({ length: benchCoUsers }, (_, i) => ({
    id: randomUUID(),
    email: `user${i}@bench.test`,
    passwordHash,
    emailVerifiedAt: now,
    createdAt: now,
  }));
  const users = identities.map((identity, i) => ({
    id: randomUUID(),
    accountId: account.id,
    identityId: identity.id,
    displayName: `User ${String(i).padStart(4, '0')}`,
    ...searchKeysOf(`User ${String(i).padStart(4, '0')}`, identity.email),
    userType: types[i % types.length]!,
    ...activeProfile(now),
  }));
  await insertInBatches(dataSource, Identity, identities);
  await insertInBatches(dataSource, User, users);
  await insertInBatches(
    dataSource,
    UserApp,
    users.flatMap((user, i) =>
      [0, 1, 2].map((k) => ({ userId: user.id, appId: apps[(i + k) % apps.length]!.id })),
    ),
  );
  return ownerEmail;
}

/**
 * "Sign-in Co": `count` ADMINISTRATOR users (so each may list the account's users in the soak),
 * the bench password, an ACTIVE confirmed authenticator each whose secret is sealed with the
 * key the server derives from TWOFOLD_SECRET_KEY. 2FA is OPTIONAL with the app allowed for every
 * type: a user holding a factor is asked for it at sign-in (SECOND_FACTOR).
 */
export async function seedSignInCo(
  dataSource: DataSource,
  secretKey: Buffer,
  count: number,
): Promise<Enrolled[]> {
  const accounts = new AccountService({ dataSource, audit: new AuditService({ dataSource }) });
  const { account } = await accounts.createAccount({
    name: 'Sign-in Co',
    ownerEmail: 'owner@signin.test',
    ownerPassword: password,
  });
  await dataSource
    .getRepository(SecurityPolicy)
    .update(
      { accountId: account.id },
      { enforcement: Enforcement.OPTIONAL, allowedMethods: Object.values(TwoFactorMethod) },
    );
  const { box } = deriveSecrets(secretKey);
  const passwordHash = await hash(password, argon2Options);
  const now = new Date();
  const enrolled: Enrolled[] = [];
  const identities: object[] = [];
  const users: object[] = [];
  const factors: object[] = [];
  for (let i = 0; i < count; i++) {
    const secret = randomBytes(20);
    const person: Enrolled = {
      userId: randomUUID(),
      identityId: randomUUID(),
      email: `signer${i}@signin.test`,
      secret,
      lastStep: null,
      busy: false,
      sessions: [],
    };
    enrolled.push(person);
    identities.push({
      id: person.identityId,
      email: person.email,
      passwordHash,
      emailVerifiedAt: now,
      createdAt: now,
    });
    users.push({
      id: person.userId,
      accountId: account.id,
      identityId: person.identityId,
      displayName: `Signer ${String(i).padStart(5, '0')}`,
      ...searchKeysOf(`Signer ${String(i).padStart(5, '0')}`, person.email),
      userType: UserType.ADMINISTRATOR,
      ...activeProfile(now),
    });
    factors.push({
      id: randomUUID(),
      userId: person.userId,
      secretSealed: box.seal(base32Encode(secret)),
      status: FactorStatus.ACTIVE,
      lastUsedStep: null,
      createdAt: now,
      confirmedAt: now,
      viaLink: false,
    });
  }
  // the bench's codes are the server's: one secret checked against its TOTP implementation
  const sample = enrolled[0];
  if (sample && totpCode(sample.secret, 1000) !== totpAt(base32Encode(sample.secret), 1000)) {
    throw new Error('the bench computes other TOTP codes than the server');
  }
  await insertInBatches(dataSource, Identity, identities);
  await insertInBatches(dataSource, User, users);
  await insertInBatches(dataSource, AuthenticatorFactor, factors);
  return enrolled;
}

/**
 * `perUser` sessions at SECOND_FACTOR for each enrolled user, as sign-in leaves them (profile
 * selected, second factor not verified), inserted directly: no argon2 per session. Their tokens
 * go to each user's `sessions`.
 */
export async function insertPendingSessions(
  dataSource: DataSource,
  enrolled: Enrolled[],
  perUser: number,
): Promise<number> {
  const now = new Date();
  const absoluteExpiresAt = new Date(now.getTime() + 12 * 60 * 60_000);
  const rows: object[] = [];
  for (const person of enrolled) {
    for (let k = 0; k < perUser; k++) {
      const token = newToken();
      person.sessions.push(token);
      rows.push({
        id: randomUUID(),
        tokenHash: hashToken(token),
        identityId: person.identityId,
        userId: person.userId,
        secondFactorVerifiedAt: null,
        transport: TokenTransport.BEARER,
        createdAt: now,
        lastSeenAt: now,
        absoluteExpiresAt,
        ip: null,
        userAgent: null,
      });
    }
  }
  await insertInBatches(dataSource, Session, rows, 1000);
  return rows.length;
}

export async function countSessions(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ n: number | string }[]>(
    'SELECT COUNT(*) AS n FROM sessions',
  );
  return Number(row?.n ?? 0);
}
