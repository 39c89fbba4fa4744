import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsCountriesMeaning1796643436176 implements MigrationInterface {
  name = 'SmsCountriesMeaning1796643436176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // By hand: ADD COLUMN instead of the generated copy of the table. Every profile, policy and
    // app refers to accounts with ON DELETE CASCADE, and dropping the old table would delete them
    // wherever foreign keys are on (TypeORM turns them off for `up` only, not for `down`).
    await queryRunner.query(
      `ALTER TABLE "accounts" ADD COLUMN "allowAllSmsCountries" boolean NOT NULL DEFAULT (0)`,
    );
    // Data, written by hand: an empty list used to mean every country. Accounts that relied on it
    // (SMS allowed for a type, or a number linked or being linked) keep every country explicitly;
    // the others keep the empty list, which now means no country.
    await queryRunner.query(`UPDATE "accounts" SET "allowAllSmsCountries" = 1 WHERE TRIM("allowedSmsCountries") = '[]' AND (EXISTS (SELECT 1 FROM "security_policies" "policy" WHERE "policy"."accountId" = "accounts"."id" AND "policy"."allowedMethods" LIKE '%"SMS"%') OR EXISTS (SELECT 1 FROM "sms_factors" "factor" INNER JOIN "users" "user" ON "user"."id" = "factor"."userId" WHERE "user"."accountId" = "accounts"."id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "allowAllSmsCountries"`);
  }
}
