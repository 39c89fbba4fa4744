import { SessionStage, TokenTransport } from '@twofold/shared';
import {
  Arg,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active, Allow, Inherit } from '../../graphql/guard';
import type { Caller } from '../auth/auth.service';
import { Permission } from '../auth/permissions';
import type { Session } from '../session/session.entity';
import { User } from '../user/user.entity';

@InputType({ description: 'Profile fields a user edits on their own.' })
export class UpdateProfileInput {
  @Field({ description: 'Name shown in lists and emails (1 to 100 characters).' })
  displayName: string;
}

@ObjectType({ description: 'One open session of the signed-in login.' })
@Inherit()
export class SessionSummary {
  @Field(() => ID, { description: 'Pass to revokeSession.' })
  id: string;

  @Field({ description: 'True for the session making this request.' })
  current: boolean;

  @Field(() => TokenTransport, { description: 'Browser cookie or API bearer token.' })
  transport: TokenTransport;

  @Field({ description: 'When it was opened.' })
  createdAt: Date;

  @Field({ description: 'Last request seen (updated at most once a minute).' })
  lastSeenAt: Date;

  @Field(() => String, { nullable: true, description: 'IP address it was opened from.' })
  ip: string | null;

  @Field(() => String, { nullable: true, description: 'Browser or client it was opened with.' })
  userAgent: string | null;
}

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
    @Ctx() ctx: Context,
  ): Promise<User> {
    return ctx.services.profiles.updateProfile((await ctx.caller()) as Caller, input, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description: 'Changes the login’s password; ends its other sessions.',
  })
  @Allow(profileStages)
  async changePassword(
    @Arg('currentPassword', { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', { description: 'At least 8 characters.' }) newPassword: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.services.profiles.changePassword(
      (await ctx.caller()) as Caller,
      { currentPassword, newPassword },
      ctx.meta,
    );
    return true;
  }

  @Query(() => [SessionSummary], { description: 'The open sessions of the signed-in login.' })
  @Active(Permission.SELF)
  async mySessions(@Ctx() ctx: Context): Promise<SessionSummary[]> {
    const caller = (await ctx.caller()) as Caller;
    const sessions: Session[] = await ctx.services.profiles.sessions(caller);
    return sessions.map((s) => ({
      id: s.id,
      current: s.id === caller.session.id,
      transport: s.transport,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      userAgent: s.userAgent,
    }));
  }

  @Mutation(() => Boolean, { description: 'Ends one of the signed-in login’s sessions.' })
  @Active(Permission.SELF)
  async revokeSession(
    @Arg('id', () => ID, { description: 'A `SessionSummary.id`.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await ctx.services.profiles.revokeSession((await ctx.caller()) as Caller, id);
    return true;
  }
}
