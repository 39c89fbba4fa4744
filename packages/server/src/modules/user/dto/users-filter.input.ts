import { TwoFactorStatus, UserStatus, UserType } from '@twofold/shared';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Narrows `users`; the conditions given all apply.' })
export class UsersFilter {
  @Field(() => UserType, { nullable: true, description: 'Only users of this type.' })
  userType?: UserType | null;

  @Field(() => TwoFactorStatus, {
    nullable: true,
    description: 'Only users whose `twoFactorStatus` is this.',
  })
  twoFactorStatus?: TwoFactorStatus | null;

  @Field(() => UserStatus, {
    nullable: true,
    description: 'Only users whose `status` is this (INVITED: invitations not yet accepted).',
  })
  status?: UserStatus | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Case-insensitive text found in the display name or the email (at most 100 characters; ' +
      '`%` and `_` match themselves).',
  })
  search?: string | null;
}
