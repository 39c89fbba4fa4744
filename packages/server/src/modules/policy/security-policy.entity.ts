import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TimestampColumn, WithUuid } from '../../db/columns';
import { Inherit } from '../../graphql/access';
import { Account } from '../account/account.entity';

/** The 2FA rule of one user type in one account. */
@Entity({ name: 'security_policies' })
@Index('uq_security_policies_account_type', ['accountId', 'userType'], { unique: true })
@ObjectType({ description: 'The two-factor rule for one user type of the account.' })
@Inherit()
export class SecurityPolicy extends WithUuid {
  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId' })
  account?: Account;

  @Field(() => UserType, { description: 'The user type this rule applies to.' })
  @Column({ type: 'simple-enum', enum: UserType })
  userType: UserType;

  @Field(() => Enforcement, { description: 'OFF, OPTIONAL (users choose) or REQUIRED.' })
  @Column({ type: 'simple-enum', enum: Enforcement })
  enforcement: Enforcement;

  @Field(() => [TwoFactorMethod], { description: 'Methods users of this type may set up.' })
  @Column({ type: 'simple-json' })
  allowedMethods: TwoFactorMethod[];

  @Field(() => Int, {
    description:
      'Days a user may still sign in without 2FA once it is required; 0 = at the next sign-in.',
  })
  @Column({ type: 'int' })
  gracePeriodDays: number;

  @Field({
    description:
      'Phishing-resistant only: users of this type must hold a passkey; other methods do not ' +
      'count toward 2FA for them.',
  })
  @Column({ type: 'boolean', default: false })
  phishingResistantOnly: boolean;

  @Field(() => Int, {
    description:
      'Days a browser may be remembered after a second factor, skipping it at sign-in; 0 = off, at most 90.',
  })
  @Column({ type: 'int', default: 0 })
  rememberDeviceDays: number;

  @Field({ description: 'Last change.' })
  @TimestampColumn()
  updatedAt: Date;
}

/**
 * The join condition of a profile's policy (query-builder aliases): its account's row for its
 * user type.
 */
export function policyOfProfile(policy: string, profile: string): string {
  return `${policy}.accountId = ${profile}.accountId AND ${policy}.userType = ${profile}.userType`;
}
