import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Active } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import type { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { User } from '../user/user.entity';
import { RememberedBrowser } from './dto/remembered-browser.type';

/** Remembered browsers (docs/design.md, Remembered browsers): transport only. */
@Resolver(() => User)
export class RememberedDeviceResolver {
  @FieldResolver(() => [RememberedBrowser], {
    nullable: true,
    description:
      'The browsers that skip this profile’s second factor at sign-in, newest first (unexpired only). ' +
      'The profile itself, and Owners and Administrators of its account; FORBIDDEN (reason SELF or ' +
      'OWNER) on another profile of the caller’s own login and, for an administrator, on an owner.',
  })
  @Active(Permission.SELF)
  rememberedBrowsers(
    @Root() user: User,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<RememberedBrowser[]> {
    return ctx.loaders
      .get<User, RememberedBrowser[]>(
        'user.rememberedBrowsers',
        (users) => ctx.services.rememberedDevices.list(caller, users, ctx.meta),
        (key) => key.id,
      )
      .load(user);
  }

  @Mutation(() => Boolean, {
    description:
      'Forgets one remembered browser of the caller’s profile: it asks for the second factor again. ' +
      'NOT_FOUND for an id that is not one of this profile’s.',
  })
  @Active(Permission.SELF)
  async forgetRememberedBrowser(
    @Arg('id', () => ID, {
      description: 'A `RememberedBrowser.id` of `viewer.rememberedBrowsers`.',
    })
    id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.rememberedDevices.forgetOwn(caller, id, ctx.meta);
  }

  @Mutation(() => Int, {
    description:
      'Forgets every remembered browser of the caller’s profile (this one included); answers how many.',
  })
  @Active(Permission.SELF)
  async forgetRememberedBrowsers(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.rememberedDevices.forgetAllOwn(caller, ctx.meta);
  }

  @Mutation(() => Int, {
    description:
      'Forgets every remembered browser of another user: each asks for their second factor again. ' +
      'Answers how many. Owners and Administrators, as endUserSessions: NOT_FOUND for a user of ' +
      'another account, FORBIDDEN with reason SELF on a profile of the caller’s own login and, for an ' +
      'administrator, reason OWNER on an owner.',
  })
  @Active(Permission.USERS_MANAGE)
  async forgetUserRememberedBrowsers(
    @Arg('userId', () => ID, { description: 'The user whose remembered browsers are forgotten.' })
    userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.rememberedDevices.forgetForUser(caller, userId, ctx.meta);
  }
}
