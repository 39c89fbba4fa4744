import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, type EntityManager, Index } from 'typeorm';
import { isSqlite } from '../../db/dialect';
import { Inherit, PastSecondFactor } from '../../graphql/access';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** A tenant: everything else belongs to exactly one account. */
@Entity({ name: 'accounts' })
@ObjectType({ description: 'The organization (tenant) the signed-in profile belongs to.' })
// before the second factor a session sees the account's name only (docs/design.md, Sign-in stages)
@PastSecondFactor()
export class Account extends WithUuid {
  @Field(() => ID, { description: 'Stable identifier.' })
  declare id: string;

  @Field({ description: 'Display name; also the issuer shown in authenticator apps.' })
  @Inherit()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'Short unique handle, used by the CLI (`--account <slug>`).' })
  @Index('uq_accounts_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Field(() => String, { nullable: true, description: 'Logo shown in the console and emails.' })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  logoUrl: string | null;

  @Field(() => [String], {
    description:
      'ISO 3166-1 alpha-2 countries whose phone numbers users may link for SMS codes. An empty list ' +
      'allows no country (nobody can set up SMS), unless `allowAllSmsCountries` is true.',
  })
  @Column({ type: 'simple-json' })
  allowedSmsCountries: string[];

  @Field({
    description:
      'True when SMS codes may go to numbers of every country, whatever `allowedSmsCountries` ' +
      'holds. Only accounts that already allowed every country keep it (an empty list used to ' +
      'mean every country); an owner can narrow it to a list, and new accounts never have it.',
  })
  @Column({ type: 'boolean', default: false })
  allowAllSmsCountries: boolean;

  @Field({ description: 'When the account was created.' })
  @TimestampColumn()
  createdAt: Date;
}

/**
 * The account row, locked on dialects with row locks: the SMS countries and the policies that
 * allow SMS are checked against each other, so the two changes must not pass each other.
 */
export function lockedAccount(manager: EntityManager, accountId: string): Promise<Account> {
  const query = manager
    .getRepository(Account)
    .createQueryBuilder('account')
    .where('account.id = :accountId', { accountId });
  // SQLite runs one transaction at a time already
  if (!isSqlite(manager.connection)) query.setLock('pessimistic_write');
  return query.getOneOrFail();
}
