import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HousekeepingLeases1796019454768 implements MigrationInterface {
  name = 'HousekeepingLeases1796019454768';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "housekeeping_leases" ("name" varchar(50) PRIMARY KEY NOT NULL, "holder" varchar(64), "leasedUntil" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_time" ON "audit_events" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "ix_link_tokens_expiry" ON "link_tokens" ("expiresAt") `);
    await queryRunner.query(
      `CREATE INDEX "ix_rate_limits_window" ON "rate_limits" ("windowStartedAt") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_last_seen" ON "sessions" ("lastSeenAt") `);
    await queryRunner.query(
      `CREATE INDEX "ix_sessions_absolute_expiry" ON "sessions" ("absoluteExpiresAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sessions_absolute_expiry"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_last_seen"`);
    await queryRunner.query(`DROP INDEX "ix_rate_limits_window"`);
    await queryRunner.query(`DROP INDEX "ix_link_tokens_expiry"`);
    await queryRunner.query(`DROP INDEX "ix_audit_events_time"`);
    await queryRunner.query(`DROP TABLE "housekeeping_leases"`);
  }
}
