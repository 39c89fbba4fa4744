import { SessionStage } from '@twofold/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Allow } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { User } from '../user/user.entity';
import { App } from './app.entity';

/** `User.apps`, batched: one query for every user of a page. */
@Resolver(() => User)
export class UserAppsResolver {
  @FieldResolver(() => [App], {
    description:
      'The apps assigned to the profile, by name (only those the caller can see). Not readable during enrollment.',
  })
  @Allow([SessionStage.ACTIVE])
  async apps(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<App[]> {
    const loader = ctx.loaders.get<string, App[]>('user.apps', (userIds) =>
      ctx.services.apps.appsOfUsers(caller, userIds),
    );
    return loader.load(user.id);
  }
}
