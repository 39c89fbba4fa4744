import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyedPins1796643333116 implements MigrationInterface {
  name = 'KeyedPins1796643333116';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "keyed" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_pin_factors"("userId", "pinHash", "createdAt", "updatedAt") SELECT "userId", "pinHash", "createdAt", "updatedAt" FROM "pin_factors"`);
    await queryRunner.query(`DROP TABLE "pin_factors"`);
    await queryRunner.query(`ALTER TABLE "temporary_pin_factors" RENAME TO "pin_factors"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pin_factors" RENAME TO "temporary_pin_factors"`);
    await queryRunner.query(`CREATE TABLE "pin_factors" ("userId" varchar(36) PRIMARY KEY NOT NULL, "pinHash" varchar(255) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, CONSTRAINT "FK_c0226bf6926fd6e5dae47718945" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "pin_factors"("userId", "pinHash", "createdAt", "updatedAt") SELECT "userId", "pinHash", "createdAt", "updatedAt" FROM "temporary_pin_factors"`);
    await queryRunner.query(`DROP TABLE "temporary_pin_factors"`);
  }
}
