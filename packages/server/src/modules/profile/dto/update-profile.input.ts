import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Profile fields a user edits on their own.' })
export class UpdateProfileInput {
  @Field({ description: 'Name shown in lists and emails (1 to 100 characters).' })
  displayName: string;
}
