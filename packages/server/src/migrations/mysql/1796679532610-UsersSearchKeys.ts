import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersSearchKeys1796679532610 implements MigrationInterface {
  name = 'UsersSearchKeys1796679532610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`searchName\` varchar(100) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`users\` ADD \`searchEmail\` varchar(254) NOT NULL`);
    // backfill: the search keys as search-keys.ts folds them; LIKE on them compares by the
    // column's case-insensitive collation anyway
    await queryRunner.query(`UPDATE \`users\` \`u\` INNER JOIN \`identities\` \`i\` ON \`i\`.\`id\` = \`u\`.\`identityId\` SET \`u\`.\`searchName\` = LOWER(\`u\`.\`displayName\`), \`u\`.\`searchEmail\` = LOWER(\`i\`.\`email\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_users_account_search_email\` ON \`users\` (\`accountId\`, \`searchEmail\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_users_account_search_name\` ON \`users\` (\`accountId\`, \`searchName\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_users_account_status_name\` ON \`users\` (\`accountId\`, \`status\`, \`displayName\`, \`id\`)`);
    await queryRunner.query(`CREATE INDEX \`ix_users_account_type_name\` ON \`users\` (\`accountId\`, \`userType\`, \`displayName\`, \`id\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`ix_users_account_type_name\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`ix_users_account_status_name\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`ix_users_account_search_name\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`ix_users_account_search_email\` ON \`users\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`searchEmail\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP COLUMN \`searchName\``);
  }
}
