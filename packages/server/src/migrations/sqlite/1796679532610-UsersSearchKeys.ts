import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersSearchKeys1796679532610 implements MigrationInterface {
  name = 'UsersSearchKeys1796679532610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "invitedAt" datetime(3), "invitationExpiresAt" datetime(3), "searchName" varchar(100) NOT NULL, "searchEmail" varchar(254) NOT NULL, CONSTRAINT "FK_d687f3a4582db1f109d9b627d4e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_42bba679e348de51a699fb0a803" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt", "invitedAt", "invitationExpiresAt", "searchName", "searchEmail") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt", "invitedAt", "invitationExpiresAt", unicode_lower("displayName"), unicode_lower((SELECT "email" FROM "identities" WHERE "identities"."id" = "users"."identityId")) FROM "users"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_search_email" ON "users" ("accountId", "searchEmail") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_search_name" ON "users" ("accountId", "searchName") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_status_name" ON "users" ("accountId", "status", "displayName", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_type_name" ON "users" ("accountId", "userType", "displayName", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_users_account_type_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_status_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_search_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_search_email"`);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "invitedAt" datetime(3), "invitationExpiresAt" datetime(3), CONSTRAINT "FK_d687f3a4582db1f109d9b627d4e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_42bba679e348de51a699fb0a803" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt", "invitedAt", "invitationExpiresAt") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt", "acceptedAt", "invitedAt", "invitationExpiresAt" FROM "temporary_users"`);
    await queryRunner.query(`DROP TABLE "temporary_users"`);
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `);
  }
}
