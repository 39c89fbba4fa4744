import { ProviderTwoFactorPolicy, UserType } from '@twofold/shared';
import { Field, InputType, Int } from 'type-graphql';

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
    description:
      'With TRUST_PROVIDER: `acr` values that count as a second factor (at most 10). They are requested from ' +
      'the provider (`acr_values`).',
  })
  trustedAcrValues: string[];

  @Field(() => [UserType], {
    defaultValue: [],
    description:
      'The user types the rule may spare Twofold’s second factor (TRUST_PROVIDER, EXEMPT). Empty: none, so ' +
      'every profile gives Twofold’s second factor as after a password.',
  })
  waiverUserTypes: UserType[];

  @Field(() => Int, {
    nullable: true,
    defaultValue: 600,
    description:
      'When the rule may spare the second factor: the oldest provider sign-in (`auth_time`) that does, in ' +
      'seconds (0 to 86400), sent as `max_age`. Null: any age.',
  })
  maxAgeSeconds: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Must be true to tick a user type whose policy requires a second factor: the provider’s sign-in then ' +
      'stands in for it. Not stored.',
  })
  confirmRequiredTypes?: boolean | null;
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

  @Field(() => [UserType], {
    nullable: true,
    description: 'New user types the rule may spare Twofold’s second factor.',
  })
  waiverUserTypes?: UserType[];

  @Field(() => Int, {
    nullable: true,
    description:
      'New oldest provider sign-in that spares the second factor, in seconds; null for any age, omit to keep it.',
  })
  maxAgeSeconds?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Must be true to tick a user type whose policy requires a second factor (see CreateIdentityProviderInput).',
  })
  confirmRequiredTypes?: boolean | null;
}
