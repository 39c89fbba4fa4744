import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TwoFactorFactors1795346537448 implements MigrationInterface {
  name = 'TwoFactorFactors1795346537448';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`authenticator_factors\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`secretSealed\` varchar(255) NOT NULL, \`status\` enum ('PENDING', 'ACTIVE') NOT NULL, \`lastUsedStep\` int NULL, \`createdAt\` datetime(3) NOT NULL, \`confirmedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_authenticator_factors_user_status\` (\`userId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`backup_codes\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`codeHash\` varchar(64) NOT NULL, \`usedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_backup_codes_hash\` (\`codeHash\`), INDEX \`ix_backup_codes_user\` (\`userId\`, \`usedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`second_factor_guards\` (\`userId\` varchar(36) NOT NULL, \`consecutiveFailures\` int NOT NULL DEFAULT '0', \`lockCount\` int NOT NULL DEFAULT '0', \`lockedUntil\` datetime(3) NULL, \`disabledAt\` datetime(3) NULL, PRIMARY KEY (\`userId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`authenticator_factors\` ADD CONSTRAINT \`FK_1b29a43c039a4ef748fa81d515c\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`backup_codes\` ADD CONSTRAINT \`FK_713d2d152a91ab7ac6a1ab7a5ae\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`second_factor_guards\` ADD CONSTRAINT \`FK_1a12c7f00cb3641923ca9640182\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`second_factor_guards\` DROP FOREIGN KEY \`FK_1a12c7f00cb3641923ca9640182\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`backup_codes\` DROP FOREIGN KEY \`FK_713d2d152a91ab7ac6a1ab7a5ae\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`authenticator_factors\` DROP FOREIGN KEY \`FK_1b29a43c039a4ef748fa81d515c\``,
    );
    await queryRunner.query(`DROP TABLE \`second_factor_guards\``);
    await queryRunner.query(`DROP INDEX \`ix_backup_codes_user\` ON \`backup_codes\``);
    await queryRunner.query(`DROP INDEX \`uq_backup_codes_hash\` ON \`backup_codes\``);
    await queryRunner.query(`DROP TABLE \`backup_codes\``);
    await queryRunner.query(
      `DROP INDEX \`uq_authenticator_factors_user_status\` ON \`authenticator_factors\``,
    );
    await queryRunner.query(`DROP TABLE \`authenticator_factors\``);
  }
}
