import { Platform } from '@twofold/shared';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new app of the account.' })
export class CreateAppInput {
  @Field({ description: 'Name shown in lists, 1 to 100 characters.' })
  name: string;

  @Field(() => Platform, { description: 'Where the app runs.' })
  platform: Platform;

  @Field({
    description: 'Reverse-DNS bundle identifier, e.g. com.example.app (at most 155 characters).',
  })
  bundleId: string;

  @Field({ description: 'http(s) URL of the preview build, at most 2048 characters.' })
  previewUrl: string;
}

@InputType({ description: 'Changes to an app’s settings; omitted fields keep their value.' })
export class UpdateAppInput {
  @Field(() => String, { nullable: true, description: 'New name, 1 to 100 characters.' })
  name?: string;

  @Field(() => Platform, { nullable: true, description: 'New platform.' })
  platform?: Platform;

  @Field(() => String, {
    nullable: true,
    description: 'New reverse-DNS bundle identifier, e.g. com.example.app.',
  })
  bundleId?: string;

  @Field(() => String, { nullable: true, description: 'New http(s) preview URL.' })
  previewUrl?: string;
}
