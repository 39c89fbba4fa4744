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

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Phishing-resistant only: users of this type must hold a passkey. Left out or null: unchanged ' +
      '(off for a type that had no rule).',
  })
  phishingResistantOnly?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days a browser may be remembered after a second factor (0 = off, at most 90). Left out or ' +
      'null: unchanged (0 for a type that had no rule). Lowering it shortens browsers remembered ' +
      'already.',
  })
  rememberDeviceDays?: number | null;
}
