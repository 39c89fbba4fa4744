import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795343752882 implements MigrationInterface {
  name = 'Init1795343752882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "accounts" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "slug" varchar(64) NOT NULL, "logoUrl" varchar(2048), "allowedSmsCountries" text NOT NULL, "createdAt" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_slug" ON "accounts" ("slug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_accounts_slug"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
  }
}
