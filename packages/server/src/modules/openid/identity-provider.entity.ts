import { ProviderTwoFactorPolicy, UserType } from '@twofold/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Inherit } from '../../graphql/access';
import { Account } from '../account/account.entity';

/**
 * An account's OpenID Connect provider (docs/design.md, Logins, profiles and accounts: logins hold linked OpenID subjects). The
 * client secret is sealed like TOTP secrets: the database alone never gives it away.
 */
@Entity({ name: 'identity_providers' })
@ObjectType({
  description:
    'An OpenID Connect provider the account’s users can sign in with (Owners change it; Administrators read it).',
})
@Inherit()
export class IdentityProvider extends WithUuid {
  @Field(() => ID, { description: 'The provider’s id.' })
  declare id: string;

  @Index('ix_identity_providers_account')
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Field({ description: 'What the sign-in button says: “Sign in with <displayName>”.' })
  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Field({
    description:
      'The issuer; its `/.well-known/openid-configuration` names the endpoints and keys.',
  })
  @Column({ type: 'varchar', length: 2048 })
  issuerUrl: string;

  @Field({ description: 'The client id Twofold is registered under at the provider.' })
  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  /** AES-256-GCM with a key derived from TWOFOLD_SECRET_KEY; never sent to any client. */
  @Column({ type: 'text' })
  clientSecretSealed: string;

  @Field(() => [String], {
    description:
      'Email domains this provider may sign in (lower case); empty allows any domain of a matching login.',
  })
  @Column({ type: 'simple-json' })
  allowedEmailDomains: string[];

  @Field(() => ProviderTwoFactorPolicy, {
    description: 'What a sign-in through this provider means for Twofold’s second factor.',
  })
  @Column({ type: 'simple-enum', enum: ProviderTwoFactorPolicy })
  twoFactorPolicy: ProviderTwoFactorPolicy;

  @Field(() => [String], {
    description:
      'With TRUST_PROVIDER, an ID token whose `acr` is one of these counts as a second factor (as does an `amr` ' +
      'holding `mfa`, or methods of two different factor kinds, e.g. `pwd` and `otp`; RFC 8176).',
  })
  @Column({ type: 'simple-json' })
  trustedAcrValues: string[];

  @Field(() => [UserType], {
    description:
      'The user types whose profiles the rule may spare Twofold’s second factor (TRUST_PROVIDER, EXEMPT); ' +
      'profiles of other types give Twofold’s second factor as after a password. Empty: none.',
  })
  @Column({ type: 'simple-json', default: '[]' })
  waiverUserTypes: UserType[];

  @Field(() => Int, {
    nullable: true,
    description:
      'When the rule may spare the second factor: the provider is asked for a sign-in at most this many seconds ' +
      'old (`max_age`), and an ID token whose `auth_time` is older spares nothing. Null: any age.',
  })
  @Column({ type: 'int', nullable: true, default: 600 })
  maxAgeSeconds: number | null;

  @Field({ description: 'When it was added.' })
  @TimestampColumn()
  createdAt: Date;

  @Field({ description: 'Last change.' })
  @TimestampColumn()
  updatedAt: Date;
}
