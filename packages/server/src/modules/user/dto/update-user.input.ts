import { UserStatus, UserType } from '@twofold/shared';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Changes to a user; omitted or null fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: 'Name shown in lists and emails (1–100).' })
  displayName?: string | null;

  @Field(() => UserType, {
    nullable: true,
    description:
      'What the profile may do. An owner moved away from ADMINISTRATOR stops being owner.',
  })
  userType?: UserType | null;

  @Field(() => UserStatus, {
    nullable: true,
    description:
      'ACTIVE or SUSPENDED (INVITED cannot be set). Suspending ends the user’s sessions at once.',
  })
  status?: UserStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      '“Enable two-factor authentication for this user”. The first time, the enrollment deadline is ' +
      'fixed to now + the grace period of the user type; later edits never move it.',
  })
  requireTwoFactor?: boolean | null;
}
