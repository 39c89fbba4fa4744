import { Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../../graphql/access';

@ObjectType({ description: 'An OpenID provider a signed-out visitor can sign in with.' })
@Public()
export class SignInOption {
  @Field(() => ID, { description: 'The provider’s id.' })
  id: string;

  @Field({ description: 'The button: “Sign in with <displayName>”.' })
  displayName: string;

  @Field({ description: 'The account the provider belongs to.' })
  accountName: string;

  @Field({
    description:
      'Where the sign-in form POSTs (a relative URL; only a same-origin POST starts, a link does not): the ' +
      'browser goes on to the provider and comes back signed in, or to `/sign-in?openIdError=<OpenIdFailure>`.',
  })
  startPath: string;
}
