import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsCountriesMeaning1796643436176 implements MigrationInterface {
  name = 'SmsCountriesMeaning1796643436176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_accounts_slug"`);
    await queryRunner.query(`CREATE TABLE "temporary_accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "slug" varchar(64) NOT NULL, "logoUrl" varchar(2048), "allowedSmsCountries" text NOT NULL, "createdAt" datetime(3) NOT NULL, "allowAllSmsCountries" boolean NOT NULL DEFAULT (0))`);
    await queryRunner.query(`INSERT INTO "temporary_accounts"("id", "name", "slug", "logoUrl", "allowedSmsCountries", "createdAt") SELECT "id", "name", "slug", "logoUrl", "allowedSmsCountries", "createdAt" FROM "accounts"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
    await queryRunner.query(`ALTER TABLE "temporary_accounts" RENAME TO "accounts"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_slug" ON "accounts" ("slug") `);
    // Data, written by hand: an empty list used to mean every country. Accounts that relied on it
    // (SMS allowed for a type, or a number linked or being linked) keep every country explicitly;
    // the others keep the empty list, which now means no country.
    await queryRunner.query(`UPDATE "accounts" SET "allowAllSmsCountries" = 1 WHERE TRIM("allowedSmsCountries") = '[]' AND (EXISTS (SELECT 1 FROM "security_policies" "policy" WHERE "policy"."accountId" = "accounts"."id" AND "policy"."allowedMethods" LIKE '%"SMS"%') OR EXISTS (SELECT 1 FROM "sms_factors" "factor" INNER JOIN "users" "user" ON "user"."id" = "factor"."userId" WHERE "user"."accountId" = "accounts"."id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_accounts_slug"`);
    await queryRunner.query(`ALTER TABLE "accounts" RENAME TO "temporary_accounts"`);
    await queryRunner.query(`CREATE TABLE "accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "slug" varchar(64) NOT NULL, "logoUrl" varchar(2048), "allowedSmsCountries" text NOT NULL, "createdAt" datetime(3) NOT NULL)`);
    await queryRunner.query(`INSERT INTO "accounts"("id", "name", "slug", "logoUrl", "allowedSmsCountries", "createdAt") SELECT "id", "name", "slug", "logoUrl", "allowedSmsCountries", "createdAt" FROM "temporary_accounts"`);
    await queryRunner.query(`DROP TABLE "temporary_accounts"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_slug" ON "accounts" ("slug") `);
  }
}
