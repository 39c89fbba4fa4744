import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProfileAcceptance1796005963816 implements MigrationInterface {
  name = 'ProfileAcceptance1796005963816';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ADD COLUMN instead of the generated table rebuild: no copy of `users`, no cascade risk
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "acceptedAt" datetime(3)`);
    // profiles already past their invitation count as accepted
    await queryRunner.query(
      `UPDATE "users" SET "acceptedAt" = "createdAt" WHERE "status" <> 'INVITED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "acceptedAt"`);
  }
}
