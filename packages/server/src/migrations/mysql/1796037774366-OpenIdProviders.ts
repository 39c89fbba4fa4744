import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenIdProviders1796037774366 implements MigrationInterface {
  name = 'OpenIdProviders1796037774366';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`identity_providers\` (\`id\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`displayName\` varchar(100) NOT NULL, \`issuerUrl\` varchar(2048) NOT NULL, \`clientId\` varchar(255) NOT NULL, \`clientSecretSealed\` text NOT NULL, \`allowedEmailDomains\` text NOT NULL, \`twoFactorPolicy\` enum ('REQUIRE_TWOFOLD', 'TRUST_PROVIDER', 'EXEMPT') NOT NULL, \`trustedAcrValues\` text NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`ix_identity_providers_account\` (\`accountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`identity_subjects\` (\`id\` varchar(36) NOT NULL, \`identityProviderId\` varchar(36) NOT NULL, \`subjectHash\` varchar(64) NOT NULL, \`identityId\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`lastSignInAt\` datetime(3) NOT NULL, INDEX \`ix_identity_subjects_identity\` (\`identityId\`), UNIQUE INDEX \`uq_identity_subjects_provider_identity\` (\`identityProviderId\`, \`identityId\`), UNIQUE INDEX \`uq_identity_subjects_provider_subject\` (\`identityProviderId\`, \`subjectHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`openid_attempts\` (\`id\` varchar(36) NOT NULL, \`stateHash\` varchar(64) NOT NULL, \`identityProviderId\` varchar(36) NOT NULL, \`purpose\` enum ('SIGN_IN', 'TEST') NOT NULL, \`startedByUserId\` varchar(36) NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_openid_attempts_state_hash\` (\`stateHash\`), INDEX \`ix_openid_attempts_expiry\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`identityProviderId\` varchar(36) NULL`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`providerAmr\` varchar(255) NULL`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`providerAcr\` varchar(255) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`ix_sessions_identity_provider\` ON \`sessions\` (\`identityProviderId\`)`,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_providers\` ADD CONSTRAINT \`FK_1c87b9079050d880ed2151af9a5\` FOREIGN KEY (\`accountId\`) REFERENCES \`accounts\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_subjects\` ADD CONSTRAINT \`FK_e002fb4147962c12884db503f83\` FOREIGN KEY (\`identityProviderId\`) REFERENCES \`identity_providers\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_subjects\` ADD CONSTRAINT \`FK_bd77a040fc44dce7278338b2a27\` FOREIGN KEY (\`identityId\`) REFERENCES \`identities\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`openid_attempts\` ADD CONSTRAINT \`FK_0785fde1863295b9447444defe4\` FOREIGN KEY (\`identityProviderId\`) REFERENCES \`identity_providers\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE \`sessions\` ADD CONSTRAINT \`FK_24cccb848768369d73e5e95ac27\` FOREIGN KEY (\`identityProviderId\`) REFERENCES \`identity_providers\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`sessions\` DROP FOREIGN KEY \`FK_24cccb848768369d73e5e95ac27\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`openid_attempts\` DROP FOREIGN KEY \`FK_0785fde1863295b9447444defe4\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_subjects\` DROP FOREIGN KEY \`FK_bd77a040fc44dce7278338b2a27\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_subjects\` DROP FOREIGN KEY \`FK_e002fb4147962c12884db503f83\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`identity_providers\` DROP FOREIGN KEY \`FK_1c87b9079050d880ed2151af9a5\``,
    );
    await queryRunner.query(`DROP INDEX \`ix_sessions_identity_provider\` ON \`sessions\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`providerAcr\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`providerAmr\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`identityProviderId\``);
    await queryRunner.query(`DROP INDEX \`ix_openid_attempts_expiry\` ON \`openid_attempts\``);
    await queryRunner.query(`DROP INDEX \`uq_openid_attempts_state_hash\` ON \`openid_attempts\``);
    await queryRunner.query(`DROP TABLE \`openid_attempts\``);
    await queryRunner.query(
      `DROP INDEX \`uq_identity_subjects_provider_subject\` ON \`identity_subjects\``,
    );
    await queryRunner.query(
      `DROP INDEX \`uq_identity_subjects_provider_identity\` ON \`identity_subjects\``,
    );
    await queryRunner.query(
      `DROP INDEX \`ix_identity_subjects_identity\` ON \`identity_subjects\``,
    );
    await queryRunner.query(`DROP TABLE \`identity_subjects\``);
    await queryRunner.query(
      `DROP INDEX \`ix_identity_providers_account\` ON \`identity_providers\``,
    );
    await queryRunner.query(`DROP TABLE \`identity_providers\``);
  }
}
