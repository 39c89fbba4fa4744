import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileAcceptance1796005963816 implements MigrationInterface {
  name = 'ProfileAcceptance1796005963816';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`acceptedAt\` datetime(3) NULL`);
    // profiles already past their invitation count as accepted
    await queryRunner.query(
      `UPDATE \`users\` SET \`acceptedAt\` = \`createdAt\` WHERE \`status\` <> 'INVITED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`acceptedAt\``);
  }
}
