import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PasskeysAndRememberedDevices1796691610531 implements MigrationInterface {
  name = 'PasskeysAndRememberedDevices1796691610531';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "passkey_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "credentialIdHash" varchar(64) NOT NULL, "credentialId" text NOT NULL, "publicKey" text NOT NULL, "signCount" bigint NOT NULL DEFAULT (0), "transports" text NOT NULL, "aaguid" varchar(36) NOT NULL, "name" varchar(64) NOT NULL, "multiDevice" boolean NOT NULL DEFAULT (0), "backedUp" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_passkey_factors_credential" ON "passkey_factors" ("credentialIdHash") `);
    await queryRunner.query(`CREATE INDEX "ix_passkey_factors_user" ON "passkey_factors" ("userId", "createdAt") `);
    await queryRunner.query(`CREATE TABLE "webauthn_challenges" ("id" varchar(36) PRIMARY KEY NOT NULL, "challengeHash" varchar(64) NOT NULL, "sessionId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "ceremony" varchar CHECK( "ceremony" IN ('REGISTRATION','AUTHENTICATION') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "expiresAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webauthn_challenges_hash" ON "webauthn_challenges" ("challengeHash") `);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_session" ON "webauthn_challenges" ("sessionId") `);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_expires" ON "webauthn_challenges" ("expiresAt") `);
    await queryRunner.query(`CREATE TABLE "remembered_devices" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "browser" varchar(128) NOT NULL, "ip" varchar(45), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "expiresAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_remembered_devices_token_hash" ON "remembered_devices" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_identity" ON "remembered_devices" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_expires" ON "remembered_devices" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_user" ON "remembered_devices" ("userId", "expiresAt") `);
    // ADD COLUMN, not a rebuild: dropping security_policies would drop its stored-status triggers
    await queryRunner.query(`ALTER TABLE "security_policies" ADD COLUMN "phishingResistantOnly" boolean NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "security_policies" ADD COLUMN "rememberDeviceDays" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(`DROP INDEX "uq_passkey_factors_credential"`);
    await queryRunner.query(`DROP INDEX "ix_passkey_factors_user"`);
    await queryRunner.query(`CREATE TABLE "temporary_passkey_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "credentialIdHash" varchar(64) NOT NULL, "credentialId" text NOT NULL, "publicKey" text NOT NULL, "signCount" bigint NOT NULL DEFAULT (0), "transports" text NOT NULL, "aaguid" varchar(36) NOT NULL, "name" varchar(64) NOT NULL, "multiDevice" boolean NOT NULL DEFAULT (0), "backedUp" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_cd1b88154f86103bffc13cdebb2" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_passkey_factors"("id", "userId", "credentialIdHash", "credentialId", "publicKey", "signCount", "transports", "aaguid", "name", "multiDevice", "backedUp", "createdAt", "lastUsedAt", "vouchesForLogin") SELECT "id", "userId", "credentialIdHash", "credentialId", "publicKey", "signCount", "transports", "aaguid", "name", "multiDevice", "backedUp", "createdAt", "lastUsedAt", "vouchesForLogin" FROM "passkey_factors"`);
    await queryRunner.query(`DROP TABLE "passkey_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_passkey_factors" RENAME TO "passkey_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_passkey_factors_credential" ON "passkey_factors" ("credentialIdHash") `);
    await queryRunner.query(`CREATE INDEX "ix_passkey_factors_user" ON "passkey_factors" ("userId", "createdAt") `);
    await queryRunner.query(`DROP INDEX "uq_webauthn_challenges_hash"`);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_session"`);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_expires"`);
    await queryRunner.query(`CREATE TABLE "temporary_webauthn_challenges" ("id" varchar(36) PRIMARY KEY NOT NULL, "challengeHash" varchar(64) NOT NULL, "sessionId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "ceremony" varchar CHECK( "ceremony" IN ('REGISTRATION','AUTHENTICATION') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "expiresAt" datetime(3) NOT NULL, CONSTRAINT "FK_74145e8eedf2d7610488a8dfa8f" FOREIGN KEY ("sessionId") REFERENCES "sessions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_64dc3478683b21e8b8879868713" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_webauthn_challenges"("id", "challengeHash", "sessionId", "userId", "ceremony", "createdAt", "expiresAt") SELECT "id", "challengeHash", "sessionId", "userId", "ceremony", "createdAt", "expiresAt" FROM "webauthn_challenges"`);
    await queryRunner.query(`DROP TABLE "webauthn_challenges"`);
    await queryRunner.query(`ALTER TABLE "temporary_webauthn_challenges" RENAME TO "webauthn_challenges"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webauthn_challenges_hash" ON "webauthn_challenges" ("challengeHash") `);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_session" ON "webauthn_challenges" ("sessionId") `);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_expires" ON "webauthn_challenges" ("expiresAt") `);
    await queryRunner.query(`DROP INDEX "uq_remembered_devices_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_identity"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_expires"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_user"`);
    await queryRunner.query(`CREATE TABLE "temporary_remembered_devices" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "browser" varchar(128) NOT NULL, "ip" varchar(45), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "expiresAt" datetime(3) NOT NULL, CONSTRAINT "FK_22837e9d10ae179e162963d2864" FOREIGN KEY ("identityId") REFERENCES "identities" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f2b92802183aa3a249e981449ea" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_remembered_devices"("id", "tokenHash", "identityId", "userId", "browser", "ip", "createdAt", "lastUsedAt", "expiresAt") SELECT "id", "tokenHash", "identityId", "userId", "browser", "ip", "createdAt", "lastUsedAt", "expiresAt" FROM "remembered_devices"`);
    await queryRunner.query(`DROP TABLE "remembered_devices"`);
    await queryRunner.query(`ALTER TABLE "temporary_remembered_devices" RENAME TO "remembered_devices"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_remembered_devices_token_hash" ON "remembered_devices" ("tokenHash") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_identity" ON "remembered_devices" ("identityId") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_expires" ON "remembered_devices" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_user" ON "remembered_devices" ("userId", "expiresAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_user"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_expires"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_identity"`);
    await queryRunner.query(`DROP INDEX "uq_remembered_devices_token_hash"`);
    await queryRunner.query(`ALTER TABLE "remembered_devices" RENAME TO "temporary_remembered_devices"`);
    await queryRunner.query(`CREATE TABLE "remembered_devices" ("id" varchar(36) PRIMARY KEY NOT NULL, "tokenHash" varchar(64) NOT NULL, "identityId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "browser" varchar(128) NOT NULL, "ip" varchar(45), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "expiresAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "remembered_devices"("id", "tokenHash", "identityId", "userId", "browser", "ip", "createdAt", "lastUsedAt", "expiresAt") SELECT "id", "tokenHash", "identityId", "userId", "browser", "ip", "createdAt", "lastUsedAt", "expiresAt" FROM "temporary_remembered_devices"`);
    await queryRunner.query(`DROP TABLE "temporary_remembered_devices"`);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_user" ON "remembered_devices" ("userId", "expiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_expires" ON "remembered_devices" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_remembered_devices_identity" ON "remembered_devices" ("identityId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_remembered_devices_token_hash" ON "remembered_devices" ("tokenHash") `);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_expires"`);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_session"`);
    await queryRunner.query(`DROP INDEX "uq_webauthn_challenges_hash"`);
    await queryRunner.query(`ALTER TABLE "webauthn_challenges" RENAME TO "temporary_webauthn_challenges"`);
    await queryRunner.query(`CREATE TABLE "webauthn_challenges" ("id" varchar(36) PRIMARY KEY NOT NULL, "challengeHash" varchar(64) NOT NULL, "sessionId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "ceremony" varchar CHECK( "ceremony" IN ('REGISTRATION','AUTHENTICATION') ) NOT NULL, "createdAt" datetime(3) NOT NULL, "expiresAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "webauthn_challenges"("id", "challengeHash", "sessionId", "userId", "ceremony", "createdAt", "expiresAt") SELECT "id", "challengeHash", "sessionId", "userId", "ceremony", "createdAt", "expiresAt" FROM "temporary_webauthn_challenges"`);
    await queryRunner.query(`DROP TABLE "temporary_webauthn_challenges"`);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_expires" ON "webauthn_challenges" ("expiresAt") `);
    await queryRunner.query(`CREATE INDEX "ix_webauthn_challenges_session" ON "webauthn_challenges" ("sessionId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webauthn_challenges_hash" ON "webauthn_challenges" ("challengeHash") `);
    await queryRunner.query(`DROP INDEX "ix_passkey_factors_user"`);
    await queryRunner.query(`DROP INDEX "uq_passkey_factors_credential"`);
    await queryRunner.query(`ALTER TABLE "passkey_factors" RENAME TO "temporary_passkey_factors"`);
    await queryRunner.query(`CREATE TABLE "passkey_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "credentialIdHash" varchar(64) NOT NULL, "credentialId" text NOT NULL, "publicKey" text NOT NULL, "signCount" bigint NOT NULL DEFAULT (0), "transports" text NOT NULL, "aaguid" varchar(36) NOT NULL, "name" varchar(64) NOT NULL, "multiDevice" boolean NOT NULL DEFAULT (0), "backedUp" boolean NOT NULL DEFAULT (0), "createdAt" datetime(3) NOT NULL, "lastUsedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1))`);
    await queryRunner.query(`INSERT INTO "passkey_factors"("id", "userId", "credentialIdHash", "credentialId", "publicKey", "signCount", "transports", "aaguid", "name", "multiDevice", "backedUp", "createdAt", "lastUsedAt", "vouchesForLogin") SELECT "id", "userId", "credentialIdHash", "credentialId", "publicKey", "signCount", "transports", "aaguid", "name", "multiDevice", "backedUp", "createdAt", "lastUsedAt", "vouchesForLogin" FROM "temporary_passkey_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_passkey_factors"`);
    await queryRunner.query(`CREATE INDEX "ix_passkey_factors_user" ON "passkey_factors" ("userId", "createdAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_passkey_factors_credential" ON "passkey_factors" ("credentialIdHash") `);
    await queryRunner.query(`ALTER TABLE "security_policies" DROP COLUMN "rememberDeviceDays"`);
    await queryRunner.query(`ALTER TABLE "security_policies" DROP COLUMN "phishingResistantOnly"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_user"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_expires"`);
    await queryRunner.query(`DROP INDEX "ix_remembered_devices_identity"`);
    await queryRunner.query(`DROP INDEX "uq_remembered_devices_token_hash"`);
    await queryRunner.query(`DROP TABLE "remembered_devices"`);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_expires"`);
    await queryRunner.query(`DROP INDEX "ix_webauthn_challenges_session"`);
    await queryRunner.query(`DROP INDEX "uq_webauthn_challenges_hash"`);
    await queryRunner.query(`DROP TABLE "webauthn_challenges"`);
    await queryRunner.query(`DROP INDEX "ix_passkey_factors_user"`);
    await queryRunner.query(`DROP INDEX "uq_passkey_factors_credential"`);
    await queryRunner.query(`DROP TABLE "passkey_factors"`);
  }
}
