import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PasskeysAndRememberedDevices1796691610531 implements MigrationInterface {
  name = 'PasskeysAndRememberedDevices1796691610531';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`passkey_factors\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`credentialIdHash\` varchar(64) NOT NULL, \`credentialId\` text NOT NULL, \`publicKey\` text NOT NULL, \`signCount\` bigint NOT NULL DEFAULT '0', \`transports\` text NOT NULL, \`aaguid\` varchar(36) NOT NULL, \`name\` varchar(64) NOT NULL, \`multiDevice\` tinyint NOT NULL DEFAULT 0, \`backedUp\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(3) NOT NULL, \`lastUsedAt\` datetime(3) NULL, \`vouchesForLogin\` tinyint NOT NULL DEFAULT 1, UNIQUE INDEX \`uq_passkey_factors_credential\` (\`credentialIdHash\`), INDEX \`ix_passkey_factors_user\` (\`userId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`webauthn_challenges\` (\`id\` varchar(36) NOT NULL, \`challengeHash\` varchar(64) NOT NULL, \`sessionId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`ceremony\` enum ('REGISTRATION', 'AUTHENTICATION') NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_webauthn_challenges_hash\` (\`challengeHash\`), INDEX \`ix_webauthn_challenges_session\` (\`sessionId\`), INDEX \`ix_webauthn_challenges_expires\` (\`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`remembered_devices\` (\`id\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`identityId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`browser\` varchar(128) NOT NULL, \`ip\` varchar(45) NULL, \`createdAt\` datetime(3) NOT NULL, \`lastUsedAt\` datetime(3) NULL, \`expiresAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_remembered_devices_token_hash\` (\`tokenHash\`), INDEX \`ix_remembered_devices_identity\` (\`identityId\`), INDEX \`ix_remembered_devices_expires\` (\`expiresAt\`), INDEX \`ix_remembered_devices_user\` (\`userId\`, \`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`ALTER TABLE \`security_policies\` ADD \`phishingResistantOnly\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`security_policies\` ADD \`rememberDeviceDays\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`passkey_factors\` ADD CONSTRAINT \`FK_cd1b88154f86103bffc13cdebb2\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`webauthn_challenges\` ADD CONSTRAINT \`FK_74145e8eedf2d7610488a8dfa8f\` FOREIGN KEY (\`sessionId\`) REFERENCES \`sessions\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`webauthn_challenges\` ADD CONSTRAINT \`FK_64dc3478683b21e8b8879868713\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`remembered_devices\` ADD CONSTRAINT \`FK_22837e9d10ae179e162963d2864\` FOREIGN KEY (\`identityId\`) REFERENCES \`identities\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE \`remembered_devices\` ADD CONSTRAINT \`FK_f2b92802183aa3a249e981449ea\` FOREIGN KEY (\`userId\`) REFERENCES \`users\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`remembered_devices\` DROP FOREIGN KEY \`FK_f2b92802183aa3a249e981449ea\``);
    await queryRunner.query(`ALTER TABLE \`remembered_devices\` DROP FOREIGN KEY \`FK_22837e9d10ae179e162963d2864\``);
    await queryRunner.query(`ALTER TABLE \`webauthn_challenges\` DROP FOREIGN KEY \`FK_64dc3478683b21e8b8879868713\``);
    await queryRunner.query(`ALTER TABLE \`webauthn_challenges\` DROP FOREIGN KEY \`FK_74145e8eedf2d7610488a8dfa8f\``);
    await queryRunner.query(`ALTER TABLE \`passkey_factors\` DROP FOREIGN KEY \`FK_cd1b88154f86103bffc13cdebb2\``);
    await queryRunner.query(`ALTER TABLE \`security_policies\` DROP COLUMN \`rememberDeviceDays\``);
    await queryRunner.query(`ALTER TABLE \`security_policies\` DROP COLUMN \`phishingResistantOnly\``);
    await queryRunner.query(`DROP INDEX \`ix_remembered_devices_user\` ON \`remembered_devices\``);
    await queryRunner.query(`DROP INDEX \`ix_remembered_devices_expires\` ON \`remembered_devices\``);
    await queryRunner.query(`DROP INDEX \`ix_remembered_devices_identity\` ON \`remembered_devices\``);
    await queryRunner.query(`DROP INDEX \`uq_remembered_devices_token_hash\` ON \`remembered_devices\``);
    await queryRunner.query(`DROP TABLE \`remembered_devices\``);
    await queryRunner.query(`DROP INDEX \`ix_webauthn_challenges_expires\` ON \`webauthn_challenges\``);
    await queryRunner.query(`DROP INDEX \`ix_webauthn_challenges_session\` ON \`webauthn_challenges\``);
    await queryRunner.query(`DROP INDEX \`uq_webauthn_challenges_hash\` ON \`webauthn_challenges\``);
    await queryRunner.query(`DROP TABLE \`webauthn_challenges\``);
    await queryRunner.query(`DROP INDEX \`ix_passkey_factors_user\` ON \`passkey_factors\``);
    await queryRunner.query(`DROP INDEX \`uq_passkey_factors_credential\` ON \`passkey_factors\``);
    await queryRunner.query(`DROP TABLE \`passkey_factors\``);
  }
}
