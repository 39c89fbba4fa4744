import { DomainVerificationMethod } from '@twofold/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Inherit } from '../../graphql/access';
import { Account } from '../account/account.entity';

/**
 * An email domain an account claims, and whether it has proven it holds it. Only a verified
 * domain lets the account's identity providers be offered to strangers typing an email of that
 * domain on the sign-in page.
 */
@Entity({ name: 'account_domains' })
@Index('uq_account_domains_account_domain', ['accountId', 'domain'], { unique: true })
@ObjectType({
  description:
    'An email domain the account claims. Once verified, the account’s identity providers that allow the ' +
    'domain are offered on the sign-in page to anyone typing an email of it (Owners change it; ' +
    'Administrators read it).',
})
@Inherit()
export class AccountDomain extends WithUuid {
  @Field(() => ID, { description: 'The domain’s id.' })
  declare id: string;

  @Index('ix_account_domains_account')
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Field({ description: 'The domain, lower case, e.g. `example.com`.' })
  @Column({ type: 'varchar', length: 253 })
  domain: string;

  /** Random; proves nothing until it is published in the domain's DNS. */
  @Field({
    description: 'The token to publish, as `recordValue`, in a TXT record at `recordName`.',
  })
  @Column({ type: 'varchar', length: 64 })
  verificationToken: string;

  /**
   * The domain again while it is verified, NULL otherwise: its unique index lets a domain be
   * verified for one account at a time (NULLs never collide), whatever races the requests run.
   */
  @Index('uq_account_domains_verified_domain', { unique: true })
  @Column({ type: 'varchar', length: 253, nullable: true })
  verifiedDomain: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was verified; null until then.' })
  @TimestampColumn({ nullable: true })
  verifiedAt: Date | null;

  @Field(() => DomainVerificationMethod, {
    nullable: true,
    description: 'How it was verified; null until then.',
  })
  @Column({ type: 'simple-enum', enum: DomainVerificationMethod, nullable: true })
  verifiedBy: DomainVerificationMethod | null;

  @Field({ description: 'When it was added.' })
  @TimestampColumn()
  createdAt: Date;
}
