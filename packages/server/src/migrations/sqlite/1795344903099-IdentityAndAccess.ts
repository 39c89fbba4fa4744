import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAccess1795344903099 implements MigrationInterface {
  name = 'IdentityAndAccess1795344903099';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "identities" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "passwordHash" varchar(255), "emailVerifiedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_identities_email" ON "identities" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(
      `CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `,
    );
    await queryRunner.query(
      `CREATE TABLE "apps" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "platform" varchar CHECK( "platform" IN ('IOS','ANDROID','WEB') ) NOT NULL, "bundleId" varchar(155) NOT NULL, "previewUrl" varchar(2048) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_apps_account_name" ON "apps" ("accountId", "name") `);
    await queryRunner.query(
      `CREATE TABLE "user_apps" ("userId" varchar(36) NOT NULL, "appId" varchar(36) NOT NULL, PRIMARY KEY ("userId", "appId"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_apps_app" ON "user_apps" ("appId") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36), "actorUserId" varchar(36), "actorIdentityId" varchar(36), "action" varchar(64) NOT NULL, "targetType" varchar(32), "targetId" varchar(36), "ip" varchar(45), "details" text, "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_target" ON "audit_events" ("targetId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_account_time" ON "audit_events" ("accountId", "createdAt", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "link_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "purpose" varchar CHECK( "purpose" IN ('INVITATION','PASSWORD_RESET','ENROLLMENT') ) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_link_tokens_token_hash" ON "link_tokens" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_link_tokens_identity_purpose" ON "link_tokens" ("identityId", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TABLE "security_policies" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "enforcement" varchar CHECK( "enforcement" IN ('OFF','OPTIONAL','REQUIRED') ) NOT NULL, "allowedMethods" text NOT NULL, "gracePeriodDays" integer NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_security_policies_account_type" ON "security_policies" ("accountId", "userType") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rate_limits" ("bucket" varchar(100) PRIMARY KEY NOT NULL, "count" integer NOT NULL, "windowStartedAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_42bba679e348de51a699fb0a803" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d687f3a4582db1f109d9b627d4e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt" FROM "users"`,
    );
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(
      `CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `,
    );
    await queryRunner.query(`DROP INDEX "ix_apps_account_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_apps" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "platform" varchar CHECK( "platform" IN ('IOS','ANDROID','WEB') ) NOT NULL, "bundleId" varchar(155) NOT NULL, "previewUrl" varchar(2048) NOT NULL, "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_03dc66d43d257bbb0001dc6c5bc" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_apps"("id", "accountId", "name", "platform", "bundleId", "previewUrl", "createdAt") SELECT "id", "accountId", "name", "platform", "bundleId", "previewUrl", "createdAt" FROM "apps"`,
    );
    await queryRunner.query(`DROP TABLE "apps"`);
    await queryRunner.query(`ALTER TABLE "temporary_apps" RENAME TO "apps"`);
    await queryRunner.query(`CREATE INDEX "ix_apps_account_name" ON "apps" ("accountId", "name") `);
    await queryRunner.query(`DROP INDEX "ix_user_apps_app"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_user_apps" ("userId" varchar(36) NOT NULL, "appId" varchar(36) NOT NULL, CONSTRAINT "FK_884ba4e0d8cd4b80fe912c93db0" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_cacf8c78ceb44d2dcb0f8f67247" FOREIGN KEY ("appId") REFERENCES "apps" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("userId", "appId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_user_apps"("userId", "appId") SELECT "userId", "appId" FROM "user_apps"`,
    );
    await queryRunner.query(`DROP TABLE "user_apps"`);
    await queryRunner.query(`ALTER TABLE "temporary_user_apps" RENAME TO "user_apps"`);
    await queryRunner.query(`CREATE INDEX "ix_user_apps_app" ON "user_apps" ("appId") `);
    await queryRunner.query(`DROP INDEX "uq_link_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_link_tokens_identity_purpose"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_link_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "purpose" varchar CHECK( "purpose" IN ('INVITATION','PASSWORD_RESET','ENROLLMENT') ) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_1074a5258937d5d1cb9882c0cfb" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_link_tokens"("id", "tokenHash", "purpose", "identityId", "userId", "expiresAt", "usedAt", "createdAt") SELECT "id", "tokenHash", "purpose", "identityId", "userId", "expiresAt", "usedAt", "createdAt" FROM "link_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "link_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_link_tokens" RENAME TO "link_tokens"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_link_tokens_token_hash" ON "link_tokens" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_link_tokens_identity_purpose" ON "link_tokens" ("identityId", "purpose") `,
    );
    await queryRunner.query(`DROP INDEX "uq_security_policies_account_type"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_security_policies" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "enforcement" varchar CHECK( "enforcement" IN ('OFF','OPTIONAL','REQUIRED') ) NOT NULL, "allowedMethods" text NOT NULL, "gracePeriodDays" integer NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_b88fc9be72ad4df6574bb954605" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_security_policies"("id", "accountId", "userType", "enforcement", "allowedMethods", "gracePeriodDays", "updatedAt") SELECT "id", "accountId", "userType", "enforcement", "allowedMethods", "gracePeriodDays", "updatedAt" FROM "security_policies"`,
    );
    await queryRunner.query(`DROP TABLE "security_policies"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_security_policies" RENAME TO "security_policies"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_security_policies_account_type" ON "security_policies" ("accountId", "userType") `,
    );
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512), CONSTRAINT "FK_ff2be9ce808d1449e44932ef00e" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_57de40bc620f456c7311aa3a1e6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent" FROM "sessions"`,
    );
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "secondFactorVerifiedAt" datetime(3), "transport" varchar CHECK( "transport" IN ('COOKIE','BEARER') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "lastSeenAt" datetime(3) NOT NULL, "absoluteExpiresAt" datetime(3) NOT NULL, "ip" varchar(45), "userAgent" varchar(512))`,
    );
    await queryRunner.query(
      `INSERT INTO "sessions"("id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent") SELECT "id", "tokenHash", "identityId", "userId", "secondFactorVerifiedAt", "transport", "createdAt", "lastSeenAt", "absoluteExpiresAt", "ip", "userAgent" FROM "temporary_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_sessions"`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions" ("userId") `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_identity" ON "sessions" ("identityId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sessions_token_hash" ON "sessions" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "uq_security_policies_account_type"`);
    await queryRunner.query(
      `ALTER TABLE "security_policies" RENAME TO "temporary_security_policies"`,
    );
    await queryRunner.query(
      `CREATE TABLE "security_policies" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "enforcement" varchar CHECK( "enforcement" IN ('OFF','OPTIONAL','REQUIRED') ) NOT NULL, "allowedMethods" text NOT NULL, "gracePeriodDays" integer NOT NULL, "updatedAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "security_policies"("id", "accountId", "userType", "enforcement", "allowedMethods", "gracePeriodDays", "updatedAt") SELECT "id", "accountId", "userType", "enforcement", "allowedMethods", "gracePeriodDays", "updatedAt" FROM "temporary_security_policies"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_security_policies"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_security_policies_account_type" ON "security_policies" ("accountId", "userType") `,
    );
    await queryRunner.query(`DROP INDEX "ix_link_tokens_identity_purpose"`);
    await queryRunner.query(`DROP INDEX "uq_link_tokens_token_hash"`);
    await queryRunner.query(`ALTER TABLE "link_tokens" RENAME TO "temporary_link_tokens"`);
    await queryRunner.query(
      `CREATE TABLE "link_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "purpose" varchar CHECK( "purpose" IN ('INVITATION','PASSWORD_RESET','ENROLLMENT') ) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36), "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "link_tokens"("id", "tokenHash", "purpose", "identityId", "userId", "expiresAt", "usedAt", "createdAt") SELECT "id", "tokenHash", "purpose", "identityId", "userId", "expiresAt", "usedAt", "createdAt" FROM "temporary_link_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_link_tokens"`);
    await queryRunner.query(
      `CREATE INDEX "ix_link_tokens_identity_purpose" ON "link_tokens" ("identityId", "purpose") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_link_tokens_token_hash" ON "link_tokens" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_user_apps_app"`);
    await queryRunner.query(`ALTER TABLE "user_apps" RENAME TO "temporary_user_apps"`);
    await queryRunner.query(
      `CREATE TABLE "user_apps" ("userId" varchar(36) NOT NULL, "appId" varchar(36) NOT NULL, PRIMARY KEY ("userId", "appId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "user_apps"("userId", "appId") SELECT "userId", "appId" FROM "temporary_user_apps"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_user_apps"`);
    await queryRunner.query(`CREATE INDEX "ix_user_apps_app" ON "user_apps" ("appId") `);
    await queryRunner.query(`DROP INDEX "ix_apps_account_name"`);
    await queryRunner.query(`ALTER TABLE "apps" RENAME TO "temporary_apps"`);
    await queryRunner.query(
      `CREATE TABLE "apps" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "platform" varchar CHECK( "platform" IN ('IOS','ANDROID','WEB') ) NOT NULL, "bundleId" varchar(155) NOT NULL, "previewUrl" varchar(2048) NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "apps"("id", "accountId", "name", "platform", "bundleId", "previewUrl", "createdAt") SELECT "id", "accountId", "name", "platform", "bundleId", "previewUrl", "createdAt" FROM "temporary_apps"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_apps"`);
    await queryRunner.query(`CREATE INDEX "ix_apps_account_name" ON "apps" ("accountId", "name") `);
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "identityId" varchar(36) NOT NULL, "displayName" varchar(100) NOT NULL, "userType" varchar CHECK( "userType" IN ('ADMINISTRATOR','APP_ADMINISTRATOR','APP_REVIEWER','APP_REPORT_VIEWER') ) NOT NULL, "isOwner" boolean NOT NULL DEFAULT (0), "status" varchar CHECK( "status" IN ('INVITED','ACTIVE','SUSPENDED') ) NOT NULL, "twoFactorRequirement" varchar CHECK( "twoFactorRequirement" IN ('INHERIT','REQUIRED') ) NOT NULL DEFAULT ('INHERIT'), "twoFactorDeadline" datetime(3), "lastSignInAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "users"("id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt") SELECT "id", "accountId", "identityId", "displayName", "userType", "isOwner", "status", "twoFactorRequirement", "twoFactorDeadline", "lastSignInAt", "createdAt" FROM "temporary_users"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_users"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_users_account_identity_type" ON "users" ("accountId", "identityId", "userType") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_users_account_name" ON "users" ("accountId", "displayName", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_users_identity" ON "users" ("identityId") `);
    await queryRunner.query(`DROP INDEX "ix_sessions_user"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_identity"`);
    await queryRunner.query(`DROP INDEX "uq_sessions_token_hash"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP INDEX "uq_security_policies_account_type"`);
    await queryRunner.query(`DROP TABLE "security_policies"`);
    await queryRunner.query(`DROP INDEX "ix_link_tokens_identity_purpose"`);
    await queryRunner.query(`DROP INDEX "uq_link_tokens_token_hash"`);
    await queryRunner.query(`DROP TABLE "link_tokens"`);
    await queryRunner.query(`DROP INDEX "ix_audit_events_account_time"`);
    await queryRunner.query(`DROP INDEX "ix_audit_events_target"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "ix_user_apps_app"`);
    await queryRunner.query(`DROP TABLE "user_apps"`);
    await queryRunner.query(`DROP INDEX "ix_apps_account_name"`);
    await queryRunner.query(`DROP TABLE "apps"`);
    await queryRunner.query(`DROP INDEX "uq_users_account_identity_type"`);
    await queryRunner.query(`DROP INDEX "ix_users_account_name"`);
    await queryRunner.query(`DROP INDEX "ix_users_identity"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "uq_identities_email"`);
    await queryRunner.query(`DROP TABLE "identities"`);
  }
}
