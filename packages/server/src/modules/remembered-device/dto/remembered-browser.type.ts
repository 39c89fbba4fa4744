import { Field, ID, ObjectType } from 'type-graphql';
import { Inherit } from '../../../graphql/access';

@ObjectType({
  description:
    'A browser remembered after a second factor: it skips the second factor of this profile at ' +
    'sign-in until `expiresAt`. Never its token.',
})
@Inherit()
export class RememberedBrowser {
  @Field(() => ID, { description: 'Pass to forgetRememberedBrowser.' })
  id: string;

  @Field({ description: 'The browser in words (“Chrome on Linux”), as it was when remembered.' })
  browser: string;

  @Field({ description: 'When “Remember this browser” was ticked.' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it last skipped the second factor; null when it has not yet.',
  })
  lastUsedAt: Date | null;

  @Field({ description: 'When it stops skipping the second factor.' })
  expiresAt: Date;

  @Field({ description: 'True when the browser making this request is the one remembered.' })
  current: boolean;
}
