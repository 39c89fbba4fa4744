import { SessionStage } from '@twofold/shared';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Active, Allow } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import type { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { browserInWords } from '../session/browser-words';
import type { Session } from '../session/session.entity';
import { User } from '../user/user.entity';
import { SessionSummary } from './dto/session-summary.type';
import { UpdateProfileInput } from './dto/update-profile.input';

const profileStages = [SessionStage.ENROLLMENT, SessionStage.ACTIVE];

@Resolver()
export class ProfileResolver {
  @Mutation(() => User, {
    description: 'Edits the caller’s own profile; allowed while 2FA enrollment is pending.',
  })
  @Allow(profileStages)
  async updateProfile(
    @Arg('input', () => UpdateProfileInput, { description: 'The new values.' })
    input: UpdateProfileInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.profiles.updateProfile(caller, input, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description: 'Changes the login’s password; ends its other sessions.',
  })
  @Allow(profileStages)
  async changePassword(
    @Arg('currentPassword', { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', { description: 'At least 8 characters.' }) newPassword: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.services.profiles.changePassword(caller, { currentPassword, newPassword }, ctx.meta);
    return true;
  }

  @Query(() => [SessionSummary], { description: 'The open sessions of the signed-in login.' })
  @Active(Permission.SELF)
  async mySessions(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<SessionSummary[]> {
    const sessions: Session[] = await ctx.services.profiles.sessions(caller);
    return sessions.map((s) => ({
      id: s.id,
      current: s.id === caller.session.id,
      transport: s.transport,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      userAgent: s.userAgent,
      browser: browserInWords(s.userAgent),
    }));
  }

  @Mutation(() => Boolean, { description: 'Ends one of the signed-in login’s sessions.' })
  @Active(Permission.SELF)
  async revokeSession(
    @Arg('id', () => ID, { description: 'A `SessionSummary.id`.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.services.profiles.revokeSession(caller, id);
    return true;
  }
}
