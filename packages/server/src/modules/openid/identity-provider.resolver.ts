import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Active, Inherit, Public } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import type { Context } from '../../graphql/context';
import { openIdStateCookies } from '../../http/openid-cookie';
import type { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import {
  CreateIdentityProviderInput,
  UpdateIdentityProviderInput,
} from './dto/identity-provider.input';
import { SignInOption } from './dto/sign-in-option.type';
import { IdentityProvider } from './identity-provider.entity';
import { OpenIdPurpose } from './openid-attempt.entity';

/** Where a same-origin form POSTs to start a sign-in through `providerId`. */
export const startPathOf = (providerId: string) =>
  `/oidc/start?provider=${encodeURIComponent(providerId)}`;

@Resolver(() => IdentityProvider)
export class IdentityProviderResolver {
  @Query(() => [IdentityProvider], {
    description: 'The account’s OpenID Connect providers (Owners and Administrators).',
  })
  @Active(Permission.POLICIES_READ)
  identityProviders(
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<IdentityProvider[]> {
    return ctx.services.identityProviders.list(caller);
  }

  @Query(() => [SignInOption], {
    description:
      'The OpenID providers offered on the sign-in page: the account’s when `accountSlug` is given (the ' +
      '`/a/<slug>` sign-in URL), else, by the domain of `email`, the providers allowing that domain of the one ' +
      'account that has verified it (see `accountDomains`); an unverified domain offers none. An invalid email ' +
      'gives BAD_USER_INPUT on `email`.',
  })
  @Public()
  async signInOptions(
    @Arg('accountSlug', () => String, { nullable: true, description: 'The account’s slug.' })
    accountSlug: string | null,
    @Arg('email', () => String, { nullable: true, description: 'The email being typed in.' })
    email: string | null,
    @Ctx() ctx: Context,
  ): Promise<SignInOption[]> {
    const options = await ctx.services.identityProviders.signInOptions({ accountSlug, email });
    return options.map((option) => ({ ...option, startPath: startPathOf(option.id) }));
  }

  @Mutation(() => IdentityProvider, {
    description:
      'Adds an OpenID Connect provider (owners only). Bad input gives BAD_USER_INPUT on the field; an account ' +
      'holds at most 10 providers.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  createIdentityProvider(
    @Arg('input', () => CreateIdentityProviderInput, { description: 'The provider.' })
    input: CreateIdentityProviderInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<IdentityProvider> {
    return ctx.services.identityProviders.create(caller, { ...input }, ctx.meta);
  }

  @Mutation(() => IdentityProvider, {
    description:
      'Changes a provider (owners only). A new second-factor rule applies to signed-in sessions at their next request.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  updateIdentityProvider(
    @Arg('id', () => ID, { description: 'The provider’s id.' }) id: string,
    @Arg('input', () => UpdateIdentityProviderInput, { description: 'The fields to change.' })
    input: UpdateIdentityProviderInput,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<IdentityProvider> {
    return ctx.services.identityProviders.update(caller, id, { ...input }, ctx.meta);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a provider (owners only), with its linked logins; every session signed in through it ends.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  removeIdentityProvider(
    @Arg('id', () => ID, { description: 'The provider’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.identityProviders.remove(caller, id, ctx.meta);
  }

  @Mutation(() => String, {
    description:
      'Starts a test sign-in with the provider (owners only) and returns the URL to open in this browser. No ' +
      'session comes of it: the provider sends the browser back to `/security?testedProvider=<id>` with ' +
      '`emailVerified` and `secondFactor` (1 or 0), or with `openIdError=<OpenIdFailure>`.',
  })
  @Active(Permission.IDENTITY_PROVIDERS_WRITE)
  async testIdentityProvider(
    @Arg('id', () => ID, { description: 'The provider’s id.' }) id: string,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<string> {
    const { authorizationUrl, state } = await ctx.services.openId.start(
      { providerId: id, purpose: OpenIdPurpose.TEST, caller },
      ctx.meta,
    );
    ctx.reply.header(
      'Set-Cookie',
      openIdStateCookies(ctx.services.config.publicUrl, state, ctx.request.headers.cookie),
    );
    return authorizationUrl;
  }

  @FieldResolver(() => String, {
    description: 'The redirect URI to register at the provider for this client.',
  })
  @Inherit()
  redirectUri(@Ctx() ctx: Context): string {
    return ctx.services.openId.redirectUri;
  }

  @FieldResolver(() => String, {
    description:
      'The relative URL a same-origin form POSTs to, to start a sign-in through this provider.',
  })
  @Inherit()
  startPath(@Root() provider: IdentityProvider): string {
    return startPathOf(provider.id);
  }
}
