import { Enforcement, TwoFactorMethod, UserType } from '@twofold/shared';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'The new two-factor rule for one user type of the caller’s account.' })
export class SecurityPolicyInput {
  @Field(() => UserType, { description: 'The user type whose rule changes.' })
  userType: UserType;

  @Field(() => Enforcement, {
    description:
      'OFF, OPTIONAL or REQUIRED. Becoming REQUIRED fixes each user’s enrollment deadline once, to now + ' +
      '`gracePeriodDays`; later edits never move a fixed deadline.',
  })
  enforcement: Enforcement;

  @Field(() => [TwoFactorMethod], {
    description:
      'Methods users of this type may set up; duplicates are ignored. REQUIRED needs one.',
  })
  allowedMethods: TwoFactorMethod[];

  @Field(() => Int, {
    description: 'Days users may still sign in without 2FA once it becomes required (0–365).',
  })
  gracePeriodDays: number;
}
