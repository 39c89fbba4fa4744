import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginBoundary1796645666432 implements MigrationInterface {
  name = 'LoginBoundary1796645666432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_identity_providers_account"`);
    await queryRunner.query(`CREATE TABLE "temporary_identity_providers" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "issuerUrl" varchar(2048) NOT NULL, "clientId" varchar(255) NOT NULL, "clientSecretSealed" text NOT NULL, "allowedEmailDomains" text NOT NULL, "twoFactorPolicy" varchar CHECK( "twoFactorPolicy" IN ('REQUIRE_TWOFOLD','TRUST_PROVIDER','EXEMPT') ) NOT NULL, "trustedAcrValues" text NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "waiverUserTypes" text NOT NULL DEFAULT ('[]'), "maxAgeSeconds" integer DEFAULT (600), CONSTRAINT "FK_1c87b9079050d880ed2151af9a5" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_identity_providers"("id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt") SELECT "id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt" FROM "identity_providers"`);
    await queryRunner.query(`DROP TABLE "identity_providers"`);
    await queryRunner.query(`ALTER TABLE "temporary_identity_providers" RENAME TO "identity_providers"`);
    await queryRunner.query(`CREATE INDEX "ix_identity_providers_account" ON "identity_providers" ("accountId") `);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity_provider"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), "identityProviderId" varchar(36), "providerAmr" varchar(255), "providerAcr" varchar(255), "heldFactorVerifiedAt" datetime(3), "providerAuthAt" datetime(3), CONSTRAINT "FK_24cccb848768369d73e5e95ac27" FOREIGN KEY ("identityProviderId") REFERENCES "identity_providers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr" FROM "sessions"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity_provider" ON "sessions" ("identityProviderId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `);
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(`CREATE TABLE "temporary_authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "viaLink" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_1b29a43c039a4ef748fa81d515c" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink" FROM "authenticator_factors"`);
    await queryRunner.query(`DROP TABLE "authenticator_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_authenticator_factors" RENAME TO "authenticator_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `);
    await queryRunner.query(`CREATE TABLE "temporary_pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "keyed" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_pin_factors"("userId", "pinHash", "createdAt", "updatedAt") SELECT "userId", "pinHash", "createdAt", "updatedAt" FROM "pin_factors"`);
    await queryRunner.query(`DROP TABLE "pin_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_pin_factors" RENAME TO "pin_factors"`);
    await queryRunner.query(`DROP INDEX "uq_sms_factors_user_status"`);
    await queryRunner.query(`DROP INDEX "ix_sms_factors_phone"`);
    await queryRunner.query(`CREATE TABLE "temporary_sms_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "phoneSealed" varchar(255) NOT NULL, "phoneHash" varchar(64) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "codeHash" varchar(64), "codeExpiresAt" datetime(3), "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_e9bdaee15861d5f046f73a50dd6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_sms_factors"("id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt") SELECT "id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt" FROM "sms_factors"`);
    await queryRunner.query(`DROP TABLE "sms_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_sms_factors" RENAME TO "sms_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sms_factors_user_status" ON "sms_factors" ("userId", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_sms_factors_phone" ON "sms_factors" ("phoneHash") `);

    // Factors set up before this migration: one set up while another profile of the same login
    // already held a factor may have been planted on the password's word (the hole this release
    // closes), so only the login's earliest profile with a factor keeps vouching.
    await markLaterFactorsNotVouching(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sms_factors_phone"`);
    await queryRunner.query(`DROP INDEX "uq_sms_factors_user_status"`);
    await queryRunner.query(`ALTER TABLE "sms_factors" RENAME TO "temporary_sms_factors"`);
    await queryRunner.query(`CREATE TABLE "sms_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "phoneSealed" varchar(255) NOT NULL, "phoneHash" varchar(64) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "codeHash" varchar(64), "codeExpiresAt" datetime(3), "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), CONSTRAINT "FK_e9bdaee15861d5f046f73a50dd6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "sms_factors"("id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt") SELECT "id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt" FROM "temporary_sms_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_sms_factors"`);
    await queryRunner.query(`CREATE INDEX "ix_sms_factors_phone" ON "sms_factors" ("phoneHash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sms_factors_user_status" ON "sms_factors" ("userId", "status") `);
    await queryRunner.query(`ALTER TABLE "pin_factors" RENAME TO "temporary_pin_factors"`);
    await queryRunner.query(`CREATE TABLE "pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "pin_factors"("userId", "pinHash", "createdAt", "updatedAt") SELECT "userId", "pinHash", "createdAt", "updatedAt" FROM "temporary_pin_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_pin_factors"`);
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(`ALTER TABLE "authenticator_factors" RENAME TO "temporary_authenticator_factors"`);
    await queryRunner.query(`CREATE TABLE "authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "viaLink" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_1b29a43c039a4ef748fa81d515c" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink" FROM "temporary_authenticator_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_authenticator_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `);
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity_provider"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), "identityProviderId" varchar(36), "providerAmr" varchar(255), "providerAcr" varchar(255), CONSTRAINT "FK_24cccb848768369d73e5e95ac27" FOREIGN KEY ("identityProviderId") REFERENCES "identity_providers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr" FROM "temporary_sessions"`);
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity_provider" ON "sessions" ("identityProviderId") `);
    await queryRunner.query(`DROP INDEX "ix_identity_providers_account"`);
    await queryRunner.query(`ALTER TABLE "identity_providers" RENAME TO "temporary_identity_providers"`);
    await queryRunner.query(`CREATE TABLE "identity_providers" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "issuerUrl" varchar(2048) NOT NULL, "clientId" varchar(255) NOT NULL, "clientSecretSealed" text NOT NULL, "allowedEmailDomains" text NOT NULL, "twoFactorPolicy" varchar CHECK( "twoFactorPolicy" IN ('REQUIRE_TWOFOLD','TRUST_PROVIDER','EXEMPT') ) NOT NULL, "trustedAcrValues" text NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_1c87b9079050d880ed2151af9a5" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "identity_providers"("id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt") SELECT "id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt" FROM "temporary_identity_providers"`);
    await queryRunner.query(`DROP TABLE "temporary_identity_providers"`);
    await queryRunner.query(`CREATE INDEX "ix_identity_providers_account" ON "identity_providers" ("accountId") `);
  }
}

/** Marks the factors of every profile but each login's earliest one as not vouching. */
async function markLaterFactorsNotVouching(queryRunner: QueryRunner): Promise<void> {
  const rows = (await queryRunner.query(
    `SELECT f.kind, f.id, f.userId, u.identityId, f.at FROM (
       SELECT 'authenticator' AS kind, id, userId, confirmedAt AS at FROM authenticator_factors WHERE status = 'ACTIVE'
       UNION ALL SELECT 'sms' AS kind, id, userId, confirmedAt AS at FROM sms_factors WHERE status = 'ACTIVE'
       UNION ALL SELECT 'pin' AS kind, userId AS id, userId, createdAt AS at FROM pin_factors
     ) f JOIN users u ON u.id = f.userId`,
  )) as { kind: string; id: string; userId: string; identityId: string; at: string | Date | null }[];
  const time = (at: string | Date | null) => (at === null ? Infinity : new Date(at).getTime());
  const first = new Map<string, { userId: string; at: number }>();
  for (const row of rows) {
    const seen = first.get(row.identityId);
    const at = time(row.at);
    if (!seen || at < seen.at || (at === seen.at && row.userId < seen.userId)) {
      first.set(row.identityId, { userId: row.userId, at });
    }
  }
  const later = rows.filter((row) => first.get(row.identityId)?.userId !== row.userId);
  const tables: Record<string, [string, string]> = {
    authenticator: ['authenticator_factors', 'id'],
    sms: ['sms_factors', 'id'],
    pin: ['pin_factors', 'userId'],
  };
  for (const [kind, [table, key]] of Object.entries(tables)) {
    const ids = later.filter((row) => row.kind === kind).map((row) => row.id);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await queryRunner.query(
        `UPDATE ${table} SET vouchesForLogin = 0 WHERE ${key} IN (${batch.map(() => '?').join(', ')})`,
        batch,
      );
    }
  }
}
