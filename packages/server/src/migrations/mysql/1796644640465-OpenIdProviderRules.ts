import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenIdProviderRules1796644640465 implements MigrationInterface {
  name = 'OpenIdProviderRules1796644640465';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`identity_providers\` ADD \`waiverUserTypes\` text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` ADD \`maxAgeSeconds\` int NULL DEFAULT '600'`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`providerAuthAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`providerAuthAt\``);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` DROP COLUMN \`maxAgeSeconds\``);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` DROP COLUMN \`waiverUserTypes\``);
  }
}
