import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FactorLastUse1796665806357 implements MigrationInterface {
  name = 'FactorLastUse1796665806357';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`authenticator_factors\` ADD \`lastUsedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` ADD \`lastUsedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`sms_factors\` ADD \`lastUsedAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sms_factors\` DROP COLUMN \`lastUsedAt\``);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` DROP COLUMN \`lastUsedAt\``);
    await queryRunner.query(`ALTER TABLE \`authenticator_factors\` DROP COLUMN \`lastUsedAt\``);
  }
}
