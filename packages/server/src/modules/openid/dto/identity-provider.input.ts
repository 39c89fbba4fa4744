import { ProviderTwoFactorPolicy } from '@twofold/shared';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new OpenID Connect provider of the account.' })
export class CreateIdentityProviderInput {
  @Field({ description: 'Shown on the sign-in button, 1 to 100 characters.' })
  displayName: string;

  @Field({
    description:
      'The issuer URL (https; plain http only on localhost). Discovery reads `/.well-known/openid-configuration` under it.',
  })
  issuerUrl: string;

  @Field({ description: 'The client id registered at the provider (at most 255 characters).' })
  clientId: string;

  @Field({
    description:
      'The client secret (at most 512 characters). Stored sealed; no query ever returns it.',
  })
  clientSecret: string;

  @Field(() => [String], {
    defaultValue: [],
    description:
      'Email domains allowed to sign in through the provider, e.g. ["example.com"] (at most 20); empty allows any.',
  })
  allowedEmailDomains: string[];

  @Field(() => ProviderTwoFactorPolicy, {
    defaultValue: ProviderTwoFactorPolicy.REQUIRE_TWOFOLD,
    description: 'What a sign-in through the provider means for Twofold’s second factor.',
  })
  twoFactorPolicy: ProviderTwoFactorPolicy;

  @Field(() => [String], {
    defaultValue: [],
    description: 'With TRUST_PROVIDER: `acr` values that count as a second factor (at most 10).',
  })
  trustedAcrValues: string[];
}

@InputType({ description: 'Changes to a provider; omitted fields keep their value.' })
export class UpdateIdentityProviderInput {
  @Field(() => String, { nullable: true, description: 'New button name.' })
  displayName?: string;

  @Field(() => String, { nullable: true, description: 'New issuer URL.' })
  issuerUrl?: string;

  @Field(() => String, { nullable: true, description: 'New client id.' })
  clientId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'A new client secret; omit it to keep the stored one.',
  })
  clientSecret?: string;

  @Field(() => [String], { nullable: true, description: 'New list of allowed email domains.' })
  allowedEmailDomains?: string[];

  @Field(() => ProviderTwoFactorPolicy, { nullable: true, description: 'New second-factor rule.' })
  twoFactorPolicy?: ProviderTwoFactorPolicy;

  @Field(() => [String], { nullable: true, description: 'New trusted `acr` values.' })
  trustedAcrValues?: string[];
}
