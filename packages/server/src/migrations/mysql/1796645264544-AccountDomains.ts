import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountDomains1796645264544 implements MigrationInterface {
  name = 'AccountDomains1796645264544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`account_domains\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`domain\` varchar(253) NOT NULL, \`verificationToken\` varchar(64) NOT NULL, \`verifiedDomain\` varchar(253) NULL, \`verifiedAt\` datetime(3) NULL, \`verifiedBy\` enum ('DNS', 'OPERATOR') NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_account_domains_account\` (\`accountId\`), UNIQUE INDEX \`uq_account_domains_verified_domain\` (\`verifiedDomain\`), UNIQUE INDEX \`uq_account_domains_account_domain\` (\`accountId\`, \`domain\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`account_domains\` ADD CONSTRAINT \`FK_909324d09bd9271983c11f49b55\` FOREIGN KEY (\`accountId\`) REFERENCES \`accounts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`account_domains\` DROP FOREIGN KEY \`FK_909324d09bd9271983c11f49b55\``);
    await queryRunner.query(`DROP INDEX \`uq_account_domains_account_domain\` ON \`account_domains\``);
    await queryRunner.query(`DROP INDEX \`uq_account_domains_verified_domain\` ON \`account_domains\``);
    await queryRunner.query(`DROP INDEX \`ix_account_domains_account\` ON \`account_domains\``);
    await queryRunner.query(`DROP TABLE \`account_domains\``);
  }
}
