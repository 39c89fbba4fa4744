import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginBoundary1796645666432 implements MigrationInterface {
  name = 'LoginBoundary1796645666432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`identity_providers\` ADD \`waiverUserTypes\` text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` ADD \`maxAgeSeconds\` int NULL DEFAULT '600'`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`heldFactorVerifiedAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`sessions\` ADD \`providerAuthAt\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`authenticator_factors\` ADD \`vouchesForLogin\` tinyint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` ADD \`keyed\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` ADD \`vouchesForLogin\` tinyint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE \`sms_factors\` ADD \`vouchesForLogin\` tinyint NOT NULL DEFAULT 1`);

    // Factors set up before this migration: one set up while another profile of the same login
    // already held a factor may have been planted on the password's word (the hole this release
    // closes), so only the login's earliest profile with a factor keeps vouching.
    await markLaterFactorsNotVouching(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`sms_factors\` DROP COLUMN \`vouchesForLogin\``);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` DROP COLUMN \`vouchesForLogin\``);
    await queryRunner.query(`ALTER TABLE \`pin_factors\` DROP COLUMN \`keyed\``);
    await queryRunner.query(`ALTER TABLE \`authenticator_factors\` DROP COLUMN \`vouchesForLogin\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`providerAuthAt\``);
    await queryRunner.query(`ALTER TABLE \`sessions\` DROP COLUMN \`heldFactorVerifiedAt\``);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` DROP COLUMN \`maxAgeSeconds\``);
    await queryRunner.query(`ALTER TABLE \`identity_providers\` DROP COLUMN \`waiverUserTypes\``);
  }
}

/** Marks the factors of every profile but each login's earliest one as not vouching. */
async function markLaterFactorsNotVouching(queryRunner: QueryRunner): Promise<void> {
  const rows = (await queryRunner.query(
    `SELECT f.kind, f.id, f.userId, u.identityId, f.at FROM (
       SELECT 'authenticator' AS kind, id, userId, confirmedAt AS at FROM authenticator_factors WHERE status = 'ACTIVE'
       UNION ALL SELECT 'sms' AS kind, id, userId, confirmedAt AS at FROM sms_factors WHERE status = 'ACTIVE'
       UNION ALL SELECT 'pin' AS kind, userId AS id, userId, createdAt AS at FROM pin_factors
     ) f JOIN users u ON u.id = f.userId`,
  )) as { kind: string; id: string; userId: string; identityId: string; at: string | Date | null }[];
  const time = (at: string | Date | null) => (at === null ? Infinity : new Date(at).getTime());
  const first = new Map<string, { userId: string; at: number }>();
  for (const row of rows) {
    const seen = first.get(row.identityId);
    const at = time(row.at);
    if (!seen || at < seen.at || (at === seen.at && row.userId < seen.userId)) {
      first.set(row.identityId, { userId: row.userId, at });
    }
  }
  const later = rows.filter((row) => first.get(row.identityId)?.userId !== row.userId);
  const tables: Record<string, [string, string]> = {
    authenticator: ['authenticator_factors', 'id'],
    sms: ['sms_factors', 'id'],
    pin: ['pin_factors', 'userId'],
  };
  for (const [kind, [table, key]] of Object.entries(tables)) {
    const ids = later.filter((row) => row.kind === kind).map((row) => row.id);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await queryRunner.query(
        `UPDATE ${table} SET vouchesForLogin = 0 WHERE ${key} IN (${batch.map(() => '?').join(', ')})`,
        batch,
      );
    }
  }
}
