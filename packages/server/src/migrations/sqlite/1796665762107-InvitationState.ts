import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitationState1796665762107 implements MigrationInterface {
  name = 'InvitationState1796665762107';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ADD COLUMN instead of the generated table rebuild: no copy of `users`, no cascade risk
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "invitedAt" datetime(3)`);
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "invitationExpiresAt" datetime(3)`);
    // the invitations whose links are still stored: the latest sent, and the one still pending
    await queryRunner.query(
      `UPDATE "users" SET ` +
        `"invitedAt" = (SELECT MAX("createdAt") FROM "link_tokens" WHERE "link_tokens"."userId" = "users"."id" AND "link_tokens"."purpose" = 'INVITATION'), ` +
        `"invitationExpiresAt" = (SELECT MAX("expiresAt") FROM "link_tokens" WHERE "link_tokens"."userId" = "users"."id" AND "link_tokens"."purpose" = 'INVITATION' AND "link_tokens"."usedAt" IS NULL)`,
    );
    // an invited profile whose link was purged: it expired unused (a pending link is never
    // purged), 72 hours after the invitation its creation mailed
    await queryRunner.query(
      `UPDATE "users" SET "invitedAt" = (SELECT MAX("createdAt") FROM "audit_events" WHERE "audit_events"."targetId" = "users"."id" AND "audit_events"."action" = 'user.created' AND "audit_events"."details" LIKE '%"sendInvitation":true%') ` +
        `WHERE "status" = 'INVITED' AND "invitedAt" IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "users" SET "invitationExpiresAt" = strftime('%Y-%m-%d %H:%M:%f', "invitedAt", '+72 hours') ` +
        `WHERE "status" = 'INVITED' AND "invitedAt" IS NOT NULL AND "invitationExpiresAt" IS NULL ` +
        `AND NOT EXISTS (SELECT 1 FROM "link_tokens" WHERE "link_tokens"."userId" = "users"."id" AND "link_tokens"."purpose" = 'INVITATION')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "invitationExpiresAt"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "invitedAt"`);
  }
}
