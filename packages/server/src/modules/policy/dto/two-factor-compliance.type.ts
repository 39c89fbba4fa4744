import { TwoFactorStatus, UserType } from '@twofold/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description: 'How many profiles of one user type have one `User.twoFactorStatus`.',
})
@Inherit()
export class TwoFactorStatusCount {
  @Field(() => TwoFactorStatus, { description: 'The status counted.' })
  status: TwoFactorStatus;

  @Field(() => Int, { description: 'Profiles of the type with this status.' })
  count: number;
}

@ObjectType({
  description:
    'The 2FA situation of one user type’s profiles, counted by `User.twoFactorStatus`; each count matches ' +
    '`users(filter: { userType, twoFactorStatus }).totalCount`.',
})
@Inherit()
export class TwoFactorCompliance {
  @Field(() => UserType, { description: 'The user type counted.' })
  userType: UserType;

  @Field(() => Int, { description: 'Profiles of the type, whatever their status.' })
  users: number;

  @Field(() => Int, { description: 'ENROLLED: an allowed method is set up.' })
  enrolled: number;

  @Field(() => Int, {
    description:
      'Of `enrolled`: a PIN code is their only allowed factor — another knowledge factor, counted apart from true ' +
      'second factors.',
  })
  pinOnly: number;

  @Field(() => Int, { description: 'GRACE: required, not set up, within the grace period.' })
  grace: number;

  @Field(() => Int, {
    description:
      'AWAITING_FIRST_SIGN_IN: required, not set up, never signed in: they set up at their first sign-in.',
  })
  awaitingFirstSignIn: number;

  @Field(() => Int, { description: 'OVERDUE: required, not set up, the deadline has passed.' })
  overdue: number;

  @Field(() => Int, {
    description: 'LOCKED: too many wrong codes, or disabled until an administrator resets it.',
  })
  locked: number;

  @Field(() => Int, {
    description: 'OPTIONAL_OFF: 2FA is optional and they have not turned it on.',
  })
  optionalOff: number;

  @Field(() => Int, { description: 'NOT_REQUIRED: 2FA is off for the type.' })
  notRequired: number;

  @Field(() => [TwoFactorStatusCount], {
    description:
      'Every `TwoFactorStatus` with its count, zeros included, in the order of the enum; the same numbers as ' +
      'the named counts, and a status added to the enum is one more entry here.',
  })
  byStatus: TwoFactorStatusCount[];
}
