import { TokenTransport } from '@twofold/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({ description: 'One open session of the signed-in login.' })
@Inherit()
export class SessionSummary {
  @Field(() => ID, { description: 'Pass to revokeSession.' })
  id: string;

  @Field({ description: 'True for the session making this request.' })
  current: boolean;

  @Field(() => TokenTransport, { description: 'Browser cookie or API bearer token.' })
  transport: TokenTransport;

  @Field({ description: 'When it was opened.' })
  createdAt: Date;

  @Field({ description: 'Last request seen (updated at most once a minute).' })
  lastSeenAt: Date;

  @Field(() => String, { nullable: true, description: 'IP address it was opened from.' })
  ip: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The raw User-Agent header it was opened with; show `browser` to people instead.',
  })
  userAgent: string | null;

  @Field({
    description:
      'The browser and system in words (“Chrome on Linux”), or “Unknown browser” when the ' +
      'client names none we know (curl, scripts).',
  })
  browser: string;
}
