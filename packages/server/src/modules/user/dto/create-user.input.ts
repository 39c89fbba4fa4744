import { UserType } from '@twofold/shared';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new profile in the caller’s account.' })
export class CreateUserInput {
  @Field(() => String, {
    description:
      'The login email (any case). An email that already signs in to Twofold keeps its password and gains this profile.',
  })
  email: string;

  @Field(() => String, { description: 'Name shown in lists and emails (1–100 characters).' })
  displayName: string;

  @Field(() => UserType, {
    description: 'What the profile may do. Owners are made with the account, never here.',
  })
  userType: UserType;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'Apps of the account to assign; any other id gives NOT_FOUND on `input.appIds`.',
  })
  appIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      '“Enable two-factor authentication for this user”: enrollment becomes mandatory after the grace period of the user type.',
  })
  requireTwoFactor?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'Emails a single-use invitation link (valid 72 hours; PUBLIC_URL/invitation/<token>). The profile stays INVITED until it is accepted.',
  })
  sendInvitation?: boolean | null;
}
