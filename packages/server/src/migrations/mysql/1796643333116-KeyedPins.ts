import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyedPins1796643333116 implements MigrationInterface {
  name = 'KeyedPins1796643333116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`pin_factors\` ADD \`keyed\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`pin_factors\` DROP COLUMN \`keyed\``);
  }
}
