import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import type { Page } from '../../db/paging';
import { selectsTotal } from '../../graphql/selects-field';
import { Active } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { UpdateUserInput } from './dto/update-user.input';
import { UserConnection } from './dto/user-connection.type';
import { UsersFilter } from './dto/users-filter.input';
import { User } from './user.entity';
import { primeTwoFactor } from './user.loaders';

/** Users administration (docs/design.md, Permissions): transport only, the rules live in UserService. */
@Resolver()
export class UsersResolver {
  @Query(() => UserConnection, {
    description: 'The users of the caller’s account, by display name then id.',
  })
  @Active(Permission.USERS_MANAGE)
  async users(
    @Arg('filter', () => UsersFilter, { nullable: true, description: 'Conditions to narrow by.' })
    filter: UsersFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 100.' })
    first: number,
    @Arg('after', () => String, {
      nullable: true,
      description: '`pageInfo.endCursor` of the previous page.',
    })
    after: string | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<User>> {
    const page = await ctx.services.users.list(caller, {
      filter,
      first,
      after,
      count: selectsTotal(info),
    });
    // the page read each node's 2FA: its fields need no query of their own
    for (const user of page.nodes) {
      const summary = page.twoFactor.get(user.id);
      if (summary) primeTwoFactor(ctx, user, summary);
    }
    return page;
  }

  @Query(() => User, {
    nullable: true,
    description: 'A user of the caller’s account; NOT_FOUND for any other id.',
  })
  @Active(Permission.USERS_MANAGE)
  async user(
    @Arg('id', () => ID, { description: 'The user’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.users.get(caller, id);
  }

  @Mutation(() => User, {
    description:
      'Edits another user. Only an owner edits an owner; the account always keeps an active owner.',
  })
  @Active(Permission.USERS_MANAGE)
  async updateUser(
    @Arg('id', () => ID, { description: 'The user to edit.' }) id: string,
    @Arg('input', () => UpdateUserInput, { description: 'The fields to change.' })
    input: UpdateUserInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.users.update(caller, id, { ...input }, ctx.meta);
  }

  @Mutation(() => Int, {
    description:
      'Ends every session of another user’s profile (they sign in again) and answers how many were open. ' +
      'Owners and Administrators; never on a profile of the caller’s own login (FORBIDDEN, reason SELF), ' +
      'and only an owner on an owner (reason OWNER).',
  })
  @Active(Permission.USERS_MANAGE)
  async endUserSessions(
    @Arg('userId', () => ID, { description: 'The user whose sessions end.' }) userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.users.endSessions(caller, userId, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes another user’s profile from the account and ends its sessions; the login keeps its other profiles.',
  })
  @Active(Permission.USERS_MANAGE)
  async removeUser(
    @Arg('id', () => ID, { description: 'The user to remove.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.users.remove(caller, id, ctx.meta);
  }
}
