import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Inherit, PastSecondFactor } from '../../graphql/access';
import { TimestampColumn, WithUuid } from '../../db/columns';

/** A tenant: everything else belongs to exactly one account. */
@Entity({ name: 'accounts' })
@ObjectType({ description: 'The organization (tenant) the signed-in profile belongs to.' })
// before the second factor a session sees the account's name only (DESIGN §5)
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

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 countries SMS codes may be sent to.' })
  @Column({ type: 'simple-json' })
  allowedSmsCountries: string[];

  @Field({ description: 'When the account was created.' })
  @TimestampColumn()
  createdAt: Date;
}
