import { UserType } from '@twofold/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description:
    'What saving a security policy would do to the profiles of its user type, computed with the rules the save and ' +
    'sign-in apply. Nothing is changed.',
})
@Inherit()
export class SecurityPolicyImpact {
  @Field(() => UserType, { description: 'The user type of the previewed rule.' })
  userType: UserType;

  @Field(() => Int, { description: 'Profiles of the type (invited, active and suspended).' })
  users: number;

  @Field(() => Int, {
    description:
      'Profiles that would have to set up an allowed method: 2FA required for them (by the type or by an ' +
      'administrator) and no allowed method set up.',
  })
  notEnrolled: number;

  @Field(() => Int, {
    description:
      'Of `notEnrolled`: no grace period left, so they must enroll at their next sign-in (signed-in ones at their ' +
      'next request).',
  })
  enrollAtNextSignIn: number;

  @Field(() => Int, { description: 'Of `notEnrolled`: a grace period still runs.' })
  inGracePeriod: number;

  @Field(() => Int, {
    description:
      'Of `notEnrolled`: profiles holding a factor only of methods the rule removes. It still guards their sign-in, ' +
      'but they must set up an allowed method (by their deadline).',
  })
  onlyRemovedMethods: number;

  @Field(() => Int, {
    description:
      'Under a phishing-resistant-only rule: profiles of the type (2FA not off for them) that hold no ' +
      'passkey and must still add one for their 2FA to count; those 2FA is required of are in ' +
      '`notEnrolled` too. 0 when the rule is not phishing-resistant only.',
  })
  withoutPasskey: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'The enrollment deadline fixed for profiles without one (now + `gracePeriodDays`) when the rule makes 2FA ' +
      'required; null otherwise.',
  })
  deadline: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The earliest deadline among the profiles in a grace period.',
  })
  earliestDeadline: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The latest deadline among the profiles in a grace period.',
  })
  latestDeadline: Date | null;

  @Field({
    description: 'The caller’s own profile is of this type and would have to enroll.',
  })
  callerMustEnroll: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the caller must enroll by, if `callerMustEnroll` and a grace period runs; null means at once.',
  })
  callerDeadline: Date | null;
}
