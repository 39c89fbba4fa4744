import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAndAccess1795344903099 implements MigrationInterface {
  name = 'IdentityAndAccess1795344903099';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`identities\` (\`id\` varchar(36) NOT NULL, \`email\` varchar(254) NOT NULL, \`passwordHash\` varchar(255) NULL, \`emailVerifiedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_identities_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`identityId\` varchar(36) NOT NULL, \`displayName\` varchar(100) NOT NULL, \`userType\` enum ('ADMINISTRATOR', 'APP_ADMINISTRATOR', 'APP_REVIEWER', 'APP_REPORT_VIEWER') NOT NULL, \`isOwner\` tinyint NOT NULL DEFAULT 0, \`status\` enum ('INVITED', 'ACTIVE', 'SUSPENDED') NOT NULL, \`twoFactorRequirement\` enum ('INHERIT', 'REQUIRED') NOT NULL DEFAULT 'INHERIT', \`twoFactorDeadline\` datetime(3) NULL, \`lastSignInAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_users_identity\` (\`identityId\`), INDEX \`ix_users_account_name\` (\`accountId\`, \`displayName\`, \`id\`), UNIQUE INDEX \`uq_users_account_identity_type\` (\`accountId\`, \`identityId\`, \`userType\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`apps\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`platform\` enum ('IOS', 'ANDROID', 'WEB') NOT NULL, \`bundleId\` varchar(155) NOT NULL, \`previewUrl\` varchar(2048) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_apps_account_name\` (\`accountId\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`user_apps\` (\`userId\` varchar(36) NOT NULL, \`appId\` varchar(36) NOT NULL, INDEX \`ix_user_apps_app\` (\`appId\`), PRIMARY KEY (\`userId\`, \`appId\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_events\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NULL, \`actorUserId\` varchar(36) NULL, \`actorIdentityId\` varchar(36) NULL, \`action\` varchar(64) NOT NULL, \`targetType\` varchar(32) NULL, \`targetId\` varchar(36) NULL, \`ip\` varchar(45) NULL, \`details\` text NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_audit_events_target\` (\`targetId\`), INDEX \`ix_audit_events_account_time\` (\`accountId\`, \`createdAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`link_tokens\` (\`id\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`purpose\` enum ('INVITATION', 'PASSWORD_RESET', 'ENROLLMENT') NOT NULL, \`identityId\` varchar(36) NOT NULL, \`userId\` varchar(36) NULL, \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_link_tokens_token_hash\` (\`tokenHash\`), INDEX \`ix_link_tokens_identity_purpose\` (\`identityId\`, \`purpose\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`security_policies\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`userType\` enum ('ADMINISTRATOR', 'APP_ADMINISTRATOR', 'APP_REVIEWER', 'APP_REPORT_VIEWER') NOT NULL, \`enforcement\` enum ('OFF', 'OPTIONAL', 'REQUIRED') NOT NULL, \`allowedMethods\` text NOT NULL, \`gracePeriodDays\` int NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_security_policies_account_type\` (\`accountId\`, \`userType\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`rate_limits\` (\`bucket\` varchar(100) NOT NULL, \`count\` int NOT NULL, \`windowStartedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`bucket\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`sessions\` (\`id\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`identityId\` varchar(36) NOT NULL, \`userId\` varchar(36) NULL, \`secondFactorVerifiedAt\` datetime(3) NULL, \`transport\` enum ('COOKIE', 'BEARER') NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`lastSeenAt\` datetime(3) NOT NULL, \`absoluteExpiresAt\` datetime(3) NOT NULL, \`ip\` varchar(45) NULL, \`userAgent\` varchar(512) NULL, UNIQUE INDEX \`uq_sessions_token_hash\` (\`tokenHash\`), INDEX \`ix_sessions_identity\` (\`identityId\`), INDEX \`ix_sessions_user\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD CONSTRAINT \`FK_42bba679e348de51a699fb0a803\` FOREIGN KEY (\`accountId\`) REFERENCES \`accounts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD CONSTRAINT \`FK_d687f3a4582db1f109d9b627d4e\` FOREIGN KEY (\`identityId\`) REFERENCES \`identities\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`apps\` ADD CONSTRAINT \`FK_03dc66d43d257bbb0001dc6c5bc\` FOREIGN KEY (\`accountId\`) REFERENCES \`accounts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user_apps\` ADD CONSTRAINT \`FK_884ba4e0d8cd4b80fe912c93db0\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`user_apps\` ADD CONSTRAINT \`FK_cacf8c78ceb44d2dcb0f8f67247\` FOREIGN KEY (\`appId\`) REFERENCES \`apps\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`link_tokens\` ADD CONSTRAINT \`FK_1074a5258937d5d1cb9882c0cfb\` FOREIGN KEY (\`identityId\`) REFERENCES \`identities\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`security_policies\` ADD CONSTRAINT \`FK_b88fc9be72ad4df6574bb954605\` FOREIGN KEY (\`accountId\`) REFERENCES \`accounts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_ff2be9ce808d1449e44932ef00e\` FOREIGN KEY (\`identityId\`) REFERENCES \`identities\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_57de40bc620f456c7311aa3a1e6\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_57de40bc620f456c7311aa3a1e6\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_ff2be9ce808d1449e44932ef00e\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`security_policies\` DROP FOREIGN KEY \`FK_b88fc9be72ad4df6574bb954605\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`link_tokens\` DROP FOREIGN KEY \`FK_1074a5258937d5d1cb9882c0cfb\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`user_apps\` DROP FOREIGN KEY \`FK_cacf8c78ceb44d2dcb0f8f67247\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`user_apps\` DROP FOREIGN KEY \`FK_884ba4e0d8cd4b80fe912c93db0\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`apps\` DROP FOREIGN KEY \`FK_03dc66d43d257bbb0001dc6c5bc\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` DROP FOREIGN KEY \`FK_d687f3a4582db1f109d9b627d4e\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` DROP FOREIGN KEY \`FK_42bba679e348de51a699fb0a803\``,
    );
    await queryRunner.query(`DROP INDEX \`ix_sessions_user\` ON \`sessions\``);
    await queryRunner.query(`DROP INDEX \`ix_sessions_identity\` ON \`sessions\``);
    await queryRunner.query(`DROP INDEX \`uq_sessions_token_hash\` ON \`sessions\``);
    await queryRunner.query(`DROP TABLE \`sessions\``);
    await queryRunner.query(`DROP TABLE \`rate_limits\``);
    await queryRunner.query(
      `DROP INDEX \`uq_security_policies_account_type\` ON \`security_policies\``,
    );
    await queryRunner.query(`DROP TABLE \`security_policies\``);
    await queryRunner.query(`DROP INDEX \`ix_link_tokens_identity_purpose\` ON \`link_tokens\``);
    await queryRunner.query(`DROP INDEX \`uq_link_tokens_token_hash\` ON \`link_tokens\``);
    await queryRunner.query(`DROP TABLE \`link_tokens\``);
    await queryRunner.query(`DROP INDEX \`ix_audit_events_account_time\` ON \`audit_events\``);
    await queryRunner.query(`DROP INDEX \`ix_audit_events_target\` ON \`audit_events\``);
    await queryRunner.query(`DROP TABLE \`audit_events\``);
    await queryRunner.query(`DROP INDEX \`ix_user_apps_app\` ON \`user_apps\``);
    await queryRunner.query(`DROP TABLE \`user_apps\``);
    await queryRunner.query(`DROP INDEX \`ix_apps_account_name\` ON \`apps\``);
    await queryRunner.query(`DROP TABLE \`apps\``);
    await queryRunner.query(`DROP INDEX \`uq_users_account_identity_type\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`ix_users_account_name\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`ix_users_identity\` ON \`users\``);
    await queryRunner.query(`DROP TABLE \`users\``);
    await queryRunner.query(`DROP INDEX \`uq_identities_email\` ON \`identities\``);
    await queryRunner.query(`DROP TABLE \`identities\``);
  }
}
