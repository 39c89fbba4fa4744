import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Public } from '../../graphql/access';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../../graphql/caller-seam';
import { Permission } from '../auth/permissions';
import { CreateUserInput } from './dto/create-user.input';
import { User } from './user.entity';

/** Creating profiles, sending and revoking their invitations, and accepting them. */
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

  @Mutation(() => [User], {
    description:
      'Creates up to 500 profiles in the caller’s account at once (an import; owners and Administrators), all ' +
      'or none: each input follows the rules of `createUser`, and an error names its input as ' +
      '`inputs.<index>.<field>` (e.g. BAD_USER_INPUT on `inputs.3.email`; the same email and user type twice, ' +
      'in the request or in the account, CONFLICT with reason DUPLICATE_PROFILE). Returns the profiles in the ' +
      'order of `inputs`; invitations are mailed once all are stored.',
  })
  @Active(Permission.USERS_MANAGE)
  async createUsers(
    @Arg('inputs', () => [CreateUserInput], { description: 'The new profiles, 1 to 500.' })
    inputs: CreateUserInput[],
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User[]> {
    return ctx.services.invitations.createUsers(caller, inputs, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Mails an invited user a new invitation link (PUBLIC_URL/invitation/<token>, valid 72 hours) and voids the ' +
      'previous one, which then answers like any invalid link; a user created with `sendInvitation: false` gets ' +
      'their first invitation this way. Owners and Administrators (not on an owner, never on a profile of their own ' +
      'login: FORBIDDEN with reason OWNER or SELF). Only for INVITED users: others give CONFLICT on `userId` with ' +
      'reason NOT_INVITED. At most 5 per user and hour (TOO_MANY_ATTEMPTS); a mail server that does not take the ' +
      'mail gives UNAVAILABLE. Another account’s or an unknown user: NOT_FOUND on `userId`.',
  })
  @Active(Permission.USERS_MANAGE)
  async resendInvitation(
    @Arg('userId', () => ID, { description: 'The invited user.' }) userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.invitationAdmin.resend(caller, userId, ctx.meta);
  }

  @Mutation(() => User, {
    description:
      'Voids an invited user’s pending invitation link: it then answers like any invalid link. The user stays ' +
      'INVITED, keeps their apps and settings, is not emailed, and can be sent a new invitation with ' +
      'resendInvitation. Same permissions as resendInvitation; CONFLICT on `userId` with reason NOT_INVITED for a ' +
      'user who is not INVITED, NO_PENDING_INVITATION when no link is pending.',
  })
  @Active(Permission.USERS_MANAGE)
  async revokeInvitation(
    @Arg('userId', () => ID, { description: 'The invited user.' }) userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.invitationAdmin.revoke(caller, userId, ctx.meta);
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
