import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsCountriesMeaning1796643436176 implements MigrationInterface {
  name = 'SmsCountriesMeaning1796643436176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`accounts\` ADD \`allowAllSmsCountries\` tinyint NOT NULL DEFAULT 0`);
    // Data, written by hand: an empty list used to mean every country. Accounts that relied on it
    // (SMS allowed for a type, or a number linked or being linked) keep every country explicitly;
    // the others keep the empty list, which now means no country.
    await queryRunner.query(`UPDATE \`accounts\` SET \`allowAllSmsCountries\` = 1 WHERE TRIM(\`allowedSmsCountries\`) = '[]' AND (EXISTS (SELECT 1 FROM \`security_policies\` \`policy\` WHERE \`policy\`.\`accountId\` = \`accounts\`.\`id\` AND \`policy\`.\`allowedMethods\` LIKE '%"SMS"%') OR EXISTS (SELECT 1 FROM \`sms_factors\` \`factor\` INNER JOIN \`users\` \`user\` ON \`user\`.\`id\` = \`factor\`.\`userId\` WHERE \`user\`.\`accountId\` = \`accounts\`.\`id\`))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`accounts\` DROP COLUMN \`allowAllSmsCountries\``);
  }
}
