import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Public } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { CreateUserInput } from './dto/create-user.input';
import { User } from './user.entity';

/** Creating profiles and accepting the invitations they receive. */
@Resolver()
export class InvitationResolver {
  @Mutation(() => User, {
    description:
      'Creates a profile in the caller’s account (owners and Administrators). The same email and user type twice in ' +
      'one account gives CONFLICT on `input.email`.',
  })
  @Active(Permission.USERS_MANAGE)
  async createUser(
    @Arg('input', () => CreateUserInput, { description: 'The new profile.' })
    input: CreateUserInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.invitations.createUser(caller, input, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Accepts an invitation from the link PUBLIC_URL/invitation/<token>. A new login chooses `password`; a login ' +
      'that already signs in gives its current password. An unknown, used or expired link gives BAD_USER_INPUT on `token`.',
  })
  @Public()
  async acceptInvitation(
    @Arg('token', () => String, { description: 'The token from the invitation link.' })
    token: string,
    @Arg('password', () => String, {
      description: 'The new password (8–256 characters), or the current one of an existing login.',
    })
    password: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.invitations.acceptInvitation(token, password, ctx.meta);
  }
}
