import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795343752882 implements MigrationInterface {
  name = 'Init1795343752882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`accounts\` (\`id\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`slug\` varchar(64) NOT NULL, \`logoUrl\` varchar(2048) NULL, \`allowedSmsCountries\` text NOT NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_accounts_slug\` (\`slug\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_accounts_slug\` ON \`accounts\``);
    await queryRunner.query(`DROP TABLE \`accounts\``);
  }
}
