import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PinAndSmsFactors1796004283986 implements MigrationInterface {
  name = 'PinAndSmsFactors1796004283986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`pin_factors\` (\`userId\` varchar(36) NOT NULL, \`pinHash\` varchar(255) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`userId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sms_factors\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`phoneSealed\` varchar(255) NOT NULL, \`phoneHash\` varchar(64) NOT NULL, \`status\` enum ('PENDING', 'ACTIVE') NOT NULL, \`codeHash\` varchar(64) NULL, \`codeExpiresAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, \`confirmedAt\` datetime(3) NULL, INDEX \`ix_sms_factors_phone\` (\`phoneHash\`), UNIQUE INDEX \`uq_sms_factors_user_status\` (\`userId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`authenticator_factors\` ADD \`viaLink\` tinyint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE \`pin_factors\` ADD CONSTRAINT \`FK_c0226bf6926fd6e5dae47718945\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sms_factors\` ADD CONSTRAINT \`FK_e9bdaee15861d5f046f73a50dd6\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`sms_factors\` DROP FOREIGN KEY \`FK_e9bdaee15861d5f046f73a50dd6\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`pin_factors\` DROP FOREIGN KEY \`FK_c0226bf6926fd6e5dae47718945\``,
    );
    await queryRunner.query(`ALTER TABLE \`authenticator_factors\` DROP COLUMN \`viaLink\``);
    await queryRunner.query(`DROP INDEX \`uq_sms_factors_user_status\` ON \`sms_factors\``);
    await queryRunner.query(`DROP INDEX \`ix_sms_factors_phone\` ON \`sms_factors\``);
    await queryRunner.query(`DROP TABLE \`sms_factors\``);
    await queryRunner.query(`DROP TABLE \`pin_factors\``);
  }
}
