import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginAssurance1796643424669 implements MigrationInterface {
  name = 'LoginAssurance1796643424669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`factorsVouchForLogin\` tinyint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`heldFactorVerifiedAt\` datetime(3) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`heldFactorVerifiedAt\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`factorsVouchForLogin\``);
  }
}
