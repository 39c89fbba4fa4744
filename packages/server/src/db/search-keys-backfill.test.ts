import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  testDialect,
  type TestDatabase,
} from '../../test/helpers/test-database';
import { Account } from '../modules/account/account.entity';
import { Identity } from '../modules/identity/identity.entity';
import { User } from '../modules/user/user.entity';
import { createDataSource } from '../wiring/data-source';
import { runMigrations } from './migrate';

describe(`the users search keys migration on ${testDialect}`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('fills the search keys of the profiles already there', async () => {
    const dataSource = createDataSource(database.config);
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
      // back to the schema before the migration, undoing those after it too
      const applied = async () =>
        (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).map(
          (row) => row.name,
        );
      expect((await applied()).some((name) => name.startsWith('UsersSearchKeys'))).toBe(true);
      while ((await applied()).some((name) => name.startsWith('UsersSearchKeys'))) {
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
      const account = await dataSource.getRepository(Account).save(
        dataSource.getRepository(Account).create({
          name: 'Before',
          slug: `before-${randomUUID().slice(0, 8)}`,
          logoUrl: null,
          allowedSmsCountries: [],
          createdAt: new Date(),
        }),
      );
      const identity = await dataSource.getRepository(Identity).save(
        dataSource.getRepository(Identity).create({
          email: 'emile.zola@example.test',
          passwordHash: null,
          emailVerifiedAt: null,
          createdAt: new Date(),
        }),
      );
      const id = randomUUID();
      // the row as the schema before the migration holds it
      await dataSource.query(
        'INSERT INTO users (id, accountId, identityId, displayName, userType, isOwner, status, ' +
          'twoFactorRequirement, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          id,
          account.id,
          identity.id,
          'ÉMILE Zola',
          'APP_REVIEWER',
          0,
          'ACTIVE',
          'INHERIT',
          '2026-01-01 00:00:00.000',
        ],
      );
      await runMigrations(dataSource);
      const row = await dataSource.getRepository(User).findOneByOrFail({ id });
      expect({ searchName: row.searchName, searchEmail: row.searchEmail }).toEqual({
        searchName: 'émile zola',
        searchEmail: 'emile.zola@example.test',
      });
    } finally {
      await dataSource.destroy();
    }
  });
});
