import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FactorLastUse1796665806357 implements MigrationInterface {
  name = 'FactorLastUse1796665806357';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(`CREATE TABLE "temporary_authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "viaLink" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), "lastUsedAt" datetime(3), CONSTRAINT "FK_1b29a43c039a4ef748fa81d515c" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink", "vouchesForLogin") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink", "vouchesForLogin" FROM "authenticator_factors"`);
    await queryRunner.query(`DROP TABLE "authenticator_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_authenticator_factors" RENAME TO "authenticator_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `);
    await queryRunner.query(`CREATE TABLE "temporary_pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "keyed" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), "lastUsedAt" datetime(3), CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_pin_factors"("userId", "pinHash", "createdAt", "updatedAt", "keyed", "vouchesForLogin") SELECT "userId", "pinHash", "createdAt", "updatedAt", "keyed", "vouchesForLogin" FROM "pin_factors"`);
    await queryRunner.query(`DROP TABLE "pin_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_pin_factors" RENAME TO "pin_factors"`);
    await queryRunner.query(`DROP INDEX "ix_sms_factors_phone"`);
    await queryRunner.query(`DROP INDEX "uq_sms_factors_user_status"`);
    await queryRunner.query(`CREATE TABLE "temporary_sms_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "phoneSealed" varchar(255) NOT NULL, "phoneHash" varchar(64) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "codeHash" varchar(64), "codeExpiresAt" datetime(3), "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1), "lastUsedAt" datetime(3), CONSTRAINT "FK_e9bdaee15861d5f046f73a50dd6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_sms_factors"("id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt", "vouchesForLogin") SELECT "id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt", "vouchesForLogin" FROM "sms_factors"`);
    await queryRunner.query(`DROP TABLE "sms_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_sms_factors" RENAME TO "sms_factors"`);
    await queryRunner.query(`CREATE INDEX "ix_sms_factors_phone" ON "sms_factors" ("phoneHash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sms_factors_user_status" ON "sms_factors" ("userId", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_sms_factors_user_status"`);
    await queryRunner.query(`DROP INDEX "ix_sms_factors_phone"`);
    await queryRunner.query(`ALTER TABLE "sms_factors" RENAME TO "temporary_sms_factors"`);
    await queryRunner.query(`CREATE TABLE "sms_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "phoneSealed" varchar(255) NOT NULL, "phoneHash" varchar(64) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "codeHash" varchar(64), "codeExpiresAt" datetime(3), "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_e9bdaee15861d5f046f73a50dd6" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "sms_factors"("id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt", "vouchesForLogin") SELECT "id", "userId", "phoneSealed", "phoneHash", "status", "codeHash", "codeExpiresAt", "createdAt", "confirmedAt", "vouchesForLogin" FROM "temporary_sms_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_sms_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sms_factors_user_status" ON "sms_factors" ("userId", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_sms_factors_phone" ON "sms_factors" ("phoneHash") `);
    await queryRunner.query(`ALTER TABLE "pin_factors" RENAME TO "temporary_pin_factors"`);
    await queryRunner.query(`CREATE TABLE "pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "keyed" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "pin_factors"("userId", "pinHash", "createdAt", "updatedAt", "keyed", "vouchesForLogin") SELECT "userId", "pinHash", "createdAt", "updatedAt", "keyed", "vouchesForLogin" FROM "temporary_pin_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_pin_factors"`);
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(`ALTER TABLE "authenticator_factors" RENAME TO "temporary_authenticator_factors"`);
    await queryRunner.query(`CREATE TABLE "authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), "viaLink" boolean NOT NULL DEFAULT (0), "vouchesForLogin" boolean NOT NULL DEFAULT (1), CONSTRAINT "FK_1b29a43c039a4ef748fa81d515c" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink", "vouchesForLogin") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt", "viaLink", "vouchesForLogin" FROM "temporary_authenticator_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_authenticator_factors"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `);
  }
}
