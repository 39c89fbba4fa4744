import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenIdProviderRules1796644640465 implements MigrationInterface {
  name = 'OpenIdProviderRules1796644640465';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_identity_providers_account"`);
    await queryRunner.query(`CREATE TABLE "temporary_identity_providers" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "issuerUrl" varchar(2048) NOT NULL, "clientId" varchar(255) NOT NULL, "clientSecretSealed" text NOT NULL, "allowedEmailDomains" text NOT NULL, "twoFactorPolicy" varchar CHECK( "twoFactorPolicy" IN ('REQUIRE_TWOFOLD','TRUST_PROVIDER','EXEMPT') ) NOT NULL, "trustedAcrValues" text NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "waiverUserTypes" text NOT NULL DEFAULT ('[]'), "maxAgeSeconds" integer DEFAULT (600), CONSTRAINT "FK_1c87b9079050d880ed2151af9a5" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_identity_providers"("id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt") SELECT "id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt" FROM "identity_providers"`);
    await queryRunner.query(`DROP TABLE "identity_providers"`);
    await queryRunner.query(`ALTER TABLE "temporary_identity_providers" RENAME TO "identity_providers"`);
    await queryRunner.query(`CREATE INDEX "ix_identity_providers_account" ON "identity_providers" ("accountId") `);
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity_provider"`);
    await queryRunner.query(`CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), "identityProviderId" varchar(36), "providerAmr" varchar(255), "providerAcr" varchar(255), "heldFactorVerifiedAt" datetime(3), "providerAuthAt" datetime(3), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_24cccb848768369d73e5e95ac27" FOREIGN KEY ("identityProviderId") REFERENCES "identity_providers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr", "heldFactorVerifiedAt") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr", "heldFactorVerifiedAt" FROM "sessions"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity_provider" ON "sessions" ("identityProviderId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sessions_identity_provider"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), "identityProviderId" varchar(36), "providerAmr" varchar(255), "providerAcr" varchar(255), "heldFactorVerifiedAt" datetime(3), CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_24cccb848768369d73e5e95ac27" FOREIGN KEY ("identityProviderId") REFERENCES "identity_providers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr", "heldFactorVerifiedAt") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr", "heldFactorVerifiedAt" FROM "temporary_sessions"`);
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity_provider" ON "sessions" ("identityProviderId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `);
    await queryRunner.query(`DROP INDEX "ix_identity_providers_account"`);
    await queryRunner.query(`ALTER TABLE "identity_providers" RENAME TO "temporary_identity_providers"`);
    await queryRunner.query(`CREATE TABLE "identity_providers" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "issuerUrl" varchar(2048) NOT NULL, "clientId" varchar(255) NOT NULL, "clientSecretSealed" text NOT NULL, "allowedEmailDomains" text NOT NULL, "twoFactorPolicy" varchar CHECK( "twoFactorPolicy" IN ('REQUIRE_TWOFOLD','TRUST_PROVIDER','EXEMPT') ) NOT NULL, "trustedAcrValues" text NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_1c87b9079050d880ed2151af9a5" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "identity_providers"("id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt") SELECT "id", "accountId", "displayName", "issuerUrl", "clientId", "clientSecretSealed", "allowedEmailDomains", "twoFactorPolicy", "trustedAcrValues", "createdAt", "updatedAt" FROM "temporary_identity_providers"`);
    await queryRunner.query(`DROP TABLE "temporary_identity_providers"`);
    await queryRunner.query(`CREATE INDEX "ix_identity_providers_account" ON "identity_providers" ("accountId") `);
  }
}
