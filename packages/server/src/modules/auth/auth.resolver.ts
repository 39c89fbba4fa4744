import { SessionStage, TokenTransport } from '@twofold/shared';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AnyStage, Allow, Inherit, Public } from '../../graphql/access';
import { CurrentCaller, OptionalCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import { SESSION_COOKIE } from '../../http/session-token';
import { secureCookies, serializeCookie } from '../../http/cookies';
import { User } from '../user/user.entity';
import { primeOwnProfile } from '../user/user.loaders';
import type { SessionDescription } from './session-view.service';
import { SessionView, SignInPayload } from './dto/session.type';
import { type Caller, CallerChange } from './caller';

@Resolver()
export class AuthResolver {
  @Query(() => SessionView, {
    nullable: true,
    description: 'The caller’s session; null when signed out.',
  })
  @Public()
  async session(
    @OptionalCaller() caller: Caller | null,
    @Ctx() ctx: Context,
  ): Promise<SessionView | null> {
    return caller ? ctx.services.sessionView.describe(caller) : null;
  }

  @Query(() => User, { nullable: true, description: 'The selected profile of the caller.' })
  @Allow([SessionStage.ENROLLMENT, SessionStage.ACTIVE])
  viewer(@CurrentCaller() caller: Caller, @Ctx() ctx: Context): User | null {
    primeOwnProfile(ctx, caller);
    return caller.user;
  }

  @Mutation(() => SignInPayload, {
    description:
      'Signs in with email and password. Wrong email and wrong password give the same UNAUTHENTICATED error. ' +
      'COOKIE sets the HttpOnly `twofold_session` cookie; BEARER returns the token once.',
  })
  @Public()
  async signIn(
    @Arg('email', { description: 'The login email (any case).' }) email: string,
    @Arg('password', { description: 'The password.' }) password: string,
    @Arg('transport', () => TokenTransport, {
      defaultValue: TokenTransport.COOKIE,
      description: 'How to carry the session.',
    })
    transport: TokenTransport,
    @OptionalCaller() previous: Caller | null,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<SignInPayload>> {
    const change = await ctx.services.passwordSignIn.signIn(
      { email, password, transport },
      ctx.meta,
      previous,
    );
    const { token, session } = change.value;
    if (transport === TokenTransport.COOKIE) {
      ctx.reply.header(
        'Set-Cookie',
        serializeCookie(SESSION_COOKIE, token, {
          secure: secureCookies(ctx.services.config.publicUrl),
        }),
      );
    }
    return new CallerChange(change.caller, {
      token: transport === TokenTransport.BEARER ? token : null,
      session,
    });
  }

  @Mutation(() => SessionView, {
    description: 'Chooses the profile to continue with, at PROFILE_SELECTION.',
  })
  @Allow([SessionStage.PROFILE_SELECTION])
  async selectProfile(
    @Arg('userId', () => ID, { description: 'A `Profile.userId` of `session.profiles`.' })
    userId: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<SessionDescription>> {
    return ctx.services.sessions.selectProfile(caller, userId, ctx.meta);
  }

  @Mutation(() => Boolean, { description: 'Ends the session, at any stage.' })
  @AnyStage()
  async signOut(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<CallerChange<boolean>> {
    const change = await ctx.services.sessions.signOut(caller);
    ctx.reply.header(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, '', {
        secure: secureCookies(ctx.services.config.publicUrl),
        maxAge: 0,
      }),
    );
    return change;
  }
}

@Resolver(() => SessionView)
export class SessionViewResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True when this session may use the login’s own powers: change its password, read its security ' +
      'activity (`login`), list and end the sessions of its other profiles. When any profile of the login ' +
      'holds a second factor, that takes a session that verified one it already held (setting up a first ' +
      'factor does not count); otherwise offer requestPasswordReset to change the password.',
  })
  @Inherit()
  async loginAssured(
    @OptionalCaller() caller: Caller | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    if (!caller?.user) return false;
    return ctx.services.loginAssurance.assured(caller);
  }
}
