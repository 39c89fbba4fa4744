import { TokenTransport } from '@twofold/shared';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type Context, SESSION_COOKIE } from '../../graphql/context';
import { serializeCookie } from '../../http/cookies';
import { AnyStage, Allow, Public } from '../../graphql/guard';
import { SessionStage } from '@twofold/shared';
import { User } from '../user/user.entity';
import { SessionView, SignInPayload } from './auth.types';
import type { Caller } from './auth.service';

/** Plain-http localhost is the one place a session cookie may travel without Secure. */
function secureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

@Resolver()
export class AuthResolver {
  @Query(() => SessionView, {
    nullable: true,
    description: 'The caller’s session; null when signed out.',
  })
  @Public()
  async session(@Ctx() ctx: Context): Promise<SessionView | null> {
    const caller = await ctx.caller();
    return caller ? ctx.services.auth.describe(caller) : null;
  }

  @Query(() => User, { nullable: true, description: 'The selected profile of the caller.' })
  @Allow([SessionStage.ENROLLMENT, SessionStage.ACTIVE])
  async viewer(@Ctx() ctx: Context): Promise<User | null> {
    return (await ctx.caller())?.user ?? null;
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
    @Ctx() ctx: Context,
  ): Promise<SignInPayload> {
    const previous = await ctx.caller();
    const { token, caller } = await ctx.services.auth.signIn(
      { email, password, transport },
      ctx.meta,
    );
    if (previous) await ctx.services.auth.signOut(previous);
    if (transport === TokenTransport.COOKIE) {
      ctx.reply.header(
        'Set-Cookie',
        serializeCookie(SESSION_COOKIE, token, {
          secure: secureCookies(ctx.services.config.publicUrl),
        }),
      );
    }
    ctx.setCaller(caller);
    return {
      token: transport === TokenTransport.BEARER ? token : null,
      session: await ctx.services.auth.describe(caller),
    };
  }

  @Mutation(() => SessionView, {
    description: 'Chooses the profile to continue with, at PROFILE_SELECTION.',
  })
  @Allow([SessionStage.PROFILE_SELECTION])
  async selectProfile(
    @Arg('userId', () => ID, { description: 'A `Profile.userId` of `session.profiles`.' })
    userId: string,
    @Ctx() ctx: Context,
  ): Promise<SessionView> {
    const caller = (await ctx.caller()) as Caller;
    const next = await ctx.services.auth.selectProfile(caller, userId, ctx.meta);
    ctx.setCaller(next);
    return ctx.services.auth.describe(next);
  }

  @Mutation(() => Boolean, { description: 'Ends the session, at any stage.' })
  @AnyStage()
  async signOut(@Ctx() ctx: Context): Promise<boolean> {
    const caller = (await ctx.caller()) as Caller;
    await ctx.services.auth.signOut(caller);
    ctx.reply.header(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, '', {
        secure: secureCookies(ctx.services.config.publicUrl),
        maxAge: 0,
      }),
    );
    ctx.setCaller(null);
    return true;
  }
}
