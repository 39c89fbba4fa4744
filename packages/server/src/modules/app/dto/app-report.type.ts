import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({ description: 'The number of events on one UTC day.' })
@Inherit()
export class DailyCount {
  @Field({ description: 'The UTC day, YYYY-MM-DD.' })
  date: string;

  @Field(() => Int, { description: 'How many events happened that day.' })
  count: number;
}

@ObjectType({ description: 'Usage and 2FA coverage of one app over the last `days` days (UTC).' })
@Inherit()
export class AppReport {
  @Field(() => Int, { description: 'The length of the window in days, today included.' })
  days: number;

  @Field(() => [DailyCount], {
    description:
      'Sign-ins of the users assigned to the app, one entry per day of the window (zero days included), oldest first.',
  })
  signInsPerDay: DailyCount[];

  @Field(() => Int, { description: 'How many users are assigned to the app.' })
  assignedUsers: number;

  @Field(() => Int, {
    description:
      'Assigned users whose 2FA status is ENROLLED with an authenticator app or a phone.',
  })
  usersWithTwoFactor: number;

  @Field(() => Int, {
    description:
      'Assigned users ENROLLED with a PIN code only: a second knowledge factor, counted apart.',
  })
  usersWithPinOnly: number;

  @Field(() => Float, {
    description: 'usersWithTwoFactor / assignedUsers, from 0 to 1; 0 when no user is assigned.',
  })
  twoFactorCoverage: number;
}
