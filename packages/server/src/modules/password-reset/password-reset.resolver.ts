import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Public } from '../../graphql/access';

@Resolver()
export class PasswordResetResolver {
  @Mutation(() => Boolean, {
    description:
      'Emails a password reset link (PUBLIC_URL/reset-password/<token>, valid 1 hour) when the email has a login. ' +
      'Always answers true, so it never tells whether an email exists.',
  })
  @Public()
  async requestPasswordReset(
    @Arg('email', () => String, { description: 'The login email (any case).' }) email: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.passwordResets.requestPasswordReset(email, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password through a reset link and ends every session of the login. An unknown, used or expired ' +
      'link gives BAD_USER_INPUT on `token`.',
  })
  @Public()
  async resetPassword(
    @Arg('token', () => String, { description: 'The token from the reset link.' }) token: string,
    @Arg('password', () => String, { description: 'The new password (8–256 characters).' })
    password: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.passwordResets.resetPassword(token, password, ctx.meta);
  }
}
