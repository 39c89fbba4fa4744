import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { Active } from '../../graphql/access';
import { CurrentCaller } from '../../graphql/caller-seam';
import { type Caller, requireProfile } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Account } from './account.entity';

@Resolver()
export class AccountResolver {
  @Query(() => Account, { description: 'The account of the selected profile.' })
  @Active(Permission.SELF)
  account(@CurrentCaller() caller: Caller): Account {
    return requireProfile(caller).account;
  }

  @Mutation(() => Account, {
    description:
      'Sets the countries SMS codes may be sent to (ISO 3166-1 alpha-2, e.g. `GB`); owners only. An ' +
      'empty list allows no country, and is refused with BAD_USER_INPUT on `countries` (reason ' +
      'SMS_NEEDS_A_COUNTRY) while a user type allows SMS. `allowAllCountries: true` keeps every ' +
      'country allowed on an account that already has `allowAllSmsCountries`; it cannot be turned ' +
      'on again (BAD_USER_INPUT on `allowAllCountries`). Numbers already confirmed keep receiving ' +
      'sign-in codes whatever the list; only new numbers are checked.',
  })
  @Active(Permission.POLICIES_WRITE)
  updateAllowedSmsCountries(
    @Arg('countries', () => [String], { description: 'Region codes such as `GB`, `IE`, `US`.' })
    countries: string[],
    @Arg('allowAllCountries', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description:
        'Keep allowing every country (only where `allowAllSmsCountries` is true already); false ' +
        'narrows SMS to `countries`.',
    })
    allowAllCountries: boolean | null,
    @CurrentCaller() caller: Caller,
    @Ctx() ctx: Context,
  ): Promise<Account> {
    return ctx.services.accounts.updateAllowedSmsCountries(
      caller,
      { countries, allowAllCountries },
      ctx.meta,
    );
  }
}
