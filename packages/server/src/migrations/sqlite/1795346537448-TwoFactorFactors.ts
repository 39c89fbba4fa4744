import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TwoFactorFactors1795346537448 implements MigrationInterface {
  name = 'TwoFactorFactors1795346537448';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "backup_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_backup_codes_hash" ON "backup_codes" ("codeHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backup_codes_user" ON "backup_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "second_factor_guards" ("userId" varchar(36) PRIMARY KEY NOT NULL, "consecutiveFailures" integer NOT NULL DEFAULT (0), "lockCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "disabledAt" datetime(3))`,
    );
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3), CONSTRAINT "FK_1b29a43c039a4ef748fa81d515c" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt" FROM "authenticator_factors"`,
    );
    await queryRunner.query(`DROP TABLE "authenticator_factors"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_authenticator_factors" RENAME TO "authenticator_factors"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "uq_backup_codes_hash"`);
    await queryRunner.query(`DROP INDEX "ix_backup_codes_user"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_backup_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_713d2d152a91ab7ac6a1ab7a5ae" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_backup_codes"("id", "userId", "codeHash", "usedAt", "createdAt") SELECT "id", "userId", "codeHash", "usedAt", "createdAt" FROM "backup_codes"`,
    );
    await queryRunner.query(`DROP TABLE "backup_codes"`);
    await queryRunner.query(`ALTER TABLE "temporary_backup_codes" RENAME TO "backup_codes"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_backup_codes_hash" ON "backup_codes" ("codeHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_backup_codes_user" ON "backup_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_second_factor_guards" ("userId" varchar(36) PRIMARY KEY NOT NULL, "consecutiveFailures" integer NOT NULL DEFAULT (0), "lockCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "disabledAt" datetime(3), CONSTRAINT "FK_1a12c7f00cb3641923ca9640182" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_second_factor_guards"("userId", "consecutiveFailures", "lockCount", "lockedUntil", "disabledAt") SELECT "userId", "consecutiveFailures", "lockCount", "lockedUntil", "disabledAt" FROM "second_factor_guards"`,
    );
    await queryRunner.query(`DROP TABLE "second_factor_guards"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_second_factor_guards" RENAME TO "second_factor_guards"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "second_factor_guards" RENAME TO "temporary_second_factor_guards"`,
    );
    await queryRunner.query(
      `CREATE TABLE "second_factor_guards" ("userId" varchar(36) PRIMARY KEY NOT NULL, "consecutiveFailures" integer NOT NULL DEFAULT (0), "lockCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime(3), "disabledAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "second_factor_guards"("userId", "consecutiveFailures", "lockCount", "lockedUntil", "disabledAt") SELECT "userId", "consecutiveFailures", "lockCount", "lockedUntil", "disabledAt" FROM "temporary_second_factor_guards"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_second_factor_guards"`);
    await queryRunner.query(`DROP INDEX "ix_backup_codes_user"`);
    await queryRunner.query(`DROP INDEX "uq_backup_codes_hash"`);
    await queryRunner.query(`ALTER TABLE "backup_codes" RENAME TO "temporary_backup_codes"`);
    await queryRunner.query(
      `CREATE TABLE "backup_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "codeHash" varchar(64) NOT NULL, "usedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "backup_codes"("id", "userId", "codeHash", "usedAt", "createdAt") SELECT "id", "userId", "codeHash", "usedAt", "createdAt" FROM "temporary_backup_codes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_backup_codes"`);
    await queryRunner.query(
      `CREATE INDEX "ix_backup_codes_user" ON "backup_codes" ("userId", "usedAt") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_backup_codes_hash" ON "backup_codes" ("codeHash") `,
    );
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(
      `ALTER TABLE "authenticator_factors" RENAME TO "temporary_authenticator_factors"`,
    );
    await queryRunner.query(
      `CREATE TABLE "authenticator_factors" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "secretSealed" varchar(255) NOT NULL, "status" varchar CHECK( "status" IN ('PENDING','ACTIVE') ) NOT NULL, "lastUsedStep" integer, "createdAt" datetime(3) NOT NULL, "confirmedAt" datetime(3))`,
    );
    await queryRunner.query(
      `INSERT INTO "authenticator_factors"("id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt") SELECT "id", "userId", "secretSealed", "status", "lastUsedStep", "createdAt", "confirmedAt" FROM "temporary_authenticator_factors"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_authenticator_factors"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_authenticator_factors_user_status" ON "authenticator_factors" ("userId", "status") `,
    );
    await queryRunner.query(`DROP TABLE "second_factor_guards"`);
    await queryRunner.query(`DROP INDEX "ix_backup_codes_user"`);
    await queryRunner.query(`DROP INDEX "uq_backup_codes_hash"`);
    await queryRunner.query(`DROP TABLE "backup_codes"`);
    await queryRunner.query(`DROP INDEX "uq_authenticator_factors_user_status"`);
    await queryRunner.query(`DROP TABLE "authenticator_factors"`);
  }
}
