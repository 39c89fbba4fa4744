import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditFilterIndexes1796679808869 implements MigrationInterface {
  name = 'AuditFilterIndexes1796679808869';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_audit_events_account_target_time" ON "audit_events" ("accountId", "targetId", "createdAt", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_account_actor_time" ON "audit_events" ("accountId", "actorUserId", "createdAt", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_account_action_time" ON "audit_events" ("accountId", "action", "createdAt", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_events_account_action_time"`);
    await queryRunner.query(`DROP INDEX "ix_audit_events_account_actor_time"`);
    await queryRunner.query(`DROP INDEX "ix_audit_events_account_target_time"`);
  }
}
