import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountDomains1796645264544 implements MigrationInterface {
  name = 'AccountDomains1796645264544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "account_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "domain" varchar(253) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedDomain" varchar(253), "verifiedAt" datetime(3), "verifiedBy" varchar CHECK( "verifiedBy" IN ('DNS','OPERATOR') ), "createdAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_account_domains_account" ON "account_domains" ("accountId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_verified_domain" ON "account_domains" ("verifiedDomain") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_account_domain" ON "account_domains" ("accountId", "domain") `);
    await queryRunner.query(`DROP INDEX "ix_account_domains_account"`);
    await queryRunner.query(`DROP INDEX "uq_account_domains_verified_domain"`);
    await queryRunner.query(`DROP INDEX "uq_account_domains_account_domain"`);
    await queryRunner.query(`CREATE TABLE "temporary_account_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "domain" varchar(253) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedDomain" varchar(253), "verifiedAt" datetime(3), "verifiedBy" varchar CHECK( "verifiedBy" IN ('DNS','OPERATOR') ), "createdAt" datetime(3) NOT NULL, CONSTRAINT "FK_909324d09bd9271983c11f49b55" FOREIGN KEY ("accountId") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_account_domains"("id", "accountId", "domain", "verificationToken", "verifiedDomain", "verifiedAt", "verifiedBy", "createdAt") SELECT "id", "accountId", "domain", "verificationToken", "verifiedDomain", "verifiedAt", "verifiedBy", "createdAt" FROM "account_domains"`);
    await queryRunner.query(`DROP TABLE "account_domains"`);
    await queryRunner.query(`ALTER TABLE "temporary_account_domains" RENAME TO "account_domains"`);
    await queryRunner.query(`CREATE INDEX "ix_account_domains_account" ON "account_domains" ("accountId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_verified_domain" ON "account_domains" ("verifiedDomain") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_account_domain" ON "account_domains" ("accountId", "domain") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_account_domains_account_domain"`);
    await queryRunner.query(`DROP INDEX "uq_account_domains_verified_domain"`);
    await queryRunner.query(`DROP INDEX "ix_account_domains_account"`);
    await queryRunner.query(`ALTER TABLE "account_domains" RENAME TO "temporary_account_domains"`);
    await queryRunner.query(`CREATE TABLE "account_domains" ("id" varchar(36) PRIMARY KEY NOT NULL, "accountId" varchar(36) NOT NULL, "domain" varchar(253) NOT NULL, "verificationToken" varchar(64) NOT NULL, "verifiedDomain" varchar(253), "verifiedAt" datetime(3), "verifiedBy" varchar CHECK( "verifiedBy" IN ('DNS','OPERATOR') ), "createdAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "account_domains"("id", "accountId", "domain", "verificationToken", "verifiedDomain", "verifiedAt", "verifiedBy", "createdAt") SELECT "id", "accountId", "domain", "verificationToken", "verifiedDomain", "verifiedAt", "verifiedBy", "createdAt" FROM "temporary_account_domains"`);
    await queryRunner.query(`DROP TABLE "temporary_account_domains"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_account_domain" ON "account_domains" ("accountId", "domain") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_account_domains_verified_domain" ON "account_domains" ("verifiedDomain") `);
    await queryRunner.query(`CREATE INDEX "ix_account_domains_account" ON "account_domains" ("accountId") `);
    await queryRunner.query(`DROP INDEX "uq_account_domains_account_domain"`);
    await queryRunner.query(`DROP INDEX "uq_account_domains_verified_domain"`);
    await queryRunner.query(`DROP INDEX "ix_account_domains_account"`);
    await queryRunner.query(`DROP TABLE "account_domains"`);
  }
}
