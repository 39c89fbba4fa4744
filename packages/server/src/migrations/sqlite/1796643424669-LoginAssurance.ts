import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAssurance1796643424669 implements MigrationInterface {
  name = 'LoginAssurance1796643424669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "factorsVouchForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_d687f3a4582db1f109d9b627d4e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_42bba679e348de51a699fb0a803" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt" FROM "users"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity_provider"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), "identityProviderId" varchar(36), "providerAmr" varchar(255), "providerAcr" varchar(255), "heldFactorVerifiedAt" datetime(3), CONSTRAINT "FK_24cccb848768369d73e5e95ac27" FOREIGN KEY ("identityProviderId") REFERENCES "identity_providers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent", "identityProviderId", "providerAmr", "providerAcr" FROM "sessions"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity_provider" ON "sessions" ("identityProviderId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), CONSTRAINT "FK_d687f3a4582db1f109d9b627d4e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_42bba679e348de51a699fb0a803" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt" FROM "temporary_users"`);
    await queryRunner.query(`DROP TABLE "temporary_users"`);
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `);
  }
}
